// Copies input rows into fresh objects with a fixed key order, so the spec JSON does not depend on
// how the caller built its objects, and rejects values a chart cannot show honestly (NaN, Infinity
// serialise as null and Vega would silently drop or misplace them). Values are never rounded.
import type { BenefitRow, NetProductionRow, ScalabilityRow, ScenarioTotalRow, Table1Row } from "./types.js";

function finite(value: number, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`report: ${where} must be a finite number, got ${String(value)}`);
  }
  return value;
}

export function netProductionValues(rows: readonly NetProductionRow[]): NetProductionRow[] {
  return rows.map((r, i) => ({
    hour: finite(r.hour, `netProduction[${i}].hour`),
    microgrid: String(r.microgrid),
    netKwh: finite(r.netKwh, `netProduction[${i}].netKwh`),
  }));
}

export function benefitValues(rows: readonly BenefitRow[]): BenefitRow[] {
  return rows.map((r, i) => ({
    scenario: String(r.scenario),
    microgrid: String(r.microgrid),
    producerPct: finite(r.producerPct, `benefits[${i}].producerPct`),
    consumerPct: finite(r.consumerPct, `benefits[${i}].consumerPct`),
  }));
}

export function totalValues(rows: readonly ScenarioTotalRow[]): ScenarioTotalRow[] {
  return rows.map((r, i) => ({
    scenario: String(r.scenario),
    totalBenefitGbp: finite(r.totalBenefitGbp, `totals[${i}].totalBenefitGbp`),
    producerBenefitGbp: finite(r.producerBenefitGbp, `totals[${i}].producerBenefitGbp`),
    consumerBenefitGbp: finite(r.consumerBenefitGbp, `totals[${i}].consumerBenefitGbp`),
    mainGridKwh: finite(r.mainGridKwh, `totals[${i}].mainGridKwh`),
    mainGridImportKwh: finite(r.mainGridImportKwh, `totals[${i}].mainGridImportKwh`),
    mainGridExportKwh: finite(r.mainGridExportKwh, `totals[${i}].mainGridExportKwh`),
  }));
}

/** A column of Table I: a ledger's values ("ours") or the paper's for that ledger. */
export interface Table1Column {
  ledger: string;
  source: "ours" | "paper";
  /** Heading, e.g. "iota (ours)". */
  label: string;
}

/** Table I's columns: each ledger in order of first appearance, then its paper column if any row has one. */
export function table1Columns(rows: readonly Table1Row[]): Table1Column[] {
  const ledgers: string[] = [];
  const withPaper = new Set<string>();
  for (const r of rows) {
    for (const c of r.cells) {
      if (!ledgers.includes(c.ledger)) ledgers.push(c.ledger);
      if (c.paper !== undefined) withPaper.add(c.ledger);
    }
  }
  return ledgers.flatMap((ledger) => {
    const ours: Table1Column = { ledger, source: "ours", label: `${ledger} (ours)` };
    return withPaper.has(ledger) ? [ours, { ledger, source: "paper", label: `${ledger} (paper)` }] : [ours];
  });
}

/** The text of one cell ("" where the row has no value for that column). */
export function table1Cell(row: Table1Row, column: Table1Column): string {
  const cell = row.cells.find((c) => c.ledger === column.ledger);
  if (cell === undefined) return "";
  return String((column.source === "ours" ? cell.ours : cell.paper) ?? "");
}

/** One value per (metric, column), in row then column order: the long form a chart draws. */
export function table1Values(
  rows: readonly Table1Row[],
): { metric: string; column: string; source: string; value: string }[] {
  const columns = table1Columns(rows);
  return rows.flatMap((r) =>
    columns.map((c) => ({
      metric: String(r.metric),
      column: c.label,
      source: c.source,
      value: table1Cell(r, c),
    })),
  );
}

export function scalabilityValues(rows: readonly ScalabilityRow[]): ScalabilityRow[] {
  return rows.map((r, i) => ({
    ledger: r.ledger,
    participants: finite(r.participants, `scalability[${i}].participants`),
    txLatencyMeanS: finite(r.txLatencyMeanS, `scalability[${i}].txLatencyMeanS`),
    txLatencyP95S: finite(r.txLatencyP95S, `scalability[${i}].txLatencyP95S`),
    costPerBidUsd: finite(r.costPerBidUsd, `scalability[${i}].costPerBidUsd`),
  }));
}
