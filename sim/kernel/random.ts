// Named, seeded random streams.
//
// Assumptions:
// - Every random draw in the model comes from a stream obtained by name from a `Streams` object
//   built on one root seed. A stream's sequence depends only on (root seed, name): creating,
//   using or dropping other streams never changes it, so adding an agent leaves the draws of the
//   others untouched.
// - The generator is seedrandom's Alea (fast, 2^116 period, seeded from a string hash), seeded
//   with the string `${rootSeed}\u0000${name}`; the NUL byte keeps ("1", "2/x") and ("12", "/x") apart.
// - Draws are plain numbers; units are whatever the caller means (the stream knows none).
import seedrandom from "seedrandom";

/** A source of uniform draws in [0, 1). */
export type UniformSource = () => number;

export class RandomStream {
  readonly name: string;
  readonly #next: UniformSource;

  constructor(name: string, source: UniformSource) {
    this.name = name;
    this.#next = source;
  }

  /** Uniform on [0, 1). */
  random(): number {
    return this.#next();
  }

  /** Uniform on [min, max). */
  uniform(min: number, max: number): number {
    if (!(max >= min)) throw new RangeError(`${this.name}: uniform needs min <= max, got [${min}, ${max})`);
    return min + (max - min) * this.#next();
  }

  /** Integer uniform on [min, max], both inclusive and integers. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`${this.name}: int needs integers min <= max, got [${min}, ${max}]`);
    }
    return min + Math.floor((max - min + 1) * this.#next());
  }

  /**
   * Normal with mean `mean` and standard deviation `sd` (Box-Muller, two uniforms per draw; the
   * second variate is discarded so that a draw's consumption never depends on earlier calls).
   */
  normal(mean = 0, sd = 1): number {
    if (!(sd >= 0)) throw new RangeError(`${this.name}: normal needs sd >= 0, got ${sd}`);
    const u1 = 1 - this.#next(); // (0, 1]: log is finite
    const u2 = this.#next();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Exponential with rate `rate` (mean 1 / rate), by inversion. */
  exponential(rate: number): number {
    if (!(rate > 0)) throw new RangeError(`${this.name}: exponential needs rate > 0, got ${rate}`);
    return -Math.log(1 - this.#next()) / rate;
  }

  /**
   * Log-normal: exp(N(mu, sigma)), where mu and sigma are the mean and standard deviation of the
   * underlying normal (so the median is e^mu and the mean e^(mu + sigma^2 / 2)).
   */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Returns true with probability p. */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${this.name}: bernoulli needs p in [0, 1], got ${p}`);
    return this.#next() < p;
  }
}

/** Log-normal parameters (mu, sigma) for a distribution with the given mean and coefficient of variation. */
export function lognormalFromMean(mean: number, cv: number): { mu: number; sigma: number } {
  if (!(mean > 0) || !(cv >= 0)) throw new RangeError(`lognormalFromMean: need mean > 0 and cv >= 0`);
  const sigma2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** The named streams of one run, all derived from one root seed. */
export class Streams {
  readonly seed: number | string;
  readonly #streams = new Map<string, RandomStream>();

  constructor(seed: number | string) {
    if (typeof seed === "number" && !Number.isSafeInteger(seed)) {
      throw new RangeError(`Streams: seed must be an integer or a string, got ${seed}`);
    }
    this.seed = seed;
  }

  /** The stream called `name`; the same object on every call with that name. */
  get(name: string): RandomStream {
    let stream = this.#streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(name, seedrandom.alea(`${this.seed}\u0000${name}`));
      this.#streams.set(name, stream);
    }
    return stream;
  }

  /** A fresh stream for `name`, not cached: for callers that own its lifetime (e.g. per period). */
  fresh(name: string): RandomStream {
    return new RandomStream(name, seedrandom.alea(`${this.seed}\u0000${name}`));
  }
}
