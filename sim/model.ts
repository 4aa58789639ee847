// The composition root: builds one model in SimPy's order — kernel and random streams first, then
// the ledger, then the world — from a record of options, and exposes it as a small object a
// script drives: step(), run({ until }), on("period", ...), tables().
//
// Assumptions and units: options not given take the paper's values (./presets.ts); times are
// simulated ms from the profile's start; prices p/kWh; energy Wh. A profile passed in (e.g. loaded
// from measured data) replaces the generator, and then start/days/microgrids must not be given.
// Plugins (bidder, mechanism, ledger) are named, and resolved through their registries here, so a
// script can register its own before calling createModel.
import { Kernel, Streams } from "./kernel/index.js";
import {
  generateProfile,
  makeProfileConfig,
  ProfileError,
  type MicrogridSpec,
  type Profile,
} from "./data/index.js";
import {
  checkMarketConfig,
  definedFields,
  marketConfig,
  type MarketConfigInput,
  type MarketLimits,
} from "./market/index.js";
import {
  ledgerPlugin,
  NO_FAULTS,
  type FaultSchedule,
  type Ledger,
  type LedgerContext,
  type LedgerPlugin,
  type TxLogKeep,
} from "./ledger/index.js";
import {
  ledgerChannel,
  scenarioFromShorthand,
  World,
  type OrderChannel,
  type ChannelEvents,
  type PeriodOutcome,
  type Recorder,
  type Scenario,
} from "./grid/index.js";
import { buildFleet, devicePolicies, type DeviceOptions } from "./devices/index.js";
import { UnknownPluginError } from "./kernel/registry.js";
import { RunRecorder, type AgentTotals, type PeriodRows, type TradeRows } from "./metrics/index.js";
import { PAPER, paperPreset, type TradingOptions } from "./presets.js";

export interface ModelOptions {
  /** Root seed of every random stream (default 2022). */
  seed?: number | string;
  /**
   * Synthetic profiles: first period's start (ISO-8601 with offset), days, microgrids. A spec's
   * `shiftHours` moves its generation (the generator applies it; the result equals shiftProfile
   * with series "pv"), so the default, paperMicrogrids(), gives MG3 the paper's 12-h shift.
   */
  start?: string;
  days?: number;
  microgrids?: readonly MicrogridSpec[];
  /**
   * A ready profile (e.g. measured data, sim/data loadProfileCsv) instead of the generator, used
   * as it is: shift it first with shiftProfile (sim/data) if a microgrid should trade at other hours.
   */
  profile?: Profile;
  /** Main-grid prices (p/kWh). */
  limits?: Partial<MarketLimits>;
  /** Market settings; `bidder` and `mechanism` name registered plugins. */
  market?: MarketConfigInput;
  trading?: Partial<TradingOptions>;
  /** "grid", "all", microgrids joined by "+", or a scenario record. */
  scenario?: string | Scenario;
  /** A registered ledger's name ("ideal", "iota", "ethereum" built in) and its options. */
  ledger?: string;
  ledgerOptions?: unknown;
  faults?: FaultSchedule;
  /** What to keep: per-trade rows, and every ledger transaction (false: only unresolved ones). */
  outputs?: { trades?: boolean; transactions?: boolean };
  /** Home batteries and EVs, and the registered device policy that runs them (docs/storage.md); omitted: none. */
  devices?: DeviceOptions;
}

/** Called with each settled period; its arrays are reused, so copy what you keep. */
export type PeriodListener = (outcome: PeriodOutcome) => void;

export interface ModelTables {
  /** One row per period and microgrid. */
  periods: PeriodRows;
  /** One row per period and agent with an order (empty when outputs.trades is false). */
  trades: TradeRows;
  /** Per-agent totals over the periods run so far, indexed by agent id. */
  agents: AgentTotals;
}

export interface Model {
  readonly kernel: Kernel;
  readonly streams: Streams;
  readonly profile: Profile;
  readonly scenario: Scenario;
  /** The ledger model, or undefined for instant confirmation. */
  readonly ledger: Ledger | undefined;
  readonly world: World;
  readonly recorder: RunRecorder;
  /** Simulated time (ms from the profile's start). */
  readonly now: number;
  /** Subscribes to settled periods; returns the unsubscribe function. */
  on(event: "period", listener: PeriodListener): () => void;
  /** Runs the next event; false when none is left (the run is over). */
  step(): boolean;
  /** Runs events until none is left, or up to (not including) simulated time `until` (ms). */
  run(options?: { until?: number }): void;
  /** The result tables so far. */
  tables(): ModelTables;
}

