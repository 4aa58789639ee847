// Loader for measured household data in long CSV format: timestamp,household,pv_kwh,load_kwh.
//
// Assumptions and units:
// - One row per household and source interval; `timestamp` is the START of the interval, ISO-8601
//   with a UTC offset; pv_kwh is gross generation and load_kwh gross consumption in the interval
//   (kWh, non-negative). The source interval is inferred as the most common gap between
//   consecutive distinct timestamps (or given). All rows must use the same UTC offset: a change
//   means a time-zone or daylight-saving jump, which this loader refuses rather than guesses.
// - The grid runs from the earliest to the latest timestamp in steps of the source interval; every
//   household must have exactly one row in every slot. Missing slots are an error unless the
//   `missing` policy says otherwise: "zero" fills them with 0 kWh; "interpolate" fills them
//   linearly between the household's neighbouring samples (per series), holding the nearest sample
//   at the edges. A household of the mapping with no row at all is always an error.
// - Conversion to integer Wh: value kWh * 1000 * scale, then cumulative rounding per household and
//   series at the source resolution (totals preserved: round of the exact total), then exact
//   integer resampling to the period (split evenly, or summed in whole blocks; see resample.ts).
// - The first timestamp must fall on a period boundary of the local clock, so that periods are
//   clock half-hours (or whatever the period is).
// - Pure: takes the text and a source name for messages; reading the file is the caller's job.
import { DEFAULT_PERIOD_MS } from "./config.js";
import { csvRecords, parseNonNegative, type CsvRecord } from "./csv-records.js";
import { ProfileError } from "./errors.js";
import type { HouseholdMapping } from "./households.js";
import { MAX_WH_PER_PERIOD, storeWh, type AgentInfo, type Profile } from "./profile.js";
import { resampledLength, resampleInto, resampleProblem } from "./resample.js";
import { roundCumulativeInPlace } from "./rounding.js";
import { dividesDay, formatIsoTime, formatOffset, MS_PER_DAY, MS_PER_MINUTE, parseIsoTime } from "./time.js";

export type MissingPolicy = "error" | "zero" | "interpolate";

export interface CsvProfileOptions {
  /** Household -> microgrid (and kWp) mapping; households absent from it are an error. */
  households: readonly HouseholdMapping[];
  /** Period length of the profile (ms); default 30 minutes. */
  periodMs?: number;
  /** What to do with missing intervals; default "error". */
  missing?: MissingPolicy;
  /** Multiplies every PV value (e.g. to rescale measured data to another climate); default 1. */
  pvScale?: number;
  /** Multiplies every load value (e.g. 0.3 brings Californian all-electric homes near UK levels); default 1. */
  loadScale?: number;
  /** Source interval (ms); default inferred from the timestamps. */
  sourceIntervalMs?: number;
  /**
   * The largest mean power a household may show in one interval (kW), for PV and load alike; a
   * row above it is refused as a unit or typing error. Default MAX_HOUSEHOLD_KW.
   */
  maxKw?: number;
}

/**
 * 250 kW: ten times a 3-phase 63 A UK domestic supply (43 kW) and far above any household PV, heat
 * pump or EV charger; a row above it is almost surely Wh read as kWh. An assumption of this
 * simulator, overridable (profiles.maxKw) for larger sites.
 */
export const MAX_HOUSEHOLD_KW = 250;

/** Refuses the first row whose energy in its interval means more than `maxKw` on average. */
function checkPower(rows: Rows, intervalMs: number, maxKw: number, source: string): void {
  const maxKwh = (maxKw * intervalMs) / 3_600_000;
  for (let r = 0; r < rows.line.length; r++) {
    for (const [column, values] of [
      ["pv_kwh", rows.pv],
      ["load_kwh", rows.load],
    ] as const) {
      if (values[r]! > maxKwh)
        throw new ProfileError(
          source,
          rows.line[r]!,
          `${column}: ${values[r]} kWh in ${intervalMs / 60_000} minutes is a mean of ${((values[r]! * 3_600_000) / intervalMs).toPrecision(3)} kW, above the ${maxKw} kW a household can draw or feed (profiles.maxKw raises the bound)`,
        );
    }
  }
}

export const CSV_COLUMNS = ["timestamp", "household", "pv_kwh", "load_kwh"] as const;

interface Rows {
  time: Float64Array;
  household: Int32Array;
  pv: Float64Array;
  load: Float64Array;
  line: Int32Array;
  offsetMin: number;
}

