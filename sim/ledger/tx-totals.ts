// Totals over transaction-log rows: outcome counts, fees, energy, the fees of executed orders,
// latency histograms and per-fault impact counts. A log folds the rows it retires into one
// TxTotals (TxLog.retired); the ledger summaries (stats.ts, faults.ts) fold the rows it still stores
// into a copy of it (logTotals), so one rule counts a row whether or not it was retired
// (percentiles become histogram percentiles, see latency-histogram.ts).
//
// Units: ms, native fee unit, USD, Wh. Only a pending row's deadline verdict depends on the time
// the totals are taken (nowMs); retired rows are resolved.
import { LatencyHistogram } from "./latency-histogram.js";
import { KIND, TxStatus } from "./tx-codes.js";

/**
 * The transaction-log columns the totals read (TxLog has them). Declared here rather than importing
 * TxLog, which holds a TxTotals of its retired rows.
 */
export interface TxRows {
  /** Ids below base are retired: folded into `retired`. */
  readonly base: number;
  /** Transactions submitted so far. */
  readonly length: number;
  readonly retired: TxTotals;
  /** Column index of transaction `id`. */
  row(id: number): number;
  readonly kind: Uint8Array;
  readonly status: Uint8Array;
  readonly fault: Int16Array;
  readonly submitMs: Float64Array;
  readonly confirmMs: Float64Array;
  readonly deadlineMs: Float64Array;
  readonly feeNative: Float64Array;
  readonly feeUsd: Float64Array;
  readonly energyWh: Float64Array;
  readonly quantityWh: Float64Array;
}

/** What one fault did to the transactions it touched (see faults.ts for the attribution rule). */
export interface FaultImpact {
  /** Index of the fault in FaultSchedule.faults. */
  fault: number;
  kind: string;
  fromMs: number;
  toMs: number;
  /** Transactions attributed to this fault (waiting while it was active). */
  affected: number;
  confirmed: number;
  confirmedLate: number;
  rejected: number;
  dropped: number;
  pending: number;
  /** Affected transactions with a deadline that were not confirmed by it (late, dropped or pending). */
  missedDeadline: number;
  /** Mean submit-to-confirm time of the affected confirmed transactions, ms (NaN if none). */
  meanLatencyMs: number;
  /** Order quantity carried by the affected transactions, Wh. */
  quantityWh: number;
}

/** Orders are the agents' bids, asks and updates (not clears or inter-microgrid messages). */
export const isOrderKind = (kind: number): boolean => kind <= KIND.update;

interface FaultTotals {
  impact: FaultImpact;
  /** Sum of the confirmed affected rows' latencies, ms. */
  latencySumMs: number;
}

export class TxTotals {
  pending = 0;
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
  latency = new LatencyHistogram();
  orderLatency = new LatencyHistogram();
  /** Per fault index (the first fault that touched a row): its impact counts. */
  faults = new Map<number, FaultTotals>();

  /** Counts row `id` of `log`; `nowMs` decides whether a pending row has missed its deadline. */
  add(log: TxRows, id: number, nowMs = Infinity): void {
    const r = log.row(id);
    const status = log.status[r]!;
    const kind = log.kind[r]!;
    const fault = log.fault[r]!;
    if (fault >= 0) this.#addFault(log, id, fault, nowMs);
    if (status === TxStatus.PENDING) {
      this.pending++;
      return;
    }
    this.feeNative += log.feeNative[r]!;
    this.feeUsd += log.feeUsd[r]!;
    this.energyWh += log.energyWh[r]!;
    if (status === TxStatus.REJECTED) this.rejected++;
    else if (status === TxStatus.DROPPED) this.dropped++;
    if (isOrderKind(kind) && (status === TxStatus.CONFIRMED || status === TxStatus.REJECTED)) {
      this.executedOrders++;
      this.executedOrderFeeUsd += log.feeUsd[r]!;
    }
    if (status !== TxStatus.CONFIRMED) return;
    this.confirmed++;
    if (log.confirmMs[r]! > log.deadlineMs[r]!) this.confirmedLate++;
    const latency = log.confirmMs[r]! - log.submitMs[r]!;
    this.latency.add(latency);
    if (isOrderKind(kind)) this.orderLatency.add(latency);
  }

