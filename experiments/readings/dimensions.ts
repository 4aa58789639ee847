// The readings of the paper: every choice its text leaves open, as a dimension with named values.
// A reading is one value per dimension; it is applied to the paper's config JSON before validation
// (so defaults resolve after it), which keeps the model unaware of readings.
//
// Post-hoc choices (how benefit is averaged, and over which energy) are not dimensions here: they
// are computed from every run (experiments/run/headline.ts) and cost no extra runs.

type Json = Record<string, unknown>;

export interface DimensionValue {
  id: string;
  /** What this value means, in a few words (shown in tables and docs). */
  label: string;
  apply: (config: Json) => Json;
}

export interface Dimension {
  name: string;
  /** What the paper leaves open. */
  question: string;
  values: readonly DimensionValue[];
}

/** `config` with `value` at the nested `path` (objects along the path copied, not mutated). */
function withField(config: Json, path: readonly string[], value: unknown): Json {
  const [head, ...rest] = path;
  if (head === undefined) return config;
  const inner = (config[head] ?? {}) as Json;
  return { ...config, [head]: rest.length === 0 ? value : withField(inner, rest, value) };
}

const set =
  (path: readonly string[], value: unknown) =>
  (config: Json): Json =>
    withField(config, path, value);

const shift = (microgrid: string | null, series: "pv" | "load" | "both") => (config: Json) =>
  withField(
    withField(config, ["profiles", "shiftHours"], microgrid === null ? {} : { [microgrid]: 12 }),
    ["profiles", "shiftSeries"],
    series,
  );

/** The data dimension is special: its values name the dataset whose config is the base. */
export const DATA = "data";

export const DIMENSIONS: readonly Dimension[] = [
  {
    name: "shift",
    question: "which microgrid's series is shifted by 12 hours (the paper: one microgrid's generation)",
    values: [
      { id: "MG3-pv", label: "MG3's PV shifted 12 h", apply: shift("MG3", "pv") },
      { id: "none", label: "no shift", apply: shift(null, "pv") },
      { id: "MG1-pv", label: "MG1's PV shifted 12 h", apply: shift("MG1", "pv") },
      { id: "MG2-pv", label: "MG2's PV shifted 12 h", apply: shift("MG2", "pv") },
      { id: "MG3-load", label: "MG3's load shifted 12 h", apply: shift("MG3", "load") },
    ],
  },
  {
    name: "limits",
    question: "agents' private limit prices (the paper: reserve prices at Pgs and Pgb)",
    values: [
      { id: "grid", label: "reserve prices at Pgb / Pgs", apply: set(["market", "limitPrices"], "grid") },
      {
        id: "split-midpoint",
        label: "drawn: buyers above, sellers below the midpoint",
        apply: set(["market", "limitPrices"], "split-midpoint"),
      },
      {
        id: "uniform",
        label: "drawn uniformly in (Pgs, Pgb)",
        apply: set(["market", "limitPrices"], "uniform"),
      },
    ],
  },
  {
    name: "level2",
    question: 'the inter-microgrid level ("a similar bidding process among the microgrids")',
    values: [
      {
        id: "iterated",
        label: "iterated bidding, microgrids as bidders",
        apply: set(["market", "interMicrogrid"], "iterated"),
      },
      { id: "one-shot", label: "one sealed clearing", apply: set(["market", "interMicrogrid"], "one-shot") },
    ],
  },
  {
    name: "equations",
    question: "eqs (2)-(3) (erratum 1)",
    values: [
      { id: "corrected", label: "corrected", apply: set(["market", "equations"], "corrected") },
      { id: "as-printed", label: "as printed", apply: set(["market", "equations"], "as-printed") },
    ],
  },
  {
    name: "learning",
    question: "Algorithm 1 (erratum 2)",
    values: [
      {
        id: "as-described",
        label: "as the results describe",
        apply: set(["market", "learning", "rule"], "as-described"),
      },
      { id: "as-printed", label: "as printed", apply: set(["market", "learning", "rule"], "as-printed") },
    ],
  },
  {
    name: "fallback",
    question: "eq. (1) (erratum 3)",
    values: [
      {
        id: "as-described",
        label: "as its sentence says",
        apply: set(["market", "fallback"], "as-described"),
      },
      { id: "as-printed", label: "as printed", apply: set(["market", "fallback"], "as-printed") },
    ],
  },
];

/** One value id per dimension (data first), e.g. { data: "real", shift: "none", ... }. */
export type Reading = Record<string, string>;

/** The reading's id: its values in dimension order, joined by "|". */
export function readingId(reading: Reading, dimensions: readonly string[]): string {
  return dimensions.map((d) => reading[d] ?? "?").join("|");
}

/** Every combination of the given value ids per dimension, in dimension order (last varies fastest). */
export function combinations(choices: readonly (readonly [string, readonly string[]])[]): Reading[] {
  let out: Reading[] = [{}];
  for (const [name, ids] of choices) out = out.flatMap((r) => ids.map((id) => ({ ...r, [name]: id })));
  return out;
}

/** `config` under `reading` (the data dimension is applied by choosing the base config). */
export function applyReading(config: Json, reading: Reading): Json {
  let out = config;
  for (const dim of DIMENSIONS) {
    const id = reading[dim.name];
    if (id === undefined) continue;
    const value = dim.values.find((v) => v.id === id);
    if (value === undefined)
      throw new RangeError(
        `reading: ${dim.name} has no value "${id}" (known: ${dim.values.map((v) => v.id).join(", ")})`,
      );
    out = value.apply(out);
  }
  return out;
}