function columnOrder(head: CsvRecord | undefined, source: string): number[] {
  const expected = `expected the columns ${CSV_COLUMNS.join(",")} (any order, no others)`;
  if (head === undefined) throw new ProfileError(source, undefined, `empty file: ${expected}`);
  const names = head.fields.map((f) => f.trim());
  const order = CSV_COLUMNS.map((c) => names.indexOf(c));
  if (names.length !== CSV_COLUMNS.length || order.includes(-1)) {
    throw new ProfileError(source, head.line, `header: ${expected}, got '${head.fields.join(",")}'`);
  }
  return order;
}

function readRows(records: CsvRecord[], order: number[], index: Map<string, number>, source: string): Rows {
  const n = records.length;
  const rows: Rows = {
    time: new Float64Array(n),
    household: new Int32Array(n),
    pv: new Float64Array(n),
    load: new Float64Array(n),
    line: new Int32Array(n),
    offsetMin: 0,
  };
  const [tCol, hCol, pCol, lCol] = order as [number, number, number, number];
  let offsetLine = 0;
  records.forEach(({ line, fields }, r) => {
    if (fields.length !== CSV_COLUMNS.length) {
      throw new ProfileError(
        source,
        line,
        `expected ${CSV_COLUMNS.length} fields (${CSV_COLUMNS.join(",")}), got ${fields.length}`,
      );
    }
    let time;
    try {
      time = parseIsoTime((fields[tCol] ?? "").trim());
    } catch (e) {
      throw new ProfileError(source, line, `timestamp: ${(e as Error).message}`);
    }
    if (offsetLine === 0) {
      rows.offsetMin = time.offsetMin;
      offsetLine = line;
    } else if (time.offsetMin !== rows.offsetMin) {
      throw new ProfileError(
        source,
        line,
        `timestamp: expected UTC offset ${formatOffset(rows.offsetMin)} as on line ${offsetLine}, got ${formatOffset(time.offsetMin)} (a time-zone or daylight-saving jump)`,
      );
    }
    const name = (fields[hCol] ?? "").trim();
    const h = index.get(name);
    if (h === undefined)
      throw new ProfileError(
        source,
        line,
        `household: unknown household '${name}' (not in the households mapping)`,
      );
    const pv = parseNonNegative(fields[pCol] ?? "", "kWh");
    if (typeof pv === "string") throw new ProfileError(source, line, `pv_kwh: ${pv}`);
    const load = parseNonNegative(fields[lCol] ?? "", "kWh");
    if (typeof load === "string") throw new ProfileError(source, line, `load_kwh: ${load}`);
    rows.time[r] = time.utcMs;
    rows.household[r] = h;
    rows.pv[r] = pv;
    rows.load[r] = load;
    rows.line[r] = line;
  });
  return rows;
}

/** The most common positive gap between consecutive distinct timestamps (the smaller on ties). */
function inferInterval(time: Float64Array): number | undefined {
  const sorted = Float64Array.from(new Set(time)).sort();
  const counts = new Map<number, number>();
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && gap < best)) {
      best = gap;
      bestCount = count;
    }
  }
  return best;
}

interface Grid {
  startMs: number;
  intervalMs: number;
  slots: number;
  /** Per household h and slot s at [h * slots + s]: the values and the row's line (0 = missing). */
  pv: Float64Array;
  load: Float64Array;
  line: Int32Array;
}

function placeOnGrid(
  rows: Rows,
  households: number,
  intervalMs: number,
  periodMs: number,
  source: string,
): Grid {
  let startMs = Infinity;
  let endMs = -Infinity;
  let firstLine = 0;
  rows.time.forEach((t, r) => {
    if (t < startMs) [startMs, firstLine] = [t, rows.line[r]!];
    endMs = Math.max(endMs, t);
  });
  const local = startMs + rows.offsetMin * MS_PER_MINUTE;
  if (((local % periodMs) + periodMs) % periodMs !== 0) {
    throw new ProfileError(
      source,
      firstLine,
      `timestamp: expected the first interval to start on a ${periodMs / MS_PER_MINUTE}-min boundary of the local clock, got ${formatIsoTime(startMs, rows.offsetMin)}`,
    );
  }
  rows.time.forEach((t, r) => {
    if ((t - startMs) % intervalMs === 0) return;
    const at = formatIsoTime(t, rows.offsetMin);
    const grid = `the ${intervalMs / MS_PER_MINUTE}-min grid starting ${formatIsoTime(startMs, rows.offsetMin)}`;
    throw new ProfileError(source, rows.line[r], `timestamp: ${at} is not on ${grid}`);
  });
  const slots = (endMs - startMs) / intervalMs + 1;
  const grid: Grid = {
    startMs,
    intervalMs,
    slots,
    pv: new Float64Array(households * slots),
    load: new Float64Array(households * slots),
    line: new Int32Array(households * slots),
  };
  rows.time.forEach((t, r) => {
    const line = rows.line[r]!;
    const offset = t - startMs;
    const cell = rows.household[r]! * slots + offset / intervalMs;
    const previous = grid.line[cell]!;
    if (previous !== 0) {
      throw new ProfileError(
        source,
        line,
        `duplicate row for this household and timestamp (first on line ${previous})`,
      );
    }
    grid.line[cell] = line;
    grid.pv[cell] = rows.pv[r]!;
    grid.load[cell] = rows.load[r]!;
  });
  return grid;
}

