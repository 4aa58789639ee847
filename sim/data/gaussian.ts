// Fast standard normal draws for the generator's hot loops.
//
// Assumptions: RandomStream.normal() spends two uniforms and a log, a sqrt and a cosine per draw
// and discards the second variate, which dominates the cost of generating millions of samples.
// Marsaglia's polar method gives exact N(0, 1) variates in pairs from (on average 2.55) uniforms,
// one log and one sqrt, with no trigonometry; the second variate of each pair is kept for the
// next call. Draws remain a pure function of the wrapped stream's sequence, so determinism and
// stream independence are unchanged. The wrapped stream should not be used directly meanwhile.
import type { RandomStream } from "../kernel/index.js";

export class GaussianSource {
  readonly #stream: RandomStream;
  #spare = 0;
  #hasSpare = false;

  constructor(stream: RandomStream) {
    this.#stream = stream;
  }

  /** A standard normal variate. */
  next(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.#stream.random() - 1;
      v = 2 * this.#stream.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.#spare = v * f;
    this.#hasSpare = true;
    return u * f;
  }
}
