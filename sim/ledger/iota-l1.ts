// Layer 1 (GoShimmer-like Tangle): a network-wide issuance rate limiter and a confirmation latency.
//
// Assumptions and units:
// - The network admits at most (throughputMps - backgroundMps) of our messages per second: messages
//   are admitted FIFO, each taking 1000 / rate ms of the shared capacity (a deterministic rate
//   limiter; its queue is a single "next free" time, so a burst of a million messages costs O(1)
//   each). Reservations must be made in non-decreasing time order (the kernel guarantees it).
// - After admission, confirmation takes a lognormal time with the configured mean and CV, multiplied
//   by any Layer-1 latency spike active at admission, rounded to whole ms.
import { lognormalFromMean, type RandomStream } from "../kernel/index.js";
import { spikeAt, type FaultSchedule } from "./faults.js";

export class Layer1 {
  readonly #spacingMs: number;
  readonly #mu: number;
  readonly #sigma: number;
  readonly #rng: RandomStream;
  readonly #faults: FaultSchedule;
  readonly #spiky: boolean;
  #nextFree = 0;
  /** Index of the first latency spike that applied to the last confirmation drawn (-1: none). */
  lastSpike = -1;
  /** Messages admitted so far. */
  admitted = 0;

  constructor(
    params: { latencyMeanMs: number; latencyCv: number; throughputMps: number; backgroundMps: number },
    rng: RandomStream,
    faults: FaultSchedule,
  ) {
    this.#spacingMs = 1000 / (params.throughputMps - params.backgroundMps);
    const { mu, sigma } = lognormalFromMean(params.latencyMeanMs, params.latencyCv);
    this.#mu = mu;
    this.#sigma = sigma;
    this.#rng = rng;
    this.#faults = faults;
    this.#spiky = faults.faults.some((f) => f.kind === "l1-latency-spike");
  }

  /** Admission time (whole ms, >= t) of a message ready at time t; reserves its capacity. */
  admit(t: number): number {
    const slot = Math.max(t, this.#nextFree);
    this.#nextFree = slot + this.#spacingMs;
    this.admitted++;
    return Math.ceil(slot);
  }

  /** Confirmation delay (whole ms) of a message admitted at time t; sets lastSpike. */
  confirmationDelay(t: number): number {
    let mult = 1;
    this.lastSpike = -1;
    if (this.#spiky) {
      const s = spikeAt(this.#faults, "l1-latency-spike", t);
      mult = s.multiplier;
      this.lastSpike = s.first;
    }
    return Math.round(this.#rng.lognormal(this.#mu, this.#sigma) * mult);
  }

  /** Backlog of admitted-but-not-yet-due capacity at time t (ms of queueing a new message would see). */
  queueDelay(t: number): number {
    return Math.max(0, Math.ceil(this.#nextFree) - t);
  }
}