  /**
   * Counts rows [from, to) of `log`, in id order: the same sums as add() row by row, with the
   * columns read once (for a log retiring a block of rows).
   */
  addRange(log: TxRows, from: number, to: number, nowMs = Infinity): void {
    const base = log.base;
    const { status, kind, fault, feeNative, feeUsd, energyWh, confirmMs, deadlineMs, submitMs } = log;
    const latency = this.latency;
    const orderLatency = this.orderLatency;
    for (let id = from; id < to; id++) {
      const r = id - base;
      const st = status[r]!;
      const k = kind[r]!;
      const f = fault[r]!;
      if (f >= 0) this.#addFault(log, id, f, nowMs);
      if (st === TxStatus.PENDING) {
        this.pending++;
        continue;
      }
      const usd = feeUsd[r]!;
      this.feeNative += feeNative[r]!;
      this.feeUsd += usd;
      this.energyWh += energyWh[r]!;
      if (st === TxStatus.REJECTED) this.rejected++;
      else if (st === TxStatus.DROPPED) this.dropped++;
      const order = isOrderKind(k);
      if (order && (st === TxStatus.CONFIRMED || st === TxStatus.REJECTED)) {
        this.executedOrders++;
        this.executedOrderFeeUsd += usd;
      }
      if (st !== TxStatus.CONFIRMED) continue;
      this.confirmed++;
      const at = confirmMs[r]!;
      if (at > deadlineMs[r]!) this.confirmedLate++;
      const ms = at - submitMs[r]!;
      latency.add(ms);
      if (order) orderLatency.add(ms);
    }
  }

  clone(): TxTotals {
    const copy = Object.assign(new TxTotals(), this);
    copy.latency = this.latency.clone();
    copy.orderLatency = this.orderLatency.clone();
    copy.faults = new Map(
      [...this.faults].map(([f, t]) => [f, { impact: { ...t.impact }, latencySumMs: t.latencySumMs }]),
    );
    return copy;
  }

  #addFault(log: TxRows, id: number, fault: number, nowMs: number): void {
    let entry = this.faults.get(fault);
    if (entry === undefined) {
      entry = { impact: emptyImpact(fault, { kind: "", fromMs: NaN, toMs: NaN }), latencySumMs: 0 };
      this.faults.set(fault, entry);
    }
    addToImpact(entry.impact, log, id, nowMs);
    const r = log.row(id);
    if (log.status[r] === TxStatus.CONFIRMED) entry.latencySumMs += log.confirmMs[r]! - log.submitMs[r]!;
  }
}

/** The log's totals at `nowMs`: its retired rows' plus every row it still stores. */
export function logTotals(log: TxRows, nowMs = Infinity): TxTotals {
  const totals = log.retired.clone();
  totals.addRange(log, log.base, log.length, nowMs);
  return totals;
}

/** A fault's impact row with nothing counted yet. */
export function emptyImpact(index: number, f: { kind: string; fromMs: number; toMs: number }): FaultImpact {
  return {
    fault: index,
    kind: f.kind,
    fromMs: f.fromMs,
    toMs: f.toMs,
    affected: 0,
    confirmed: 0,
    confirmedLate: 0,
    rejected: 0,
    dropped: 0,
    pending: 0,
    missedDeadline: 0,
    meanLatencyMs: NaN,
    quantityWh: 0,
  };
}

function addToImpact(row: FaultImpact, log: TxRows, id: number, nowMs: number): void {
  const r = log.row(id);
  const status = log.status[r]!;
  const deadline = log.deadlineMs[r]!;
  row.affected++;
  if (isOrderKind(log.kind[r]!)) row.quantityWh += log.quantityWh[r]!;
  if (status === TxStatus.CONFIRMED) {
    row.confirmed++;
    if (log.confirmMs[r]! > deadline) {
      row.confirmedLate++;
      row.missedDeadline++;
    }
    return;
  }
  if (status === TxStatus.REJECTED) row.rejected++;
  else if (status === TxStatus.DROPPED) row.dropped++;
  else row.pending++;
  if (
    status !== TxStatus.REJECTED &&
    deadline !== Infinity &&
    (status === TxStatus.DROPPED || deadline <= nowMs)
  ) {
    row.missedDeadline++;
  }
}
