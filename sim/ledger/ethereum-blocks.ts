// Log of Ethereum blocks (one row per block produced; missed proof-of-stake slots have no row).
//
// Units: ms, gwei, gas. gasUsed = our transactions' gas + the background gas included.
import { grownTo } from "../kernel/columns.js";
const INITIAL = 1024;

export class EthBlockLog {
  length = 0;
  timeMs = new Float64Array(INITIAL);
  /** Base fee this block was built at, gwei. */
  baseFeeGwei = new Float64Array(INITIAL);
  gasUsed = new Float64Array(INITIAL);
  backgroundGas = new Float64Array(INITIAL);
  oursIncluded = new Int32Array(INITIAL);
  oursDropped = new Int32Array(INITIAL);
  /** Our transactions still pending after the block. */
  oursPending = new Int32Array(INITIAL);

  add(
    timeMs: number,
    baseFeeGwei: number,
    gasUsed: number,
    backgroundGas: number,
    included: number,
    dropped: number,
    pending: number,
  ): void {
    const i = this.length;
    if (i === this.timeMs.length) this.#grow(i * 2);
    this.length = i + 1;
    this.timeMs[i] = timeMs;
    this.baseFeeGwei[i] = baseFeeGwei;
    this.gasUsed[i] = gasUsed;
    this.backgroundGas[i] = backgroundGas;
    this.oursIncluded[i] = included;
    this.oursDropped[i] = dropped;
    this.oursPending[i] = pending;
  }

  #grow(cap: number): void {
    this.timeMs = grownTo(this.timeMs, cap);
    this.baseFeeGwei = grownTo(this.baseFeeGwei, cap);
    this.gasUsed = grownTo(this.gasUsed, cap);
    this.backgroundGas = grownTo(this.backgroundGas, cap);
    this.oursIncluded = grownTo(this.oursIncluded, cap);
    this.oursDropped = grownTo(this.oursDropped, cap);
    this.oursPending = grownTo(this.oursPending, cap);
  }
}
