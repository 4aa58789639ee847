// Summaries over a TxLog: outcome totals and submit-to-confirm latency figures.
//
// Units: ms, native fee unit, USD, Wh. Percentiles use the nearest-rank definition on the sorted
// latencies of confirmed transactions.
import type { TxLog } from "./tx-log.js";
import { TxStatus, type LedgerStats } from "./types.js";

export function ledgerStats(log: TxLog): LedgerStats {
  const s: LedgerStats = {
    submitted: log.length,
    pending: 0,
    confirmed: 0,
    confirmedLate: 0,
    rejected: 0,
    dropped: 0,
    feeNative: 0,
    feeUsd: 0,
    energyWh: 0,
  };
  for (let i = 0; i < log.length; i++) {
    const st = log.status[i]!;
    if (st === TxStatus.PENDING) s.pending++;
    else if (st === TxStatus.CONFIRMED) {
      s.confirmed++;
      if (log.confirmMs[i]! > log.deadlineMs[i]!) s.confirmedLate++;
    } else if (st === TxStatus.REJECTED) s.rejected++;
    else s.dropped++;
    s.feeNative += log.feeNative[i]!;
    s.feeUsd += log.feeUsd[i]!;
    s.energyWh += log.energyWh[i]!;
  }
  return s;
}

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** Latency (confirmMs - submitMs) of confirmed transactions accepted by `filter` (default: all). */
export function latencySummary(log: TxLog, filter?: (id: number) => boolean): LatencySummary {
  let n = 0;
  const lat = new Float64Array(log.length);
  for (let i = 0; i < log.length; i++) {
    if (log.status[i] !== TxStatus.CONFIRMED) continue;
    if (filter !== undefined && !filter(i)) continue;
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

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function nearestRank(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  return sorted[rank - 1]!;
}
