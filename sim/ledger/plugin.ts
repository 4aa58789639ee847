// The Ledger seam: what a ledger plugin is given and what it builds. The registry (registry.ts)
// holds plugins by name; the built-ins are in plugins.ts.
import type { Kernel, Streams } from "../kernel/index.js";
import type { MarketLimits } from "../market/index.js";
import type { CarbonIntensity } from "./carbon.js";
import type { FaultSchedule } from "./faults.js";
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

/**
 * When a ledger's figures are from: "2022", the paper's time (IOTA 2.0, Ethereum before and at the
 * Merge), or "today", a ledger in service now. Table I groups its columns by it.
 */
export interface LedgerVintage {
  readonly era: "2022" | "today";
  /** The month its figures are calibrated to (ISO, e.g. "2025-07"). */
  readonly calibrated: string;
}

/** Where a ledger's Table I figures come from, one line each (docs/ledger.md has the detail). */
export interface LedgerSources {
  /** The fee model and its prices. */
  readonly fee: string;
  /** The latency model (what the time to confirmation is built from). */
  readonly time: string;
}

/** A ledger model under a name, as a config's `ledgers` entry refers to it. */
export interface LedgerPlugin<Options = unknown> {
  /** Letters, digits, '.', '_' or '-'. */
  readonly name: string;
  /** Short description for --help / docs. */
  readonly description: string;
  /** What its safety rests on, in one sentence (reports print it beside the ledger's figures). */
  readonly security?: string;
  /** A short name for tables, e.g. "IOTA Rebased L1". */
  readonly label?: string;
  /** The paper's time or today, and the month of its calibration. */
  readonly vintage?: LedgerVintage;
  /** Intensity of the electricity its nodes draw (settlement CO2 per kWh traded). */
  readonly carbon?: CarbonIntensity;
  /** Sources of its fee and time figures. */
  readonly sources?: LedgerSources;
  /** The confirmation the market waits for under `options`, in a few words. */
  readonly waitsFor?: (options: Options | undefined) => string;
  /** Round length the market uses on this ledger by default (s). */
  readonly defaultRoundSeconds: number;
  /** Fault kinds (sim/ledger/faults.ts) the model reacts to; a fault no run's ledger reacts to is refused. */
  readonly faultKinds?: readonly string[];
  /**
   * Builds the ledger model for one run; `options` are the config's overrides for this ledger
   * (undefined when there are none). Contract rules come from `contractRules(context)`. `null`: no
   * ledger model — every order is confirmed the moment it is sent (instant confirmation, "ideal").
   */
  readonly create: ((context: LedgerContext, options: Options | undefined) => Ledger) | null;
}
