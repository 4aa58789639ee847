// Fault schedules: typed data, applied by the ledgers as kernel events or time-dependent factors.
//
// Assumptions and units:
// - Times in ms; toMs may be Infinity (no recovery). Windows are [fromMs, toMs).
// - "wasp-node-down": one node of one chain's Wasp committee is down during the window; with more
//   than floor((n - 1) / 3) nodes down the chain cannot reach its quorum and stops confirming.
//   "l1-latency-spike": Layer-1 confirmation latency of messages issued in the window is multiplied.
//   "eth-demand-spike": Ethereum background gas demand of blocks in the window is multiplied.
//   Overlapping spikes multiply.
//   "sequencer-down": a rollup's sequencer (op-rollup) builds no blocks and gives no preconfirmations
//   during the window; submitted transactions wait for it (or expire). Ledgers without a sequencer
//   ignore it.
// - Attribution: a transaction is affected by a fault when it waited while the fault was active
//   (Wasp: queued or in consensus on a stopped chain; L1: its anchor or message was issued during the
//   spike; Ethereum: pending in the mempool during the spike). Each transaction is attributed to the
//   first fault that touched it, so impacts do not double count.
import type { TxLog } from "./tx-log.js";
import { emptyImpact, logTotals } from "./tx-totals.js";
import type { FaultImpact } from "./types.js";

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

export interface SequencerDown {
  kind: "sequencer-down";
  fromMs: number;
  toMs: number;
}

export type Fault = WaspNodeDown | L1LatencySpike | EthDemandSpike | SequencerDown;

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
    } else if (f.kind === "sequencer-down") {
      // A window and nothing else.
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

/** Index of the first `kind` window active at time t, or -1 (windows without a factor). */
export function activeWindow(schedule: FaultSchedule, kind: Fault["kind"], t: number): number {
  const faults = schedule.faults;
  for (let i = 0; i < faults.length; i++) {
    const f = faults[i]!;
    if (f.kind === kind && t >= f.fromMs && t < f.toMs) return i;
  }
  return -1;
}

/** Whether any fault of `kind` is in the schedule (lets ledgers skip the per-event lookup). */
export function hasFault(schedule: FaultSchedule, kind: Fault["kind"]): boolean {
  return schedule.faults.some((f) => f.kind === kind);
}

/** Impact rows for the faults of the given kinds, aggregated over the log (O(rows stored)). */
export function faultImpacts(
  schedule: FaultSchedule,
  kinds: readonly Fault["kind"][],
  log: TxLog,
  nowMs: number,
): FaultImpact[] {
  const totals = logTotals(log, nowMs).faults;
  return schedule.faults.flatMap((f, i) => {
    if (!kinds.includes(f.kind)) return [];
    const t = totals.get(i);
    const row = { ...(t?.impact ?? emptyImpact(i, f)), kind: f.kind, fromMs: f.fromMs, toMs: f.toMs };
    row.meanLatencyMs = t !== undefined && row.confirmed > 0 ? t.latencySumMs / row.confirmed : NaN;
    return [row];
  });
}