function reportMissing(grid: Grid, h: number, name: string, offsetMin: number, source: string): never {
  const base = h * grid.slots;
  let s = 0;
  while (grid.line[base + s] !== 0) s++;
  let e = s;
  while (e < grid.slots && grid.line[base + e] === 0) e++;
  const from = formatIsoTime(grid.startMs + s * grid.intervalMs, offsetMin);
  const count = e - s;
  const what = `household '${name}': missing interval${count > 1 ? `s (${count})` : ""} starting ${from}`;
  if (e < grid.slots) {
    const expected = "expected one row per interval (or a missing policy)";
    throw new ProfileError(source, grid.line[base + e], `${what}, before this row; ${expected}`);
  }
  let p = s - 1;
  while (p >= 0 && grid.line[base + p] === 0) p--;
  throw new ProfileError(
    source,
    grid.line[base + p],
    `${what}, after this row (the household's last); expected rows up to ${formatIsoTime(grid.startMs + (grid.slots - 1) * grid.intervalMs, offsetMin)}`,
  );
}

/** Fills the missing slots of one household's series in place (see the module comment). */
function fillSeries(
  values: Float64Array,
  present: Int32Array,
  from: number,
  length: number,
  policy: MissingPolicy,
): void {
  let previous = -1;
  for (let s = 0; s < length; s++) {
    if (present[from + s] !== 0) {
      previous = s;
      continue;
    }
    if (policy === "zero") {
      values[from + s] = 0;
      continue;
    }
    let next = s + 1;
    while (next < length && present[from + next] === 0) next++;
    for (let k = s; k < next; k++) {
      if (previous < 0) values[from + k] = values[from + next] ?? 0;
      else if (next >= length) values[from + k] = values[from + previous] ?? 0;
      else {
        const a = values[from + previous]!;
        values[from + k] = a + ((values[from + next]! - a) * (k - previous)) / (next - previous);
      }
    }
    s = next - 1;
  }
}

function handleMissing(grid: Grid, names: string[], rows: Rows, policy: MissingPolicy, source: string): void {
  names.forEach((name, h) => {
    const base = h * grid.slots;
    let present = 0;
    for (let s = 0; s < grid.slots; s++) if (grid.line[base + s] !== 0) present++;
    if (present === 0)
      throw new ProfileError(source, undefined, `household '${name}' of the households mapping has no rows`);
    if (present === grid.slots) return;
    if (policy === "error") reportMissing(grid, h, name, rows.offsetMin, source);
    fillSeries(grid.pv, grid.line, base, grid.slots, policy);
    fillSeries(grid.load, grid.line, base, grid.slots, policy);
  });
}

function checkOptions(options: CsvProfileOptions, source: string): void {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new ProfileError(source, undefined, `option ${field}: expected ${expected}, got ${String(got)}`);
  };
  const { periodMs, missing, pvScale, loadScale, sourceIntervalMs } = options;
  if (periodMs !== undefined && !dividesDay(periodMs))
    fail("periodMs", "a positive integer number of ms dividing a day", periodMs);
  if (missing !== undefined && !["error", "zero", "interpolate"].includes(missing))
    fail("missing", "error, zero or interpolate", missing);
  for (const [field, v] of [
    ["pvScale", pvScale],
    ["loadScale", loadScale],
  ] as const) {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) fail(field, "a finite number >= 0", v);
  }
  if (sourceIntervalMs !== undefined && !(Number.isSafeInteger(sourceIntervalMs) && sourceIntervalMs > 0)) {
    fail("sourceIntervalMs", "a positive integer", sourceIntervalMs);
  }
}

