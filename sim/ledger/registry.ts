// Ledger models by name: what a config's `ledgers` entry refers to. A plugin builds its model for one
// run from what the run gives it (kernel, streams, faults, the market's membership and limits), so the
// code that runs the market never needs to know which models exist.
//
// Assumptions:
// - Names are unique; registering a name again is an error unless the caller asks to replace it.
// - Nothing depends on the order plugins were registered in: ledgerNames() is sorted, and a plugin
//   sees only its own context and options.
// - A plugin without a ledger model (`create: null`, the built-in "ideal") means instant confirmation:
//   the market sees every order the moment it is sent (the world's ideal channel).
import { DuplicatePluginError, Registry, UnknownPluginError } from "../kernel/registry.js";
import type { LedgerPlugin } from "./plugin.js";
import { BUILT_IN_LEDGERS } from "./plugins.js";

export type { LedgerContext, LedgerPlugin } from "./plugin.js";

/** A name no ledger plugin is registered under. */
export class UnknownLedgerError extends UnknownPluginError {
  get ledger(): string {
    return this.requested;
  }
}

/** A ledger name registered twice without asking to replace the first plugin. */
export class DuplicateLedgerError extends DuplicatePluginError {
  get ledger(): string {
    return this.duplicate;
  }
}

function checkLedger(plugin: LedgerPlugin): void {
  const { name, defaultRoundSeconds, create } = plugin;
  if (!(defaultRoundSeconds > 0) || !Number.isFinite(defaultRoundSeconds)) {
    throw new RangeError(
      `registerLedger(${name}): defaultRoundSeconds must be a positive number, got ${defaultRoundSeconds}`,
    );
  }
  if (create !== null && typeof create !== "function") {
    throw new TypeError(`registerLedger(${name}): create must be a function or null`);
  }
}

/** Every ledger a config may name (the same registry type as bidders and mechanisms). */
export const ledgers = new Registry<LedgerPlugin>("ledger", checkLedger);

/**
 * Registers `plugin` under its name. A name already registered is an error unless `replace` is true
 * (then the new plugin takes its place). Returns the plugin.
 */
export function registerLedger<Options>(
  plugin: LedgerPlugin<Options>,
  options: { replace?: boolean } = {},
): LedgerPlugin<Options> {
  if (ledgers.has(plugin.name) && options.replace !== true)
    throw new DuplicateLedgerError("ledger", plugin.name);
  ledgers.register(plugin as LedgerPlugin, { replace: true });
  return plugin;
}

/** Removes the plugin registered under `name`; returns whether there was one. */
export function unregisterLedger(name: string): boolean {
  return ledgers.unregister(name);
}

/** The plugin registered under `name`; throws UnknownLedgerError naming the known names. */
export function ledgerPlugin(name: string): LedgerPlugin {
  if (!ledgers.has(name)) throw new UnknownLedgerError("ledger", name, ledgers.names());
  return ledgers.get(name);
}

/** Whether a plugin is registered under `name`. */
export function hasLedger(name: string): boolean {
  return ledgers.has(name);
}

/** Names of the registered plugins, sorted (registration order never shows). */
export function ledgerNames(): string[] {
  return ledgers.names();
}

/** Names of the registered plugins that build a ledger model (every one but instant confirmation), sorted. */
export function ledgerModelNames(): string[] {
  return ledgers.names().filter((name) => ledgers.get(name).create !== null);
}

for (const plugin of BUILT_IN_LEDGERS) registerLedger(plugin);
