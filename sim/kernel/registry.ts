// Plugins registered by name (the pattern of d3-force's `simulation.force(name, force)`): configs,
// worker threads and user scripts refer to a plugin by its name, and the core looks it up here
// instead of testing names itself.
//
// Assumptions: names are case-sensitive, non-empty identifiers; a registry holds one plugin per
// name. Registering a name twice is an error unless the caller says it replaces the first, so a
// typo cannot silently shadow a built-in. Listing is in name order (never insertion order), so
// what a registry shows does not depend on which module happened to load first.

/** Anything a registry holds: a plugin names itself. */
export interface Named {
  readonly name: string;
}

/** A plugin was asked for by a name nobody registered. */
export class UnknownPluginError extends Error {
  readonly kind: string;
  readonly requested: string;
  readonly known: readonly string[];

  constructor(kind: string, requested: string, known: readonly string[]) {
    super(`unknown ${kind} "${requested}" (known: ${known.join(", ")})`);
    this.name = "UnknownPluginError";
    this.kind = kind;
    this.requested = requested;
    this.known = known;
  }
}

/** A name registered twice without asking to replace the first plugin. */
export class DuplicatePluginError extends Error {
  readonly kind: string;
  readonly duplicate: string;

  constructor(kind: string, name: string) {
    super(`${kind} "${name}" is already registered (pass { replace: true } to replace it)`);
    this.name = "DuplicatePluginError";
    this.kind = kind;
    this.duplicate = name;
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export class Registry<T extends Named> {
  /** What the plugins are, for messages ("bidder", "mechanism", "ledger"). */
  readonly kind: string;
  readonly #plugins = new Map<string, T>();
  readonly #check: ((plugin: T) => void) | undefined;

  /** `check` refuses a malformed plugin (throws) before it is registered. */
  constructor(kind: string, check?: (plugin: T) => void) {
    this.kind = kind;
    this.#check = check;
  }

  /** Adds `plugin` under its name; `replace` must be set to take the place of one already there. */
  register(plugin: T, options: { replace?: boolean } = {}): T {
    if (typeof plugin.name !== "string" || !NAME.test(plugin.name)) {
      throw new RangeError(
        `${this.kind} name ${JSON.stringify(plugin.name)}: expected letters, digits, '.', '_' or '-'`,
      );
    }
    this.#check?.(plugin);
    if (this.#plugins.has(plugin.name) && options.replace !== true)
      throw new DuplicatePluginError(this.kind, plugin.name);
    this.#plugins.set(plugin.name, plugin);
    return plugin;
  }

  /** Removes the plugin called `name`; returns whether there was one. */
  unregister(name: string): boolean {
    return this.#plugins.delete(name);
  }

  /** The plugin called `name`; throws UnknownPluginError naming the known ones. */
  get(name: string): T {
    const plugin = this.#plugins.get(name);
    if (plugin === undefined) throw new UnknownPluginError(this.kind, name, this.names());
    return plugin;
  }

  has(name: string): boolean {
    return this.#plugins.has(name);
  }

  /** Registered names, sorted. */
  names(): string[] {
    return [...this.#plugins.keys()].sort();
  }
}
