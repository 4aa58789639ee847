// GoShimmer-style adaptive proof of work for the messages a node issues on Layer 1.
//
// Assumptions and units:
// - difficulty = base + floor(m / messagesPerStep), where m is the number of messages the same node
//   issued in the last windowMs before the PoW starts (GoShimmer's aPoW: base + floor(rate * m),
//   window 60 s, rate 1/6).
// - Difficulty d means d leading zero bits, so the number of hashes is geometric with mean 2^d; the
//   PoW time is therefore exponential with mean 2^d / hashRate (seconds), drawn from the injected
//   stream and rounded to whole ms.
// - A node does one PoW at a time; the caller serialises (each Wasp chain's anchors are sequential).
import type { RandomStream } from "../kernel/index.js";

export interface PowParams {
  baseDifficulty: number;
  windowMs: number;
  messagesPerStep: number;
  hashRateHps: number;
}

/** Difficulty for a node that issued `recent` messages in the window. */
export function adaptiveDifficulty(p: PowParams, recent: number): number {
  return p.baseDifficulty + Math.floor(recent / p.messagesPerStep);
}

/** Expected PoW time at difficulty d (ms). */
export function expectedPowMs(p: PowParams, difficulty: number): number {
  return (2 ** difficulty / p.hashRateHps) * 1000;
}

/** Draws a PoW time at difficulty d (whole ms). */
export function drawPowMs(p: PowParams, difficulty: number, rng: RandomStream): number {
  return Math.round(rng.exponential(1) * expectedPowMs(p, difficulty));
}

/** Issue times of one node's recent messages (a growable ring), for the adaptive difficulty. */
export class IssueWindow {
  #times = new Float64Array(8);
  #head = 0;
  #size = 0;

  /** Messages issued in (t - windowMs, t]; forgets older ones. Times must be queried non-decreasing. */
  recent(t: number, windowMs: number): number {
    const cap = this.#times.length;
    while (this.#size > 0 && this.#times[this.#head]! <= t - windowMs) {
      this.#head = (this.#head + 1) % cap;
      this.#size--;
    }
    return this.#size;
  }

  /** Records a message issued at time t (non-decreasing). */
  record(t: number): void {
    if (this.#size === this.#times.length) this.#grow();
    this.#times[(this.#head + this.#size) % this.#times.length] = t;
    this.#size++;
  }

  #grow(): void {
    const cap = this.#times.length;
    const next = new Float64Array(cap * 2);
    for (let i = 0; i < this.#size; i++) next[i] = this.#times[(this.#head + i) % cap]!;
    this.#times = next;
    this.#head = 0;
  }
}
