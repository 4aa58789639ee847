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
}

export interface SimulationResult {
  config: RunConfig;
  profile: Profile;
  faults: FaultSchedule;
  runs: ScenarioRun[];
}
