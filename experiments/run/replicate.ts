// Replications of the paper's setup: one config run with several seeds, summarised as the mean and
// 95 % interval of each headline figure, compared with the paper's value, and for each claim the
// share of seeds in which it held.
//
// Assumptions: seeds are the config's seed and the next ones (seed, seed + 1, ...), so the first
// replication is the run whose full results are written beside it. A figure "reproduces" when its
// mean lies within TOLERANCE of the paper's value (relative); whether the paper's value lies in
// the 95 % interval is reported too.
import { readJsonFile } from "../io/json.js";
import { dirname, resolve } from "node:path";
import { FIGURES, HEADLINE_BENEFIT, figureValue, type Figure } from "./headline.js";
import { interval, type Interval } from "./interval.js";
import type { ClaimKind } from "./claims.js";
import type { MeasureTask, RunMeasures } from "./measure.js";
import { PAPER } from "./report-data.js";
import { PAPER as PAPER_PRESET } from "../../sim/presets.js";

/** Relative distance to the paper's value within which a figure counts as reproduced. */
export const TOLERANCE = 0.1;

/** A data set the paper's setup runs on: a config file and how to name it. */
export interface Dataset {
  id: string;
  label: string;
  config: string;
}

export interface FigureReplication extends Interval {
  figure: Figure;
  /** The averaging/basis the value is computed under (benefit figures). */
  reading: string;
  paper: number;
  values: number[];
  /** |mean - paper| <= TOLERANCE x |paper|. */
  reproduces: boolean;
  paperInInterval: boolean;
}

export interface ClaimReplication {
  id: string;
  kind: ClaimKind;
  held: number;
  of: number;
}

export interface Replication {
  dataset: string;
  label: string;
  config: string;
  seeds: number[];
  tolerance: number;
  figures: FigureReplication[];
  /** Every benefit reading (averaging/basis) of the two benefit figures, as intervals. */
  readings: { figure: Figure; reading: string; interval: Interval }[];
  claims: ClaimReplication[];
}

const PAPER_VALUE: Record<Figure, number> = {
  producerBenefitPctGrid: PAPER.producerBenefitPctGrid,
  consumerBenefitPctGrid: PAPER.consumerBenefitPctGrid,
  mainGridReductionAllVsGridPct: PAPER.mainGridReductionAllVsGridPct,
};

/** The paper's value of a headline figure. */
export function paperValue(figure: Figure): number {
  return PAPER_VALUE[figure];
}

/** One task per seed: the dataset's config with its seed replaced. */
export function replicationTasks(dataset: Dataset, count: number): MeasureTask[] {
  const raw = readJsonFile(dataset.config) as Record<string, unknown>;
  const first = typeof raw.seed === "number" ? raw.seed : PAPER_PRESET.seed;
  return Array.from({ length: count }, (_, i) => ({
    config: { ...raw, seed: first + i },
    source: dataset.config,
    baseDir: dirname(resolve(dataset.config)),
  }));
}

function figureReplication(figure: Figure, measures: readonly RunMeasures[]): FigureReplication {
  const values = measures.map((m) => figureValue(m.headline, figure));
  const iv = interval(values);
  const paper = paperValue(figure);
  return {
    figure,
    reading: figure === "mainGridReductionAllVsGridPct" ? "-" : HEADLINE_BENEFIT,
    paper,
    values,
    ...iv,
    reproduces: Math.abs(iv.mean - paper) <= TOLERANCE * Math.abs(paper),
    paperInInterval: paper >= iv.lo && paper <= iv.hi,
  };
}

function claimReplications(measures: readonly RunMeasures[]): ClaimReplication[] {
  const out = new Map<string, ClaimReplication>();
  for (const m of measures) {
    for (const c of m.claims) {
      const row = out.get(c.id) ?? { id: c.id, kind: c.kind, held: 0, of: 0 };
      row.of++;
      if (c.holds) row.held++;
      out.set(c.id, row);
    }
  }
  return [...out.values()];
}

/** Every averaging/basis reading of the benefit figures, in the order the measures list them. */
function readingIntervals(measures: readonly RunMeasures[]): Replication["readings"] {
  const first = measures[0];
  if (first === undefined) return [];
  const figures = ["producerBenefitPctGrid", "consumerBenefitPctGrid"] as const;
  return figures.flatMap((figure) =>
    Object.keys(first.headline[figure]).map((reading) => ({
      figure,
      reading,
      interval: interval(measures.map((m) => figureValue(m.headline, figure, reading))),
    })),
  );
}

export function summarizeReplication(dataset: Dataset, measures: readonly RunMeasures[]): Replication {
  return {
    dataset: dataset.id,
    label: dataset.label,
    config: dataset.config,
    seeds: measures.map((m) => m.seed),
    tolerance: TOLERANCE,
    figures: FIGURES.map((f) => figureReplication(f, measures)),
    readings: readingIntervals(measures),
    claims: claimReplications(measures),
  };
}
