// The readings map: the paper's setup run under every combination of the readings its text
// allows (dimensions.ts), on every dataset, with several seeds, then ranked by how close each
// reading (with each post-hoc averaging and basis) comes to the paper's three headline numbers.
//
// Distance of a reading to the paper: the root mean square of the relative errors of its three
// seed means, sqrt(mean_i ((mean_i - paper_i) / paper_i)^2); 0 reproduces all three exactly, 1 is
// typically "off by the paper's own value". Relative errors weigh the three numbers alike although
// they differ in size by a factor of 26.
import { dirname, resolve } from "node:path";
import { readJsonFile } from "../io/json.js";
import { FIGURES, figureValue, type Figure } from "../run/headline.js";
import { interval, type Interval } from "../run/interval.js";
import type { MeasureTask, RunMeasures } from "../run/measure.js";
import { measureAll, type PoolOptions } from "../run/pool.js";
import { paperValue, type Dataset } from "../run/replicate.js";
import { applyReading, combinations, DATA, DIMENSIONS, readingId, type Reading } from "./dimensions.js";

export interface MapOptions extends PoolOptions {
  datasets: readonly Dataset[];
  /** Value ids to sweep per dimension (default: every value). */
  choices?: Readonly<Record<string, readonly string[]>>;
  seeds: number;
}

/** One run's figures under one post-hoc averaging/basis. */
export interface ReadingRow {
  reading: Reading;
  seed: number;
  averaging: string;
  basis: string;
  producerBenefitPctGrid: number;
  consumerBenefitPctGrid: number;
  mainGridReductionAllVsGridPct: number;
}

export interface RankedReading {
  id: string;
  /** Every dimension's value, plus the post-hoc averaging and basis. */
  reading: Reading;
  figures: Record<Figure, Interval>;
  distance: number;
  rank: number;
}

export interface ReadingsMap {
  /** Dimension names in the order of reading ids (data first, then averaging and basis last). */
  dimensions: string[];
  seeds: number[];
  runs: number;
  rows: ReadingRow[];
  ranked: RankedReading[];
}

/** Dimension names of a reading id: the data set, the run-time dimensions, then the post-hoc ones. */
export const READING_DIMENSIONS = [DATA, ...DIMENSIONS.map((d) => d.name), "averaging", "basis"];

function checkChoices(choices: Readonly<Record<string, readonly string[]>>): void {
  for (const [name, ids] of Object.entries(choices)) {
    const dim = DIMENSIONS.find((d) => d.name === name);
    if (dim === undefined) throw new RangeError(`readings: no dimension "${name}"`);
    for (const id of ids)
      if (!dim.values.some((v) => v.id === id))
        throw new RangeError(`readings: ${name} has no value "${id}"`);
  }
}

interface Planned {
  reading: Reading;
  task: MeasureTask;
}

function plan(options: MapOptions): Planned[] {
  const choices = options.choices ?? {};
  checkChoices(choices);
  const combos = combinations(DIMENSIONS.map((d) => [d.name, choices[d.name] ?? d.values.map((v) => v.id)]));
  return options.datasets.flatMap((dataset) => {
    const raw = readJsonFile(dataset.config) as Record<string, unknown>;
    const first = typeof raw.seed === "number" ? raw.seed : 0;
    return combos.flatMap((combo) =>
      Array.from({ length: options.seeds }, (_, i) => ({
        reading: { [DATA]: dataset.id, ...combo },
        task: {
          config: { ...applyReading(raw, combo), seed: first + i },
          source: dataset.config,
          baseDir: dirname(resolve(dataset.config)),
          scenarios: ["grid", "all"],
        },
      })),
    );
  });
}

function rowsOf(reading: Reading, m: RunMeasures): ReadingRow[] {
  return Object.keys(m.headline.producerBenefitPctGrid).map((key) => {
    const [averaging = key, basis = ""] = key.split("/");
    return {
      reading,
      seed: m.seed,
      averaging,
      basis,
      producerBenefitPctGrid: figureValue(m.headline, "producerBenefitPctGrid", key),
      consumerBenefitPctGrid: figureValue(m.headline, "consumerBenefitPctGrid", key),
      mainGridReductionAllVsGridPct: m.headline.mainGridReductionAllVsGridPct,
    };
  });
}

/** RMS of the relative errors of the figures' means (NaN if a figure has no value). */
export function distanceToPaper(figures: Record<Figure, Interval>): number {
  const squares = FIGURES.map((f) => ((figures[f].mean - paperValue(f)) / paperValue(f)) ** 2);
  return Math.sqrt(squares.reduce((a, b) => a + b, 0) / squares.length);
}

function rank(rows: readonly ReadingRow[]): RankedReading[] {
  const groups = new Map<string, { reading: Reading; rows: ReadingRow[] }>();
  for (const row of rows) {
    const reading = { ...row.reading, averaging: row.averaging, basis: row.basis };
    const id = readingId(reading, READING_DIMENSIONS);
    const group = groups.get(id) ?? { reading, rows: [] as ReadingRow[] };
    group.rows.push(row);
    groups.set(id, group);
  }
  const ranked = [...groups.entries()].map(([id, g]) => {
    const figures = Object.fromEntries(FIGURES.map((f) => [f, interval(g.rows.map((r) => r[f]))])) as Record<
      Figure,
      Interval
    >;
    return { id, reading: g.reading, figures, distance: distanceToPaper(figures), rank: 0 };
  });
  // NaN distances last; ties broken by id so the order never depends on the run order.
  ranked.sort((a, b) => {
    const da = Number.isFinite(a.distance) ? a.distance : Infinity;
    const db = Number.isFinite(b.distance) ? b.distance : Infinity;
    return da - db || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  ranked.forEach((r, i) => (r.rank = i + 1));
  return ranked;
}

/** Runs the map and ranks its readings. */
export async function runMap(options: MapOptions): Promise<ReadingsMap> {
  const planned = plan(options);
  const measures = await measureAll(
    planned.map((p) => p.task),
    options,
  );
  const rows = planned.flatMap((p, i) => rowsOf(p.reading, measures[i]!));
  return {
    dimensions: READING_DIMENSIONS,
    seeds: [...new Set(measures.map((m) => m.seed))],
    runs: planned.length,
    rows,
    ranked: rank(rows),
  };
}

/** The reading closest to the paper's value of one figure (by |mean - paper|). */
export function closestFor(map: ReadingsMap, figure: Figure): RankedReading | undefined {
  const paper = paperValue(figure);
  const gap = (r: RankedReading): number => {
    const d = Math.abs(r.figures[figure].mean - paper);
    return Number.isFinite(d) ? d : Infinity;
  };
  return [...map.ranked].sort((a, b) => gap(a) - gap(b) || a.rank - b.rank)[0];
}
