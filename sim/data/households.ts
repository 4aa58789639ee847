// The households mapping: which microgrid each household of a measured data set belongs to,
// and optionally its PV capacity.
//
// Assumptions: a CSV with a header naming at least a household column and a microgrid column.
// Accepted names: household; microgrid or suggested_microgrid (the CityLearn extract's name);
// optionally pv_kw, pv_kwp or pv_nominal_kw_citylearn_schema (kWp). Other columns (e.g.
// source_path) are ignored. Households must be unique and non-empty; capacities non-negative.
import { csvRecords, parseNonNegative } from "./csv-records.js";
import { ProfileError } from "./errors.js";

export interface HouseholdMapping {
  household: string;
  microgrid: string;
  /** kWp, or null when the mapping does not give it. */
  pvKwp: number | null;
}

const MICROGRID_COLUMNS = ["microgrid", "suggested_microgrid"];
const PV_COLUMNS = ["pv_kw", "pv_kwp", "pv_nominal_kw_citylearn_schema"];

function findOne(header: string[], names: readonly string[], source: string, required: boolean): number {
  const hits = header.map((h, i) => (names.includes(h) ? i : -1)).filter((i) => i >= 0);
  if (hits.length > 1)
    throw new ProfileError(source, 1, `header: expected one of ${names.join(", ")}, found several`);
  if (hits.length === 0 && required) {
    throw new ProfileError(
      source,
      1,
      `header: expected a column named ${names.join(" or ")}, got '${header.join(",")}'`,
    );
  }
  return hits[0] ?? -1;
}

/** Parses a households CSV (see the module comment). */
export function parseHouseholds(text: string, source: string): HouseholdMapping[] {
  const [head, ...rows] = csvRecords(text, source);
  if (head === undefined) throw new ProfileError(source, undefined, "empty file: expected a header line");
  const header = head.fields.map((f) => f.trim());
  const hCol = findOne(header, ["household"], source, true);
  const mCol = findOne(header, MICROGRID_COLUMNS, source, true);
  const pCol = findOne(header, PV_COLUMNS, source, false);
  const seen = new Map<string, number>();
  return rows.map(({ line, fields }) => {
    if (fields.length !== header.length) {
      throw new ProfileError(
        source,
        line,
        `expected ${header.length} fields as in the header, got ${fields.length}`,
      );
    }
    const household = (fields[hCol] ?? "").trim();
    const microgrid = (fields[mCol] ?? "").trim();
    if (household === "") throw new ProfileError(source, line, "household: expected a non-empty name");
    if (microgrid === "")
      throw new ProfileError(source, line, `${header[mCol]}: expected a non-empty microgrid name`);
    const first = seen.get(household);
    if (first !== undefined) {
      throw new ProfileError(
        source,
        line,
        `household: duplicate household '${household}' (first on line ${first})`,
      );
    }
    seen.set(household, line);
    let pvKwp: number | null = null;
    if (pCol >= 0 && (fields[pCol] ?? "").trim() !== "") {
      const v = parseNonNegative(fields[pCol] ?? "", "kWp");
      if (typeof v === "string") throw new ProfileError(source, line, `${header[pCol]}: ${v}`);
      pvKwp = v;
    }
    return { household, microgrid, pvKwp };
  });
}
