// Log of Ethereum blocks (one row per block produced; missed proof-of-stake slots have no row).
//
// Units: ms, gwei, gas. gasUsed = our transactions' gas + the background gas included.
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
    const g = <T extends Int32Array | Float64Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.timeMs = g(this.timeMs, new Float64Array(cap));
    this.baseFeeGwei = g(this.baseFeeGwei, new Float64Array(cap));
    this.gasUsed = g(this.gasUsed, new Float64Array(cap));
    this.backgroundGas = g(this.backgroundGas, new Float64Array(cap));
    this.oursIncluded = g(this.oursIncluded, new Int32Array(cap));
    this.oursDropped = g(this.oursDropped, new Int32Array(cap));
    this.oursPending = g(this.oursPending, new Int32Array(cap));
  }
}
