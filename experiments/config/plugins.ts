// Plugin modules a config names (`plugins`): imported before the config is validated, so that the
// bidders, mechanisms and ledgers they register can be named in it, and again in every sweep
// worker thread (each thread has its own registries). A module registers its plugins when it is
// imported (e.g. `bidders.register(...)` from "p2p-energy-sim"); importing it twice is harmless,
// Node loads a module once per thread.
//
// Assumptions: a spec starting with "." or "/" is a path relative to the config's folder; anything
// else is a package name resolved as Node resolves imports from this package.
import { dirname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../cli/errors.js";
import { readJsonFile } from "../io/json.js";

function specifier(spec: string, baseDir: string): string {
  return spec.startsWith(".") || isAbsolute(spec) ? pathToFileURL(resolve(baseDir, spec)).href : spec;
}

/** Imports every plugin module of `specs` (in order); a module that fails is an InputError naming it. */
export async function loadPlugins(specs: readonly string[], baseDir: string, source?: string): Promise<void> {
  for (const [i, spec] of specs.entries()) {
    try {
      await import(specifier(spec, baseDir));
    } catch (error) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new InputError(
        `${source === undefined ? "" : `${source}: `}plugins[${i}]: cannot load "${spec}": ${why}`,
      );
    }
  }
}

/**
 * Imports the plugin modules the config file at `path` names, before it is validated. A `plugins`
 * field of the wrong shape is left for the validator to report.
 */
export async function preloadPlugins(path: string): Promise<void> {
  const data = readJsonFile(path) as { plugins?: unknown } | null;
  const specs = data?.plugins;
  if (Array.isArray(specs) && specs.every((s): s is string => typeof s === "string"))
    await loadPlugins(specs, dirname(resolve(path)), path);
}
