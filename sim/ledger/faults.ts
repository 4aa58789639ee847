// Fault schedules: typed data, applied by the ledgers as kernel events or time-dependent factors.
//
// Assumptions and units:
// - Times in ms; toMs may be Infinity (no recovery). Windows are [fromMs, toMs).
// - "wasp-node-down": one node of one chain's Wasp committee is down during the window; with more
//   than floor((n - 1) / 3) nodes down the chain cannot reach its quorum and stops confirming.
//   "l1-latency-spike": Layer-1 confirmation latency of messages issued in the window is multiplied.
//   "eth-demand-spike": Ethereum background gas demand of blocks in the window is multiplied.
//   Overlapping spikes multiply.
// - Attribution: a transaction is affected by a fault when it waited while the fault was active
//   (Wasp: queued or in consensus on a stopped chain; L1: its anchor or message was issued during the
//   spike; Ethereum: pending in the mempool during the spike). Each transaction is attributed to the
//   first fault that touched it, so impacts do not double count.
import type { TxLog } from "./tx-log.js";
import { KIND, TxStatus, type FaultImpact } from "./types.js";

export interface WaspNodeDown {
  kind: "wasp-node-down";
  chain: number;
  /** Committee node index, 0 <= node < committee size. */
  node: number;
  fromMs: number;
  toMs: number;
}

export interface L1LatencySpike {
  kind: "l1-latency-spike";
  fromMs: number;
  toMs: number;
  /** Factor on Layer-1 confirmation latency (> 0). */
  multiplier: number;
}

export interface EthDemandSpike {
  kind: "eth-demand-spike";
  fromMs: number;
  toMs: number;
  /** Factor on background gas demand per block (> 0). */
  multiplier: number;
}

export type Fault = WaspNodeDown | L1LatencySpike | EthDemandSpike;

export interface FaultSchedule {
  faults: readonly Fault[];
}

export const NO_FAULTS: FaultSchedule = { faults: [] };

/** Throws a RangeError naming the first malformed fault. */
export function validateFaults(schedule: FaultSchedule, chains: number, committeeSize: number): void {
  schedule.faults.forEach((f, i) => {
    const where = `faults[${i}] (${f.kind})`;
    if (!Number.isSafeInteger(f.fromMs) || f.fromMs < 0)
      throw new RangeError(`${where}: fromMs must be an integer >= 0`);
    if (!(f.toMs === Infinity || (Number.isSafeInteger(f.toMs) && f.toMs >= f.fromMs))) {
      throw new RangeError(`${where}: toMs must be an integer >= fromMs, or Infinity`);
    }
    if (f.kind === "wasp-node-down") {
      if (!Number.isInteger(f.chain) || f.chain < 0 || f.chain >= chains)
        throw new RangeError(`${where}: chain out of range`);
      if (!Number.isInteger(f.node) || f.node < 0 || f.node >= committeeSize) {
        throw new RangeError(`${where}: node must be in [0, ${committeeSize})`);
      }
    } else if (!(f.multiplier > 0) || !Number.isFinite(f.multiplier)) {
      throw new RangeError(`${where}: multiplier must be a finite number > 0`);
    }
  });
}

/** Product of the multipliers of `kind` spikes active at time t, and the first active one's index. */
export function spikeAt(
  schedule: FaultSchedule,
  kind: "l1-latency-spike" | "eth-demand-spike",
  t: number,
): {
  multiplier: number;
  first: number;
} {
  let multiplier = 1;
  let first = -1;
  const faults = schedule.faults;
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i]!;
    if (f.kind !== kind || t < f.fromMs || t >= f.toMs) continue;
    multiplier *= f.multiplier;
    if (first === -1) first = i;
  }
  return { multiplier, first };
}

/** Whether any fault of `kind` is in the schedule (lets ledgers skip the per-event lookup). */
export function hasFault(schedule: FaultSchedule, kind: Fault["kind"]): boolean {
  return schedule.faults.some((f) => f.kind === kind);
}

/** Impact rows for the faults of the given kinds, aggregated over the log (O(log length)). */
export function faultImpacts(
  schedule: FaultSchedule,
  kinds: readonly Fault["kind"][],
  log: TxLog,
  nowMs: number,
): FaultImpact[] {
  const rows = new Map<number, FaultImpact>();
  schedule.faults.forEach((f, i) => {
    if (kinds.includes(f.kind)) rows.set(i, emptyImpact(i, f));
  });
  const latencySum = new Map<number, number>();
  for (const [fault, retired] of log.retired.faults) {
    const row = rows.get(fault);
    if (row === undefined) continue;
    mergeImpact(row, retired.impact);
    latencySum.set(fault, retired.latencySumMs);
  }
  for (let id = log.base; id < log.length; id++) {
    const r = log.row(id);
    const row = rows.get(log.fault[r]!);
    if (row === undefined) continue;
    addToImpact(row, log, id, nowMs);
    if (log.status[r] === TxStatus.CONFIRMED) {
      latencySum.set(row.fault, (latencySum.get(row.fault) ?? 0) + log.confirmMs[r]! - log.submitMs[r]!);
    }
  }
  for (const row of rows.values()) {
    row.meanLatencyMs = row.confirmed > 0 ? (latencySum.get(row.fault) ?? 0) / row.confirmed : NaN;
  }
  return [...rows.values()];
}

const COUNTS = [
  "affected",
  "confirmed",
  "confirmedLate",
  "rejected",
  "dropped",
  "pending",
  "missedDeadline",
  "quantityWh",
] as const;

function mergeImpact(into: FaultImpact, from: FaultImpact): void {
  for (const key of COUNTS) into[key] += from[key];
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

/** Counts row `id` of `log` in a fault's impact row; `nowMs` decides whether a pending row missed its deadline. */
export function addToImpact(row: FaultImpact, log: TxLog, id: number, nowMs: number): void {
  const r = log.row(id);
  const status = log.status[r]!;
  const deadline = log.deadlineMs[r]!;
  row.affected++;
  if (log.kind[r]! <= KIND.update) row.quantityWh += log.quantityWh[r]!;
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
