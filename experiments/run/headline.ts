// The paper's three headline numbers, computed from a run: producer and consumer benefit in the
// "grid" scenario (per Wh, under every averaging and basis the paper's wording allows) and how much
// less energy "All" trades with the main grid than "Grid".
//
// Units: percent. One averaging/basis pair is the headline (HEADLINE_BENEFIT): the pooled per-Wh
// average with main-grid energy at 0 %, the only reading under which the paper's two benefit
// figures fit together (docs/errata.md, reading R1). The others are reported beside it.
import { AVERAGINGS, BASES, benefitReadings } from "../../sim/metrics/index.js";
import type { ScenarioRun, SimulationResult } from "./types.js";
import type { ScenarioSummary } from "./summary.js";

/** `${averaging}/${basis}` of the headline benefit figures. */
export const HEADLINE_BENEFIT = "pooled/all";

export interface Headline {
  /** Producer benefit % in "grid", by `${averaging}/${basis}`. */
  producerBenefitPctGrid: Record<string, number>;
  /** Consumer benefit % in "grid", by `${averaging}/${basis}`. */
  consumerBenefitPctGrid: Record<string, number>;
  /** (main grid in "grid" - main grid in "all") / main grid in "grid" x 100. */
  mainGridReductionAllVsGridPct: number;
}

/** The headline's three figures with the paper's names. */
export const FIGURES = [
  "producerBenefitPctGrid",
  "consumerBenefitPctGrid",
  "mainGridReductionAllVsGridPct",
] as const;
export type Figure = (typeof FIGURES)[number];

/** Benefit % of one run under every averaging and basis, keyed `${averaging}/${basis}`. */
function benefitOfRun(
  result: SimulationResult,
  run: ScenarioRun | undefined,
): Record<"producer" | "consumer", Record<string, number>> {
  const out = { producer: {} as Record<string, number>, consumer: {} as Record<string, number> };
  if (run === undefined)
    return { producer: { [HEADLINE_BENEFIT]: NaN }, consumer: { [HEADLINE_BENEFIT]: NaN } };
  const { profile, config } = result;
  const readings = benefitReadings({
    periods: run.recorder.periods,
    agents: run.recorder.totals,
    agentMicrogrid: Int32Array.from(profile.agents, (a) => a.microgridIndex),
    involved: new Set(run.scenario.involved.map((m) => profile.microgrids.indexOf(m))),
    pgs: config.limits.pgs,
    pgb: config.limits.pgb,
  });
  for (const averaging of AVERAGINGS) {
    for (const basis of BASES) {
      out.producer[`${averaging}/${basis}`] = readings.producer[averaging][basis];
      out.consumer[`${averaging}/${basis}`] = readings.consumer[averaging][basis];
    }
  }
  return out;
}

/** The ledger whose runs give the headline: instant confirmation when the config has it. */
export function headlineLedger(config: { ledgers: readonly string[] }): string {
  return config.ledgers.includes("ideal") ? "ideal" : config.ledgers[0]!;
}

/** How much less main-grid energy "all" trades than "grid" (%); NaN without both. */
export function mainGridReductionPct(grid?: ScenarioSummary, all?: ScenarioSummary): number {
  return grid !== undefined && all !== undefined
    ? ((grid.mainGridKwh - all.mainGridKwh) / grid.mainGridKwh) * 100
    : NaN;
}

/** The headline figures of `ledger`'s runs of `result`, given that ledger's scenario summaries. */
export function headlineOf(
  result: SimulationResult,
  ledger: string,
  summaries: readonly ScenarioSummary[],
): Headline {
  const grid = summaries.find((s) => s.scenario === "grid");
  const all = summaries.find((s) => s.scenario === "all");
  const benefit = benefitOfRun(
    result,
    result.runs.find((r) => r.ledger === ledger && r.scenario.id === "grid"),
  );
  return {
    producerBenefitPctGrid: benefit.producer,
    consumerBenefitPctGrid: benefit.consumer,
    mainGridReductionAllVsGridPct: mainGridReductionPct(grid, all),
  };
}

/** The value of `figure` under the headline reading (or `reading` for the benefit figures). */
export function figureValue(h: Headline, figure: Figure, reading = HEADLINE_BENEFIT): number {
  return figure === "mainGridReductionAllVsGridPct" ? h[figure] : (h[figure][reading] ?? NaN);
}
