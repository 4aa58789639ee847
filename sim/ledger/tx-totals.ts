// What a transaction log keeps of rows it no longer stores: outcome totals, the fees of executed
// orders, latency histograms and per-fault counts. Everything the ledger summaries (stats.ts,
// faults.ts) read from a row is folded here, so they give the same totals whether or not rows were
// retired (percentiles become histogram percentiles, see latency-histogram.ts).
//
// Units: ms, native fee unit, USD, Wh. Only resolved rows are folded: their contribution no longer
// depends on the time the summary is taken.
import { addToImpact, emptyImpact } from "./faults.js";
import { LatencyHistogram } from "./latency-histogram.js";
import type { TxLog } from "./tx-log.js";
import { KIND, TxStatus, type FaultImpact } from "./types.js";

/** Orders are the agents' bids, asks and updates (not clears or inter-microgrid messages). */
export const isOrderKind = (kind: number): boolean => kind <= KIND.update;

export class TxTotals {
  rows = 0;
  confirmed = 0;
  confirmedLate = 0;
  rejected = 0;
  dropped = 0;
  feeNative = 0;
  feeUsd = 0;
  energyWh = 0;
  /** Orders that executed (confirmed or reverted: both paid), and their fees in USD. */
  executedOrders = 0;
  executedOrderFeeUsd = 0;
  readonly latency = new LatencyHistogram();
  readonly orderLatency = new LatencyHistogram();
  /** Per fault index: the counts of its affected rows, and the sum of their confirmed latencies. */
  readonly faults = new Map<number, { impact: FaultImpact; latencySumMs: number }>();

  /** Folds row `id` of `log` (which must be resolved). */
  add(log: TxLog, id: number): void {
    const r = log.row(id);
    const status = log.status[r]!;
    const kind = log.kind[r]!;
    this.rows++;
    this.feeNative += log.feeNative[r]!;
    this.feeUsd += log.feeUsd[r]!;
    this.energyWh += log.energyWh[r]!;
    if (status === TxStatus.REJECTED) this.rejected++;
    else if (status === TxStatus.DROPPED) this.dropped++;
    if (isOrderKind(kind) && (status === TxStatus.CONFIRMED || status === TxStatus.REJECTED)) {
      this.executedOrders++;
      this.executedOrderFeeUsd += log.feeUsd[r]!;
    }
    const fault = log.fault[r]!;
    if (fault >= 0) this.#addFault(log, id, fault);
    if (status !== TxStatus.CONFIRMED) return;
    this.confirmed++;
    if (log.confirmMs[r]! > log.deadlineMs[r]!) this.confirmedLate++;
    const latency = log.confirmMs[r]! - log.submitMs[r]!;
    this.latency.add(latency);
    if (isOrderKind(kind)) this.orderLatency.add(latency);
  }

  #addFault(log: TxLog, id: number, fault: number): void {
    let entry = this.faults.get(fault);
    if (entry === undefined) {
      entry = { impact: emptyImpact(fault, { kind: "", fromMs: NaN, toMs: NaN }), latencySumMs: 0 };
      this.faults.set(fault, entry);
    }
    addToImpact(entry.impact, log, id, Infinity);
    const r = log.row(id);
    if (log.status[r] === TxStatus.CONFIRMED) entry.latencySumMs += log.confirmMs[r]! - log.submitMs[r]!;
  }
}