function householdIndex(households: readonly HouseholdMapping[], source: string): Map<string, number> {
  const index = new Map<string, number>();
  households.forEach((h, i) => {
    if (index.has(h.household))
      throw new ProfileError(source, undefined, `households mapping lists '${h.household}' twice`);
    index.set(h.household, i);
  });
  return index;
}

/** Agents in microgrid order (first appearance in the mapping), mapping order within a microgrid. */
function agentOrder(households: readonly HouseholdMapping[]): { microgrids: string[]; order: number[] } {
  const microgrids = [...new Set(households.map((h) => h.microgrid))];
  const order = microgrids.flatMap((m) => households.flatMap((h, i) => (h.microgrid === m ? [i] : [])));
  return { microgrids, order };
}

/** Loads a long-format CSV (see the module comment) into a profile of integer Wh per period. */
export function loadProfileCsv(text: string, source: string, options: CsvProfileOptions): Profile {
  checkOptions(options, source);
  const periodMs = options.periodMs ?? DEFAULT_PERIOD_MS;
  const households = options.households;
  const index = householdIndex(households, source);
  const [head, ...records] = csvRecords(text, source);
  const rows = readRows(records, columnOrder(head, source), index, source);
  if (records.length === 0) throw new ProfileError(source, undefined, "no data rows after the header");
  const intervalMs = options.sourceIntervalMs ?? inferInterval(rows.time);
  if (intervalMs === undefined) {
    throw new ProfileError(
      source,
      undefined,
      "a single timestamp: cannot infer the source interval (give sourceIntervalMs)",
    );
  }
  checkPower(rows, intervalMs, options.maxKw ?? MAX_HOUSEHOLD_KW, source);
  const grid = placeOnGrid(rows, households.length, intervalMs, periodMs, source);
  const names = households.map((h) => h.household);
  handleMissing(grid, names, rows, options.missing ?? "error", source);
  const problem = resampleProblem(intervalMs, periodMs, grid.slots);
  if (problem !== undefined) throw new ProfileError(source, undefined, `cannot resample: ${problem}`);
  return buildProfile(grid, rows.offsetMin, periodMs, households, options, source);
}

function buildProfile(
  grid: Grid,
  offsetMin: number,
  periodMs: number,
  households: readonly HouseholdMapping[],
  options: CsvProfileOptions,
  source: string,
): Profile {
  const periods = resampledLength(grid.slots, grid.intervalMs, periodMs);
  const { microgrids, order } = agentOrder(households);
  const pv = new Int32Array(order.length * periods);
  const load = new Int32Array(order.length * periods);
  const work = new Float64Array(periods);
  const years = (grid.slots * grid.intervalMs) / (365 * MS_PER_DAY);
  const agents: AgentInfo[] = order.map((h, a) => {
    const mapping = households[h]!;
    const base = h * grid.slots;
    for (const [series, scale, out, column] of [
      [grid.pv, options.pvScale ?? 1, pv, "pv_kwh"],
      [grid.load, options.loadScale ?? 1, load, "load_kwh"],
    ] as const) {
      for (let s = 0; s < grid.slots; s++) series[base + s] = series[base + s]! * 1000 * scale;
      roundCumulativeInPlace(series, base, grid.slots);
      resampleInto(series, base, grid.slots, grid.intervalMs, periodMs, work, 0);
      const t = storeWh(work, out, a * periods);
      if (t >= 0) {
        throw new ProfileError(
          source,
          undefined,
          `${column}: household ${mapping.household} has ${work[t]} Wh in period ${t} after scaling, above the ${MAX_WH_PER_PERIOD} Wh a period can hold`,
        );
      }
    }
    let loadWh = 0;
    for (let t = 0; t < periods; t++) loadWh += load[a * periods + t]!;
    return {
      id: a,
      name: mapping.household,
      microgrid: mapping.microgrid,
      microgridIndex: microgrids.indexOf(mapping.microgrid),
      pvKwp: mapping.pvKwp === null ? null : mapping.pvKwp * (options.pvScale ?? 1),
      annualKwh: loadWh / 1000 / years,
    };
  });
  return {
    periodMs,
    startIso: formatIsoTime(grid.startMs, offsetMin),
    startMs: grid.startMs,
    utcOffsetMin: offsetMin,
    periods,
    agents,
    microgrids,
    pv,
    load,
    source,
  };
}
