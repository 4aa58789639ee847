// Runs one config: builds the profile once, then a model (sim/model.ts) for every (ledger, scenario).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Streams } from "../../sim/kernel/index.js";
import {
  generateProfile,
  loadProfileCsv,
  makeProfileConfig,
  paperMicrogrids,
  parseHouseholds,
  ProfileError,
  shiftProfile,
  uniformMicrogrids,
  type Profile,
} from "../../sim/data/index.js";
import { scenarioFromShorthand, type Scenario } from "../../sim/grid/index.js";
import { ledgerPlugin, type FaultSchedule } from "../../sim/ledger/index.js";
import { createModel, OptionError, type Model } from "../../sim/model.js";
import { faultSchedule } from "./faults.js";
import { InputError } from "../cli/errors.js";
import { ledgerOptionsOf, type RunConfig } from "../config/schema.js";
import type { LedgerName, ScenarioRun, SimulationResult } from "./types.js";
import type { EvSession } from "../../sim/devices/index.js";
import { deviceOptionsOf, readSessions } from "./devices.js";
import { storageFigures, type StorageSummary } from "./storage.js";

export type { LedgerName, ScenarioRun, SimulationResult } from "./types.js";

function readText(path: string, field: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new InputError(`${field}: cannot read ${path}`);
  }
}

/**
 * The profile the config asks for, with the config's shift applied once (to generated and measured
 * data alike); CSV paths are relative to `baseDir`.
 */
export function buildProfile(config: RunConfig, baseDir: string, csvOverride?: string): Profile {
  const p = config.profiles;
  try {
    return shiftProfile(unshiftedProfile(config, baseDir, csvOverride), {
      hoursByMicrogrid: p.shiftHours,
      series: p.shiftSeries,
      field: "profiles.shiftHours",
    });
  } catch (error) {
    if (error instanceof ProfileError) throw new InputError(error.message);
    if (error instanceof RangeError) throw new InputError(`profiles: ${error.message}`);
    throw error;
  }
}

/**
 * Agent-periods one run may hold (two Int32 values each: 4 GB at the bound). The million-agent
 * week (3.4e8) fits; a config beyond it is refused before anything is allocated.
 */
export const MAX_AGENT_PERIODS = 5e8;

function checkSize(agents: number, days: number, periodMs: number): void {
  const cells = agents * days * (86_400_000 / periodMs);
  if (cells > MAX_AGENT_PERIODS)
    throw new InputError(
      `profiles: ${agents} agents x ${days} days = ${cells.toExponential(2)} agent-periods, more than one run holds (${MAX_AGENT_PERIODS.toExponential(0)}); split it into a sweep`,
    );
}

/** The config's profile before its shift: the generator is given no shift of its own. */
function unshiftedProfile(config: RunConfig, baseDir: string, csvOverride: string | undefined): Profile {
  const periodMs = Math.round(config.trading.periodMinutes * 60_000);
  const p = config.profiles;
  if (p.source === "csv" || csvOverride !== undefined) {
    if (p.source !== "csv")
      throw new InputError(
        '--profiles needs a config whose profiles.source is "csv" (for the household mapping)',
      );
    const file = csvOverride ?? resolve(baseDir, p.file);
    const households = resolve(baseDir, p.households);
    return loadProfileCsv(readText(file, "profiles.file"), file, {
      households: parseHouseholds(readText(households, "profiles.households"), households),
      periodMs,
      missing: p.missing,
      pvScale: p.pvScale,
      loadScale: p.loadScale,
      maxKw: p.maxKw,
    });
  }
  const specs =
    p.preset === "paper"
      ? paperMicrogrids(p.agentsPerMicrogrid)
      : uniformMicrogrids(p.microgrids, p.agentsPerMicrogrid);
  checkSize(
    specs.reduce((n, spec) => n + (typeof spec.agents === "number" ? spec.agents : spec.agents.length), 0),
    p.days,
    periodMs,
  );
  const profileConfig = makeProfileConfig({
    start: p.start,
    days: p.days,
    periodMs,
    // paperMicrogrids() carries MG3's shift for library users; here profiles.shiftHours says it.
    microgrids: specs.map((spec) => ({ ...spec, shiftHours: 0 })),
  });
  return generateProfile(profileConfig, new Streams(config.seed));
}

