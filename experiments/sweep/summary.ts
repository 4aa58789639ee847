// The summary of a sweep (summary.json of the merged directory): the cells grouped by their
// non-seed parameters, and for each group the mean and 95 % interval over seeds of the key figures,
// read from the cells' own summary.json files (nothing is recomputed). The order of groups is the
// order of their first cell, so the file does not depend on sharding or on the number of workers.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../cli/errors.js";
import { interval, type Interval } from "../run/interval.js";
import { FIGURES, HEADLINE_BENEFIT, type Figure } from "../run/headline.js";
import type { Value } from "./cells.js";

/** The varied field that replicates a cell; every other varied field makes a group. */
export const SEED_FIELD = "seed";

export const SWEEP_SUMMARY_KIND = "p2psim-sweep-summary";

/** An interval as JSON writes it: a figure undefined in every seed has null bounds. */
export type IntervalJson = Interval;

export interface SweepGroup {
  /** The non-seed parameters of the group's cells. */
  params: Record<string, Value>;
  cells: string[];
  seeds: number[];
  /** The ledger the figures are taken from (each cell's headline ledger). */
  ledger: string;
  /** The headline figures (producer and consumer benefit % in "grid", main-grid reduction all vs grid). */
  figures: Record<Figure, Interval>;
  /** Energy exchanged with the main grid per scenario (kWh). */
  mainGridKwh: Record<string, Interval>;
  /** Total benefit to the involved agents per scenario (GBP). */
  totalBenefitGbp: Record<string, Interval>;
}

export interface SweepSummary {
  kind: typeof SWEEP_SUMMARY_KIND;
  name: string;
  /** Every varied field, in the sweep file's order. */
  varied: string[];
  /** The varied fields that make groups (all but the seed). */
  parameters: string[];
  benefitReading: string;
  interval: string;
  groups: SweepGroup[];
}

interface CellSummary {
  seed: number;
  headlineLedger: string;
  headline: Record<Figure, number | null>;
  scenarios: {
    ledger: string;
    scenario: string;
    mainGridKwh: number | null;
    benefit: { totalGbp: number | null };
  }[];
}

export interface LocatedCell {
  id: string;
  params: Record<string, Value>;
  /** The cell's directory (with its summary.json). */
  dir: string;
}

const toNumber = (x: number | null | undefined): number => (typeof x === "number" ? x : NaN);

function readCellSummary(dir: string): CellSummary {
  const path = join(dir, "summary.json");
  if (!existsSync(path)) throw new InputError(`${path}: missing (the cell did not finish)`);
  return JSON.parse(readFileSync(path, "utf8")) as CellSummary;
}

/** Scenario ids in first-seen order over the cells. */
function scenarioIds(summaries: readonly CellSummary[]): string[] {
  const ids: string[] = [];
  for (const s of summaries)
    for (const r of s.scenarios)
      if (r.ledger === s.headlineLedger && !ids.includes(r.scenario)) ids.push(r.scenario);
  return ids;
}

function byScenario(
  summaries: readonly CellSummary[],
  ids: readonly string[],
  pick: (r: CellSummary["scenarios"][number]) => number | null,
): Record<string, Interval> {
  return Object.fromEntries(
    ids.map((id) => [
      id,
      interval(
        summaries.map((s) => {
          const r = s.scenarios.find((x) => x.ledger === s.headlineLedger && x.scenario === id);
          return r === undefined ? NaN : toNumber(pick(r));
        }),
      ),
    ]),
  );
}

/** Groups `cells` (in sweep order) by their non-seed parameters and aggregates over seeds. */
export function buildSweepSummary(
  name: string,
  varied: readonly string[],
  cells: readonly LocatedCell[],
): SweepSummary {
  const parameters = varied.filter((v) => v !== SEED_FIELD);
  const groups = new Map<string, { params: Record<string, Value>; cells: LocatedCell[] }>();
  for (const cell of cells) {
    const params = Object.fromEntries(parameters.map((p) => [p, cell.params[p]!]));
    // Without a varied seed every cell is its own group (one replication).
    const key = varied.includes(SEED_FIELD) ? JSON.stringify(params) : cell.id;
    const group = groups.get(key) ?? { params, cells: [] };
    group.cells.push(cell);
    groups.set(key, group);
  }
  return {
    kind: SWEEP_SUMMARY_KIND,
    name,
    varied: [...varied],
    parameters,
    benefitReading: HEADLINE_BENEFIT,
    interval: "mean and Student-t 95 % interval over seeds; null where a figure is undefined in every seed",
    groups: [...groups.values()].map(({ params, cells: members }) => {
      const summaries = members.map((c) => readCellSummary(c.dir));
      const ids = scenarioIds(summaries);
      return {
        params,
        cells: members.map((c) => c.id),
        seeds: summaries.map((s) => s.seed),
        ledger: [...new Set(summaries.map((s) => s.headlineLedger))].join(", "),
        figures: Object.fromEntries(
          FIGURES.map((f) => [f, interval(summaries.map((s) => toNumber(s.headline[f])))]),
        ) as Record<Figure, Interval>,
        mainGridKwh: byScenario(summaries, ids, (r) => r.mainGridKwh),
        totalBenefitGbp: byScenario(summaries, ids, (r) => r.benefit.totalGbp),
      };
    }),
  };
}

/** Reads a sweep's summary.json back; null bounds become NaN. */
export function readSweepSummary(dir: string): SweepSummary {
  const path = join(dir, "summary.json");
  if (!existsSync(path))
    throw new InputError(`${dir}: no summary.json (the sweep is not complete; run p2psim merge)`);
  const data = JSON.parse(readFileSync(path, "utf8"), (_key, value: unknown) =>
    value === null ? NaN : value,
  ) as SweepSummary;
  if (data.kind !== SWEEP_SUMMARY_KIND) throw new InputError(`${path}: not the summary of a sweep`);
  return data;
}

/** Whether `dir` holds a sweep (its sweep.json index). */
export function isSweepDir(dir: string): boolean {
  return existsSync(join(dir, "sweep.json"));
}
