// Turns the runs of a config into the summary figures: benefits per scenario and microgrid, total
// benefit, main-grid energy, and the paper's qualitative claims checked against our numbers.
import { AUCTION_OUTCOMES } from "../../sim/grid/index.js";
import { benefitOf, emptyTotals, type Benefit, type Totals } from "../../sim/metrics/index.js";
import { faultEffects, type FaultEffect } from "./faults.js";
import type { ScenarioRun, SimulationResult } from "./types.js";

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
}

export interface Claim {
  id: string;
  claim: string;
  ours: string;
  paper: string;
  holds: boolean;
  why?: string;
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
  const benefit = benefitOf(
    totalsOf(run, (a) => involved.has(profile.agents[a]!.microgrid), n),
    pgs,
    pgb,
  );
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
  };
}

const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");

/**
 * The paper's qualitative claims of section IV, checked on one ledger's scenarios. `context` is a
 * sentence about the run's data that helps explain a claim that fails (may be empty).
 */
export function checkClaims(summaries: readonly ScenarioSummary[], context = ""): Claim[] {
  const by = new Map(summaries.map((s) => [s.scenario, s]));
  const claims: Claim[] = [];
  const all = by.get("all");
  const grid = by.get("grid");
  claims.push({
    id: "producers-over-consumers",
    claim: "Producers benefit more than consumers in every scenario",
    ours: summaries
      .map((s) => `${s.scenario}: ${fmt(s.benefit.producerPct)} % vs ${fmt(s.benefit.consumerPct)} %`)
      .join("; "),
    paper: "holds in every scenario (Figs 11, 12)",
    holds: summaries.every((s) => s.benefit.producerPct > s.benefit.consumerPct),
  });
  if (all !== undefined) {
    const best = [...summaries].sort((a, b) => b.benefit.totalGbp - a.benefit.totalGbp)[0]!;
    claims.push({
      id: "all-highest-total-benefit",
      claim: '"All" has the highest total benefit',
      ours: `highest: ${best.scenario} (GBP ${fmt(best.benefit.totalGbp, 2)}); all: GBP ${fmt(all.benefit.totalGbp, 2)}`,
      paper: '"All" highest (Fig 13)',
      holds: best.scenario === "all",
    });
    const least = [...summaries].sort((a, b) => a.mainGridKwh - b.mainGridKwh)[0]!;
    claims.push({
      id: "all-least-main-grid",
      claim: '"All" trades the least energy with the main grid',
      ours: `least: ${least.scenario} (${fmt(least.mainGridKwh)} kWh); all: ${fmt(all.mainGridKwh)} kWh`,
      paper: '"All" least (Fig 14); 20.6 % less than "Grid"',
      holds: least.scenario === "all",
    });
  }
  if (all !== undefined && grid !== undefined) {
    const less = ((grid.mainGridKwh - all.mainGridKwh) / grid.mainGridKwh) * 100;
    claims.push({
      id: "all-vs-grid-main-grid-reduction",
      claim: 'Less main-grid energy in "All" than in "Grid"',
      ours: `${fmt(less)} % less`,
      paper: "20.6 % less",
      holds: less > 0,
    });
  }
  const of = (scenario: string, mg: string) => by.get(scenario)?.byMicrogrid.find((b) => b.microgrid === mg);
  const pct = (scenario: string, mg: string): number => of(scenario, mg)?.producerPct ?? NaN;
  const sold = (scenario: string, mg: string): number => of(scenario, mg)?.peerSoldKwh ?? NaN;
  const mg1 = [pct("MG1+MG2", "MG1"), pct("MG1+MG3", "MG1")] as const;
  const mg3 = [pct("MG2+MG3", "MG3"), pct("MG1+MG3", "MG3")] as const;
  if ([...mg1, ...mg3].every(Number.isFinite)) {
    const holds = mg1[0] > mg1[1] && mg3[0] > mg3[1];
    claims.push({
      id: "paired-with-mg2",
      claim: "MG1 and MG3 benefit more as producers when paired with MG2 than with each other",
      ours: `MG1: ${fmt(mg1[0])} % with MG2 vs ${fmt(mg1[1])} % with MG3; MG3: ${fmt(mg3[0])} % with MG2 vs ${fmt(mg3[1])} % with MG1`,
      paper: "holds (Fig 11)",
      holds,
      ...(holds
        ? {}
        : {
            why:
              `Producer benefit follows how much of a microgrid's surplus goes to peers rather than to the grid at Pgs: ` +
              `MG1 sold ${fmt(sold("MG1+MG2", "MG1"))} kWh to peers with MG2 and ${fmt(sold("MG1+MG3", "MG1"))} kWh with MG3; ` +
              `MG3 sold ${fmt(sold("MG2+MG3", "MG3"))} kWh with MG2 and ${fmt(sold("MG1+MG3", "MG3"))} kWh with MG1. ` +
              `The partner whose deficits coincide in time with the producer's surpluses absorbs more of them.` +
              (context === "" ? "" : ` ${context}`),
          }),
    });
  }
  return claims;
}
