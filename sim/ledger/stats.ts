// Summaries over a TxLog: outcome totals and submit-to-confirm latency figures.
//
// Units: ms, native fee unit, USD, Wh. Percentiles use the nearest-rank definition on the sorted
// latencies of confirmed transactions; once a log has retired rows (keep "unresolved") they come
// from its latency histograms instead (low by less than 0.1 %, see latency-histogram.ts).
import type { TxLog } from "./tx-log.js";
import { isOrderKind, logTotals } from "./tx-totals.js";
import { TxStatus, type LedgerStats } from "./types.js";

export function ledgerStats(log: TxLog): LedgerStats {
  const t = logTotals(log);
  return {
    submitted: log.length,
    pending: t.pending,
    confirmed: t.confirmed,
    confirmedLate: t.confirmedLate,
    rejected: t.rejected,
    dropped: t.dropped,
    feeNative: t.feeNative,
    feeUsd: t.feeUsd,
    energyWh: t.energyWh,
  };
}

/** Orders (bids, asks, updates) that executed, confirmed or reverted (both pay), and their fees. */
export function executedOrders(log: TxLog): { count: number; feeUsd: number } {
  const t = logTotals(log);
  return { count: t.executedOrders, feeUsd: t.executedOrderFeeUsd };
}

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/**
 * Which transactions a latency summary covers: all, orders only, or those whose id a filter accepts
 * (only while the log still stores every row).
 */
export type LatencyScope = "all" | "orders" | ((id: number) => boolean);

/** Latency (confirmMs - submitMs) of the confirmed transactions of `scope`. */
export function latencySummary(log: TxLog, scope: LatencyScope = "all"): LatencySummary {
  if (log.base === 0) return exactLatency(log, scope);
  if (typeof scope === "function")
    throw new RangeError(`latencySummary: cannot filter by id once ${log.base} rows were retired`);
  return histogramLatency(log, scope);
}

function exactLatency(log: TxLog, scope: LatencyScope): LatencySummary {
  const accept =
    scope === "all" ? () => true : scope === "orders" ? (i: number) => isOrderKind(log.kind[i]!) : scope;
  let n = 0;
  const lat = new Float64Array(log.length);
  for (let i = 0; i < log.length; i++) {
    if (log.status[i] !== TxStatus.CONFIRMED || !accept(i)) continue;
    lat[n++] = log.confirmMs[i]! - log.submitMs[i]!;
  }
  const sorted = lat.subarray(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return {
    count: n,
    meanMs: n > 0 ? sum / n : NaN,
    p50Ms: nearestRank(sorted, 0.5),
    p95Ms: nearestRank(sorted, 0.95),
    maxMs: n > 0 ? sorted[n - 1]! : NaN,
  };
}

function histogramLatency(log: TxLog, scope: "all" | "orders"): LatencySummary {
  const totals = logTotals(log);
  const h = scope === "orders" ? totals.orderLatency : totals.latency;
  return {
    count: h.count,
    meanMs: h.count > 0 ? h.sumMs / h.count : NaN,
    p50Ms: h.quantile(0.5),
    p95Ms: h.quantile(0.95),
    maxMs: h.maxMs,
  };
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function nearestRank(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  return sorted[rank - 1]!;
}
