// What a run of one config produces: one ScenarioRun per (ledger, scenario), and the result that
// holds them. Shared by the runner (simulate.ts) and what reads its results (faults, summaries,
// writers), so none of those imports the runner for its types.
import type { Profile } from "../../sim/data/index.js";
import type { Scenario } from "../../sim/grid/index.js";
import type { FaultSchedule, Ledger } from "../../sim/ledger/index.js";
import type { RunRecorder } from "../../sim/metrics/index.js";
import type { RunConfig } from "../config/schema.js";

export type LedgerName = RunConfig["ledgers"][number];

export interface ScenarioRun {
  ledger: LedgerName;
  scenario: Scenario;
  recorder: RunRecorder;
  /** The ledger model (absent for "ideal"). */
  ledgerModel?: Ledger;
  events: number;
  /** With devices: the run beside the same config without them and under other policies. */
  storage?: StorageSummary;
}

export interface SimulationResult {
  config: RunConfig;
  profile: Profile;
  faults: FaultSchedule;
  runs: ScenarioRun[];
}

export interface StorageFigures {
  /** The device policy; null: the same config without devices. */
  policy: string | null;
  producerBenefitPct: number;
  consumerBenefitPct: number;
  totalBenefitGbp: number;
  mainGridImportKwh: number;
  mainGridExportKwh: number;
  mainGridKwh: number;
  peakImportKw: number;
  selfSufficiencyPct: number;
  chargeKwh: number;
  dischargeKwh: number;
  lossesKwh: number;
  evUnmetKwh: number;
  /** Wear cost of the batteries' throughput (reported, never settled). */
  degradationP: number;
}

/** A scenario's storage block: the run without devices, then one entry per policy (the config's first). */
export interface StorageSummary {
  withoutStorage: StorageFigures;
  policies: StorageFigures[];
}