const MS_PER_MINUTE = 60_000;

/** An option the model cannot be built with (the message names it and what was expected). */
export class OptionError extends RangeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OptionError";
  }
}

/**
 * The profile the options describe (generated with its own streams of the same seed). With a
 * profile given, start, days and microgrids may only repeat the paper preset's (so
 * `{ ...paperPreset(), profile }` works) and the periods must match trading.periodMinutes.
 */
function profileOf(options: ModelOptions, seed: number | string, periodMs: number): Profile {
  const preset = paperPreset();
  if (options.profile !== undefined) {
    const same = {
      start: options.start === undefined || options.start === preset.start,
      days: options.days === undefined || options.days === preset.days,
      microgrids:
        options.microgrids === undefined ||
        JSON.stringify(options.microgrids) === JSON.stringify(preset.microgrids),
    };
    for (const [key, ok] of Object.entries(same)) {
      if (!ok) throw new OptionError(`${key}: applies to generated profiles, and a profile was given`);
    }
    if (options.profile.periodMs !== periodMs)
      throw new OptionError(
        `trading.periodMinutes: ${periodMs / MS_PER_MINUTE}, but the profile's periods are ${options.profile.periodMs / MS_PER_MINUTE} min`,
      );
    return options.profile;
  }
  const config = makeProfileConfig({
    start: options.start ?? preset.start,
    days: options.days ?? preset.days,
    microgrids: options.microgrids ?? preset.microgrids,
    periodMs,
  });
  try {
    return generateProfile(config, new Streams(seed));
  } catch (error) {
    if (error instanceof ProfileError) throw new OptionError(error.message, { cause: error });
    throw error;
  }
}

/** Main-grid prices and trading times a market can run with; throws OptionError naming the field. */
function checkTrading(limits: MarketLimits, trading: TradingOptions, roundSeconds: number): void {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new OptionError(`${field}: expected ${expected}, got ${String(got)}`);
  };
  if (!(limits.pgs > 0 && Number.isFinite(limits.pgs))) fail("limits.pgs", "a positive price", limits.pgs);
  if (!(limits.pgb > limits.pgs && Number.isFinite(limits.pgb)))
    fail("limits.pgb", `a price above pgs (${limits.pgs})`, limits.pgb);
  const { periodMinutes, windowMinutes, forecastErrorSd } = trading;
  if (!(periodMinutes > 0)) fail("trading.periodMinutes", "a positive number of minutes", periodMinutes);
  if (!(windowMinutes > 0 && windowMinutes < periodMinutes))
    fail("trading.windowMinutes", `minutes in (0, ${periodMinutes})`, windowMinutes);
  if (!(roundSeconds > 0 && roundSeconds <= windowMinutes * 60))
    fail(
      "trading.roundSeconds",
      `seconds in (0, ${windowMinutes * 60}] (a round fits the window)`,
      roundSeconds,
    );
  if (!(forecastErrorSd >= 0 && Number.isFinite(forecastErrorSd)))
    fail("trading.forecastErrorSd", "a number >= 0", forecastErrorSd);
}

function scenarioOf(scenario: string | Scenario, profile: Profile): Scenario {
  return typeof scenario === "string" ? scenarioFromShorthand(scenario, profile.microgrids) : scenario;
}

/** The plugin's ledger model (undefined: instant confirmation). Its parameter checks are option errors. */
function buildLedger(plugin: LedgerPlugin, options: unknown, context: LedgerContext): Ledger | undefined {
  if (plugin.create === null) return undefined;
  try {
    return plugin.create(context, options);
  } catch (error) {
    if (error instanceof RangeError)
      throw new OptionError(`${plugin.name}: ${error.message}`, { cause: error });
    throw error;
  }
}

function copyTotals(totals: AgentTotals): AgentTotals {
  return Object.fromEntries(
    Object.entries(totals).map(([k, v]: [string, Float64Array]) => [k, Float64Array.from(v)]),
  ) as unknown as AgentTotals;
}