export function scenarioOf(entry: RunConfig["scenarios"][number], microgrids: readonly string[]): Scenario {
  try {
    if (typeof entry === "string") return scenarioFromShorthand(entry, microgrids);
    for (const name of [...entry.links.flat(), ...entry.involved]) {
      if (!microgrids.includes(name))
        throw new RangeError(`unknown microgrid "${name}" (known: ${microgrids.join(", ")})`);
    }
    return { ...entry, links: entry.links.map(([a, b]) => [a, b]) };
  } catch (error) {
    const id = typeof entry === "string" ? entry : entry.id;
    throw new InputError(`scenarios ("${id}"): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The world's order channel on `ledger`; undefined for instant confirmation (no ledger model). */
/** The market's round length on `ledger` (s): the config's, else the plugin's default. */
function roundSeconds(config: RunConfig, ledger: LedgerName): number {
  return config.trading.roundSeconds[ledger] ?? ledgerPlugin(ledger).defaultRoundSeconds;
}

/**
 * Which devices a run has: the config's, under its policy (policy omitted) or another registered
 * one, or none (policy null); `sessions` are the EV sessions read from the config's CSV.
 */
export interface DeviceChoice {
  sessions: readonly EvSession[] | undefined;
  policy?: string | null;
}

/**
 * The storage block of one (ledger, scenario) whose run with the config's devices is `main`: the
 * same config without devices and under each policy the config compares, run alongside.
 */
export function storageSummary(
  config: RunConfig,
  prepared: PreparedRun,
  ledger: LedgerName,
  scenario: Scenario,
  main: ScenarioRun,
): StorageSummary {
  const { profile, faults, sessions } = prepared;
  const figures = (policy: string | null, run?: ScenarioRun) =>
    storageFigures(
      run ?? runScenario(config, profile, ledger, scenario, faults, { sessions, policy }),
      config,
      profile,
      policy,
    );
  const policy = config.devices!.policy;
  return {
    withoutStorage: figures(null),
    policies: [
      figures(policy, main),
      ...config.devices!.compare.filter((p) => p !== policy).map((p) => figures(p)),
    ],
  };
}

/** Runs the model of one (ledger, scenario) on `profile`. */
export function runScenario(
  config: RunConfig,
  profile: Profile,
  ledger: LedgerName,
  scenario: Scenario,
  faults: FaultSchedule = faultSchedule(config, profile),
  devices: DeviceChoice = { sessions: undefined },
): ScenarioRun {
  const deviceOptions =
    devices.policy === null ? undefined : deviceOptionsOf(config, profile, devices.sessions, devices.policy);
  let model: Model;
  try {
    model = createModel({
      seed: config.seed,
      profile,
      limits: config.limits,
      market: config.market,
      trading: {
        periodMinutes: config.trading.periodMinutes,
        windowMinutes: config.trading.windowMinutes,
        roundSeconds: roundSeconds(config, ledger),
        forecastErrorSd: config.trading.forecastErrorSd,
      },
      scenario,
      ledger,
      ledgerOptions: ledgerOptionsOf(config, ledger),
      faults,
      outputs: config.outputs,
      ...(deviceOptions === undefined ? {} : { devices: deviceOptions }),
    });
  } catch (error) {
    // The models check their parameters: an OptionError is a bad value in the config.
    if (error instanceof OptionError) throw new InputError(error.message);
    throw error;
  }
  model.run();
  return {
    ledger,
    scenario,
    recorder: model.recorder,
    ...(model.ledger ? { ledgerModel: model.ledger } : {}),
    events: model.kernel.processed,
  };
}

export interface PreparedRun {
  profile: Profile;
  scenarios: Scenario[];
  faults: FaultSchedule;
  /** EV sessions from the config's CSV (undefined: none, or drawn). */
  sessions: EvSession[] | undefined;
}

/**
 * Every check a run makes before it simulates: the profile (files, CSV rows, shift), the scenarios'
 * microgrids and the faults. `p2psim validate` runs exactly this, so it accepts what `run` accepts.
 */
export function prepareRun(config: RunConfig, baseDir: string, csvOverride?: string): PreparedRun {
  const profile = buildProfile(config, baseDir, csvOverride);
  const scenarios = config.scenarios.map((s) => scenarioOf(s, profile.microgrids));
  const faults = faultSchedule(config, profile);
  const sessions = readSessions(config, baseDir, profile);
  // The devices' overrides are checked here, so that validate refuses what run would.
  deviceOptionsOf(config, profile, sessions);
  return { profile, scenarios, faults, sessions };
}

/** Told before each (ledger, scenario) starts (`done` finished of `total`) and once all are done. */
export type RunProgress = (done: number, total: number, running: string) => void;

/** Every (ledger, scenario) of the config, in config order; relative paths resolve from `baseDir`. */
export function simulate(
  config: RunConfig,
  baseDir: string,
  csvOverride?: string,
  onProgress?: RunProgress,
): SimulationResult {
  const prepared = prepareRun(config, baseDir, csvOverride);
  const { profile, scenarios, faults, sessions } = prepared;
  const runs: ScenarioRun[] = [];
  const total = config.ledgers.length * scenarios.length;
  for (const ledger of config.ledgers) {
    for (const scenario of scenarios) {
      onProgress?.(runs.length, total, `${ledger} x ${scenario.id}`);
      const run = runScenario(config, profile, ledger, scenario, faults, { sessions });
      if (config.devices !== undefined) run.storage = storageSummary(config, prepared, ledger, scenario, run);
      runs.push(run);
    }
  }
  onProgress?.(runs.length, total, "done");
  return { config, profile, faults, runs };
}
