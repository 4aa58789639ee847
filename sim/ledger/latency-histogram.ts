// Latency histogram: what a transaction log keeps of the latencies of rows it has retired.
//
// Assumptions and units (ms):
// - Latencies are whole milliseconds (kernel time is integer ms); fractions are floored.
// - Below 2^11 ms every millisecond has its own bin, so percentiles there are exact. Above, each
//   doubling is split into 1024 bins: a bin is at most 0.1 % of the values it holds wide, so a
//   percentile read from it (its lower edge) is low by less than 0.1 %. Values of 2^40 ms (35 years)
//   and more share the last bin. Count, sum (hence the mean) and maximum are exact.
// - Percentiles use the nearest-rank definition, like nearestRank() on sorted values.

const EXACT_BITS = 11;
const EXACT = 2 ** EXACT_BITS;
const SUB_BITS = 10;
const SUB = 2 ** SUB_BITS;
const TOP_BITS = 40;
const BINS = EXACT + (TOP_BITS - EXACT_BITS) * SUB;

/** Floor of log2(v) for a whole v >= 1 (clz32 below 2^32; Math.log2, corrected, above). */
function exponent(v: number): number {
  if (v < 2 ** 32) return 31 - Math.clz32(v);
  let e = Math.floor(Math.log2(v));
  if (2 ** e > v) e--;
  else if (2 ** (e + 1) <= v) e++;
  return e;
}

/** Bin of a non-negative whole latency. */
export function binOf(ms: number): number {
  if (ms < EXACT) return ms;
  const e = exponent(ms);
  if (e >= TOP_BITS) return BINS - 1;
  const sub = ms < 2 ** 32 ? ms >>> (e - SUB_BITS) : Math.floor(ms / 2 ** (e - SUB_BITS));
  return EXACT + (e - EXACT_BITS) * SUB + (sub - SUB);
}

/** Lower edge of a bin (ms): the value percentiles report for it. */
export function lowerEdgeOf(bin: number): number {
  if (bin < EXACT) return bin;
  const e = EXACT_BITS + Math.floor((bin - EXACT) / SUB);
  const j = (bin - EXACT) % SUB;
  return (SUB + j) * 2 ** (e - SUB_BITS);
}

export class LatencyHistogram {
  count = 0;
  sumMs = 0;
  maxMs = NaN;
  readonly #bins = new Float64Array(BINS);

  add(latencyMs: number): void {
    const ms = Math.max(0, Math.floor(latencyMs));
    this.#bins[binOf(ms)]!++;
    this.count++;
    this.sumMs += ms;
    if (!(ms <= this.maxMs)) this.maxMs = ms;
  }

  /** Adds every value of `other`. */
  merge(other: LatencyHistogram): void {
    const from = other.#bins;
    for (let b = 0; b < BINS; b++) this.#bins[b]! += from[b]!;
    this.count += other.count;
    this.sumMs += other.sumMs;
    if (!(other.maxMs <= this.maxMs)) this.maxMs = other.maxMs;
  }

  clone(): LatencyHistogram {
    const copy = new LatencyHistogram();
    copy.merge(this);
    return copy;
  }

  /** Nearest-rank percentile (lower edge of the bin holding it); NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.min(this.count, Math.max(1, Math.ceil(q * this.count)));
    let seen = 0;
    for (let b = 0; b < BINS; b++) {
      seen += this.#bins[b]!;
      if (seen >= rank) return Math.min(lowerEdgeOf(b), this.maxMs);
    }
    return this.maxMs;
  }
}
