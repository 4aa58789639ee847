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
import type { Kernel, Streams } from "../kernel/index.js";
import type { MarketLimits } from "../market/index.js";
import type { FaultSchedule } from "./faults.js";
import { BUILT_IN_LEDGERS } from "./plugins.js";
import type { TxLogKeep } from "./tx-log.js";
import type { Ledger } from "./types.js";

/** What a run gives a ledger model. */
export interface LedgerContext {
  /** The run's kernel: outcomes are events on it. */
  readonly kernel: Kernel;
  /** The run's random streams; a model draws only from streams it names (e.g. "iota/pow"). */
  readonly streams: Streams;
  /** Faults of the run; a model applies the kinds it knows and leaves the others alone. */
  readonly faults: FaultSchedule;
  /** Which transaction rows the model's log stores (TxLog). */
  readonly keepLog: TxLogKeep;
  /** Microgrid (chain) index of each agent, by dense agent id; agents are senders 0..length-1. */
  readonly memberOf: Int32Array;
  /** Number of microgrids: chains (IOTA) or contract instances (Ethereum). */
  readonly chains: number;
  /** The market's main-grid prices: orders must be priced inside (Pgs, Pgb). */
  readonly limits: Readonly<MarketLimits>;
}

/** A ledger model under a name, as a config's `ledgers` entry refers to it. */
export interface LedgerPlugin<Options = unknown> {
  /** Letters, digits, '.', '_' or '-'. */
  readonly name: string;
  /** Short description for --help / docs. */
  readonly description: string;
  /** Round length the market uses on this ledger by default (s). */
  readonly defaultRoundSeconds: number;
  /**
   * Builds the ledger model for one run; `options` are the config's overrides for this ledger
   * (undefined when there are none). Contract rules come from `contractRules(context)`. `null`: no
   * ledger model — every order is confirmed the moment it is sent (instant confirmation, "ideal").
   */
  readonly create: ((context: LedgerContext, options: Options | undefined) => Ledger) | null;
}

/** A name no plugin is registered under. */
export class UnknownLedgerError extends Error {
  readonly ledger: string;
  readonly known: readonly string[];

  constructor(ledger: string, known: readonly string[]) {
    super(`unknown ledger ${JSON.stringify(ledger)} (known: ${known.join(", ")})`);
    this.name = "UnknownLedgerError";
    this.ledger = ledger;
    this.known = known;
  }
}

/** A name registered twice without asking to replace the first plugin. */
export class DuplicateLedgerError extends Error {
  readonly ledger: string;

  constructor(ledger: string) {
    super(`ledger ${JSON.stringify(ledger)} is already registered (pass { replace: true } to replace it)`);
    this.name = "DuplicateLedgerError";
    this.ledger = ledger;
  }
}

const NAME = /^[A-Za-z0-9._-]+$/;
const plugins = new Map<string, LedgerPlugin>();

/**
 * Registers `plugin` under its name. A name already registered is an error unless `replace` is true
 * (then the new plugin takes its place). Returns the plugin.
 */
export function registerLedger<Options>(
  plugin: LedgerPlugin<Options>,
  options: { replace?: boolean } = {},
): LedgerPlugin<Options> {
  const { name, defaultRoundSeconds, create } = plugin;
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new RangeError(
      `registerLedger: name must be letters, digits, '.', '_' or '-', got ${JSON.stringify(name)}`,
    );
  }
  if (!(defaultRoundSeconds > 0) || !Number.isFinite(defaultRoundSeconds)) {
    throw new RangeError(
      `registerLedger(${name}): defaultRoundSeconds must be a positive number, got ${defaultRoundSeconds}`,
    );
  }
  if (create !== null && typeof create !== "function") {
    throw new TypeError(`registerLedger(${name}): create must be a function or null`);
  }
  if (plugins.has(name) && options.replace !== true) throw new DuplicateLedgerError(name);
  plugins.set(name, plugin as LedgerPlugin);
  return plugin;
}

/** Removes the plugin registered under `name`; returns whether there was one. */
export function unregisterLedger(name: string): boolean {
  return plugins.delete(name);
}

/** The plugin registered under `name`; throws UnknownLedgerError naming the known names. */
export function ledgerPlugin(name: string): LedgerPlugin {
  const plugin = plugins.get(name);
  if (plugin === undefined) throw new UnknownLedgerError(name, ledgerNames());
  return plugin;
}

/** Whether a plugin is registered under `name`. */
export function hasLedger(name: string): boolean {
  return plugins.has(name);
}

/** Names of the registered plugins, sorted (registration order never shows). */
export function ledgerNames(): string[] {
  return [...plugins.keys()].sort();
}

for (const plugin of BUILT_IN_LEDGERS) registerLedger(plugin);
