// Log of Wasp chain blocks (one row per consensus round attempted), structure of arrays.
//
// Units: ms. A block's requests are the detached list first..last (count n) of the ledger's queues.
// failed = 1 when the round was aborted because the committee lost its quorum (its requests went
// back to the front of the chain's queue and later formed a new block).
import { grownTo } from "../kernel/columns.js";

const INITIAL = 256;

export class WaspBlockLog {
  length = 0;
  chain = new Int32Array(INITIAL);
  first = new Int32Array(INITIAL);
  last = new Int32Array(INITIAL);
  count = new Int32Array(INITIAL);
  difficulty = new Int32Array(INITIAL);
  failed = new Uint8Array(INITIAL);
  roundStartMs = new Float64Array(INITIAL);
  roundEndMs = new Float64Array(INITIAL);
  /** When the anchor transaction was admitted to Layer 1. */
  issueMs = new Float64Array(INITIAL);
  /** When the anchor was confirmed on Layer 1 (the block's requests confirm then). */
  confirmMs = new Float64Array(INITIAL);

  add(chain: number, first: number, last: number, count: number, roundStartMs: number): number {
    const b = this.length;
    if (b === this.chain.length) this.#grow(b * 2);
    this.length = b + 1;
    this.chain[b] = chain;
    this.first[b] = first;
    this.last[b] = last;
    this.count[b] = count;
    this.difficulty[b] = -1;
    this.failed[b] = 0;
    this.roundStartMs[b] = roundStartMs;
    this.roundEndMs[b] = NaN;
    this.issueMs[b] = NaN;
    this.confirmMs[b] = NaN;
    return b;
  }

  #grow(cap: number): void {
    this.chain = grownTo(this.chain, cap);
    this.first = grownTo(this.first, cap);
    this.last = grownTo(this.last, cap);
    this.count = grownTo(this.count, cap);
    this.difficulty = grownTo(this.difficulty, cap);
    this.failed = grownTo(this.failed, cap);
    this.roundStartMs = grownTo(this.roundStartMs, cap);
    this.roundEndMs = grownTo(this.roundEndMs, cap);
    this.issueMs = grownTo(this.issueMs, cap);
    this.confirmMs = grownTo(this.confirmMs, cap);
  }
}
