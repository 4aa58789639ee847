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

/** `note` is always present ("" when absent) so every row has the same keys. */
export function table1Values(rows: readonly Table1Row[]): Required<Table1Row>[] {
  return rows.map((r) => ({
    metric: String(r.metric),
    iota: String(r.iota),
    ethereum: String(r.ethereum),
    paperIota: String(r.paperIota),
    paperEthereum: String(r.paperEthereum),
    note: r.note === undefined ? "" : String(r.note),
  }));
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