/** The run's devices and their policy; bad parameters and unknown policies are option errors. */
function buildDevices(options: DeviceOptions, profile: Profile, streams: Streams, limits: MarketLimits) {
  try {
    const fleet = buildFleet(profile, options, streams);
    const policy = devicePolicies.get(options.policy).create({ fleet, limits });
    return { fleet, policy };
  } catch (error) {
    if (error instanceof RangeError || error instanceof UnknownPluginError)
      throw new OptionError(error.message, { cause: error });
    throw error;
  }
}

/** Builds a model; every option not given is the paper's (sim/presets.ts). */
export function createModel(options: ModelOptions = {}): Model {
  const seed = options.seed ?? PAPER.seed;
  // Undefined fields keep the preset's value: `{ k: undefined }` is "not given", not "no k".
  const trading: TradingOptions = { ...PAPER.trading, ...definedFields(options.trading) };
  const limits: MarketLimits = { ...PAPER.limits, ...definedFields(options.limits) };
  const market = marketConfig(options.market);
  try {
    checkMarketConfig(market);
  } catch (error) {
    if (error instanceof RangeError) throw new OptionError(error.message, { cause: error });
    throw error;
  }
  const plugin = ledgerPlugin(options.ledger ?? PAPER.ledger);
  const roundSeconds = trading.roundSeconds ?? plugin.defaultRoundSeconds;
  checkTrading(limits, trading, roundSeconds);
  // Kernel and streams first, then the data they drive, the ledger, and the world.
  const kernel = new Kernel();
  const streams = new Streams(seed);
  const profile = profileOf(options, seed, Math.round(trading.periodMinutes * MS_PER_MINUTE));
  const scenario = scenarioOf(options.scenario ?? PAPER.scenario, profile);
  const keepLog: TxLogKeep = options.outputs?.transactions === false ? "unresolved" : "all";
  const agents = profile.agents.length;
  const ledger = buildLedger(plugin, options.ledgerOptions, {
    kernel,
    streams,
    faults: options.faults ?? NO_FAULTS,
    keepLog,
    memberOf: Int32Array.from(profile.agents, (a) => a.microgridIndex),
    chains: profile.microgrids.length,
    limits,
  });
  const devices =
    options.devices === undefined ? undefined : buildDevices(options.devices, profile, streams, limits);
  const listeners: PeriodListener[] = [];
  const recorder = new RunRecorder(agents, profile.pv, profile.load, profile.periods, {
    trades: options.outputs?.trades ?? true,
  });
  const observer: Recorder = {
    period(outcome) {
      recorder.period(outcome);
      // A copy: a listener that unsubscribes mid-dispatch must not make the next one miss a period.
      for (const listener of listeners.slice()) listener(outcome);
    },
  };
  const world = new World({
    kernel,
    profile,
    streams,
    recorder: observer,
    config: {
      limits,
      market,
      tradingWindowMs: Math.round(trading.windowMinutes * MS_PER_MINUTE),
      roundIntervalMs: Math.round(roundSeconds * 1000),
      forecastErrorSd: trading.forecastErrorSd,
      scenario,
    },
    ...(ledger === undefined
      ? {}
      : { channel: (events: ChannelEvents): OrderChannel => ledgerChannel(ledger, agents, events) }),
    ...(devices === undefined ? {} : { devices }),
  });
  world.start();
  return {
    kernel,
    streams,
    profile,
    scenario,
    ledger,
    world,
    recorder,
    get now() {
      return kernel.now;
    },
    on(event, listener) {
      if (event !== "period")
        throw new RangeError(`Model.on: unknown event "${String(event)}" (known: period)`);
      listeners.push(listener);
      return () => {
        const k = listeners.indexOf(listener);
        if (k >= 0) listeners.splice(k, 1);
      };
    },
    step: () => kernel.step(),
    run(runOptions = {}) {
      kernel.run(runOptions.until === undefined ? {} : { until: runOptions.until });
    },
    // Copies: a later run() must not change tables already handed out.
    tables: () => ({
      periods: recorder.periods,
      trades: recorder.trades,
      agents: copyTotals(recorder.totals),
    }),
  };
}
