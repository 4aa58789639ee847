// Turns the runs of a config into the summary figures: benefits per scenario and microgrid, total
// benefit and main-grid energy (the paper's claims are checked in claims.ts).
import { AUCTION_OUTCOMES } from "../../sim/grid/index.js";
import { ledgerPlugin, settlementFootprint, type SettlementFootprint } from "../../sim/ledger/index.js";
import { benefitOf, emptyTotals, type Benefit, type Totals } from "../../sim/metrics/index.js";
import { faultEffects, type FaultEffect } from "./faults.js";
import type { ScenarioRun, SimulationResult } from "./types.js";
import type { StorageSummary } from "./storage.js";

export interface MicrogridBenefit extends Benefit {
  microgrid: string;
  /** Energy the microgrid's agents sold to and bought from peers (levels 1 and 2), kWh. */
  peerSoldKwh: number;
  peerBoughtKwh: number;
}

export interface ScenarioSummary {
  ledger: string;
  scenario: string;
  involved: string[];
  /** Over the agents of the involved microgrids. */
  benefit: Benefit;
  /** Energy the involved agents sold and bought in all (peers, main grid, imbalance), kWh. */
  soldKwh: number;
  boughtKwh: number;
  byMicrogrid: MicrogridBenefit[];
  /** Over all microgrids (uninvolved ones trade as in "grid"): order residuals plus imbalance. */
  mainGridImportKwh: number;
  mainGridExportKwh: number;
  mainGridKwh: number;
  /** Energy matched inside microgrids (level 1 and netting) and between microgrids (kWh). */
  localKwh: number;
  peerKwh: number;
  periodsConsensus: number;
  periodsFallback: number;
  /** (period, microgrid) pairs in which some order never confirmed, and its energy (kWh). */
  periodsWithMissedOrders: number;
  missedKwh: number;
  faults: FaultEffect[];
  events: number;
  /** What settling the run cost the ledger (every microgrid's transactions); zero without a ledger model. */
  settlement: Settlement;
  /** Runs with devices only: the devices' effect beside the same config without them, per policy. */
  storage?: StorageSummary;
}

/** The ledger's energy, CO2 and fees for a run, per kWh traded between peers. */
export interface Settlement extends SettlementFootprint {
  /** The carbon intensity used (g CO2e per kWh of the network's electricity) and its source. */
  carbonGPerKwh: number;
  carbonSource: string;
  /** Fees of every transaction of the run (USD), and per kWh traded (NaN when nothing was traded). */
  feesUsd: number;
  feesUsdPerKwhTraded: number;
}

/** The run's settlement footprint: all transactions of all microgrids against all peer-traded energy. */
function settlementOf(run: ScenarioRun): Settlement {
  const model = run.ledgerModel;
  const tradedKwh = sum(run.recorder.totals.peerSoldWh) / 1000;
  // Without a ledger model (instant confirmation) settling costs nothing.
  const stats = model?.stats() ?? { energyWh: 0, feeUsd: 0 };
  const carbon =
    model === undefined
      ? { gPerKwh: 0, source: "no ledger model: settlement costs no energy" }
      : (ledgerPlugin(run.ledger).carbon ?? { gPerKwh: NaN, source: "not stated by the ledger plugin" });
  return {
    ...settlementFootprint(stats.energyWh, tradedKwh, carbon),
    carbonGPerKwh: carbon.gPerKwh,
    carbonSource: carbon.source,
    feesUsd: stats.feeUsd,
    feesUsdPerKwhTraded: tradedKwh > 0 ? stats.feeUsd / tradedKwh : NaN,
  };
}

function totalsOf(run: ScenarioRun, agents: (a: number) => boolean, count: number): Totals {
  const t = emptyTotals();
  const src = run.recorder.totals;
  for (let a = 0; a < count; a++) {
    if (!agents(a)) continue;
    for (const key of Object.keys(t) as (keyof Totals)[]) t[key] += src[key][a]!;
  }
  return t;
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

/** Entries of `values` that satisfy `test`. */
function count(values: ArrayLike<number>, test: (v: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (test(values[i]!)) n++;
  return n;
}

const CONSENSUS = AUCTION_OUTCOMES.indexOf("consensus");
const FALLBACK = AUCTION_OUTCOMES.indexOf("fallback");

export function summarizeRun(result: SimulationResult, run: ScenarioRun): ScenarioSummary {
  const { profile, config } = result;
  const { pgs, pgb } = config.limits;
  const n = profile.agents.length;
  const involved = new Set(run.scenario.involved);
  const totals = totalsOf(run, (a) => involved.has(profile.agents[a]!.microgrid), n);
  const benefit = benefitOf(totals, pgs, pgb);
  const byMicrogrid = run.scenario.involved.map((mg) => {
    const totals = totalsOf(run, (a) => profile.agents[a]!.microgrid === mg, n);
    return {
      microgrid: mg,
      ...benefitOf(totals, pgs, pgb),
      peerSoldKwh: totals.peerSoldWh / 1000,
      peerBoughtKwh: totals.peerBoughtWh / 1000,
    };
  });
  const rows = run.recorder.periods;
  const importWh = sum(rows.gridImportWh) + sum(rows.imbalanceImportWh);
  const exportWh = sum(rows.gridExportWh) + sum(rows.imbalanceExportWh);
  return {
    ledger: run.ledger,
    scenario: run.scenario.id,
    involved: run.scenario.involved,
    benefit,
    soldKwh: totals.soldWh / 1000,
    boughtKwh: totals.boughtWh / 1000,
    byMicrogrid,
    mainGridImportKwh: importWh / 1000,
    mainGridExportKwh: exportWh / 1000,
    mainGridKwh: (importWh + exportWh) / 1000,
    localKwh: (sum(rows.matchedLocalWh) + sum(rows.nettedWh)) / 1000,
    peerKwh: sum(rows.peerImportWh) / 1000,
    periodsConsensus: count(rows.outcome, (o) => o === CONSENSUS),
    periodsFallback: count(rows.outcome, (o) => o === FALLBACK),
    periodsWithMissedOrders: count(rows.missedOrders, (n) => n > 0),
    missedKwh: sum(rows.missedWh) / 1000,
    faults: faultEffects(run, result.faults, profile),
    events: run.events,
    settlement: settlementOf(run),
    ...(run.storage === undefined ? {} : { storage: run.storage }),
  };
}
