// Zero-intelligence-plus (ZIP; Cliff 1997, HP Labs report HPL-97-141) as a Bidder plugin: a classic
// adaptive trader that is not a variant of AA. Each member keeps a profit margin on its limit
// price and moves its price toward a target near the last published price by Widrow-Hoff
// learning with momentum.
//
// Assumptions and units (p/kWh):
// - Price = limit x (1 + mu): a seller's margin mu >= 0 (asks at or above its limit), a buyer's
//   mu in [-1, 0] (bids at or below it), so no order is ever loss-making; the submitted price is
//   then put on the tick grid inside the member's bounds (submitPrice).
// - Cliff's parameters, per member from its `start` stream: learning rate beta ~ U[0.1, 0.5],
//   momentum gamma ~ U[0, 0.1], first margin |mu| ~ U[0.05, 0.35].
// - Cliff's rules were written for a continuous double auction (one shout at a time). In this
//   call market the round's published price q plays the last trade price, and an order that
//   traded in full "won":
//     seller won (ask <= q)   -> raise its price toward R q + A, R ~ U[1, 1.05], A ~ U[0, 0.05]
//     seller lost             -> lower it toward R q - A,       R ~ U[0.95, 1]
//     buyer won (bid >= q)    -> lower its price toward R q - A (a larger margin)
//     buyer lost              -> raise it toward R q + A
//   A "won" order whose price equals q moves too (Cliff's p <= q for sellers); an order partly
//   filled counts as lost, as in Algorithm 1. R and A are two draws from the `learn` stream.
// - The update: delta = beta (target - price), Gamma <- gamma Gamma + (1 - gamma) delta,
//   price <- price + Gamma, then mu <- price / limit - 1 clamped to the member's side.
import { BUY, type MarketLimits } from "./book.js";
import { submitPrice, type BidRange } from "./bid.js";
import type { Bidder, BidderPlugin, BidderSetup, MemberStreams, MemberView, RoundSignal } from "./bidder.js";

/** Cliff (1997), section 4: the ranges members draw their parameters from. */
export const ZIP_PARAMETERS = Object.freeze({
  beta: [0.1, 0.5],
  gamma: [0, 0.1],
  margin: [0.05, 0.35],
  relativeUp: [1, 1.05],
  relativeDown: [0.95, 1],
  absolute: [0, 0.05],
} as const);

export class ZIPBidder implements Bidder {
  /** Profit margin, learning rate, momentum and last momentum step (p/kWh) per member. */
  readonly margin: Float64Array;
  readonly beta: Float64Array;
  readonly gamma: Float64Array;
  readonly momentum: Float64Array;
  readonly #members: MemberView;
  readonly #streams: readonly MemberStreams[];
  readonly #limits: MarketLimits;
  readonly #winnersKeep: boolean;
  readonly #range: BidRange = { c: 0, l: 0 };

  constructor(setup: BidderSetup) {
    this.#winnersKeep = setup.config.learning.winners === "keep";
    const n = setup.members.side.length;
    this.margin = new Float64Array(n);
    this.beta = new Float64Array(n);
    this.gamma = new Float64Array(n);
    this.momentum = new Float64Array(n);
    this.#members = setup.members;
    this.#streams = setup.streams;
    this.#limits = setup.limits;
  }

  open(i: number): void {
    const s = this.#streams[i]!.start;
    const P = ZIP_PARAMETERS;
    this.beta[i] = s.uniform(P.beta[0], P.beta[1]);
    this.gamma[i] = s.uniform(P.gamma[0], P.gamma[1]);
    const mu = s.uniform(P.margin[0], P.margin[1]);
    this.margin[i] = this.#members.side[i] === BUY ? -mu : mu;
    this.momentum[i] = 0;
  }

  #raw(i: number): number {
    return this.#members.limit[i]! * (1 + this.margin[i]!);
  }

  price(i: number): number {
    this.#range.c = this.#members.c[i]!;
    this.#range.l = this.#members.l[i]!;
    return submitPrice(this.#raw(i), this.#range, this.#limits);
  }

  learn(i: number, round: RoundSignal): void {
    const m = this.#members;
    const buyer = m.side[i] === BUY;
    const won = m.fill[i]! >= m.quantity[i]!;
    if (won && this.#winnersKeep) return;
    // A seller that won and a buyer that lost push their price up; the others pull it down.
    const up = buyer ? !won : won;
    const s = this.#streams[i]!.learn;
    const P = ZIP_PARAMETERS;
    const relative = up
      ? s.uniform(P.relativeUp[0], P.relativeUp[1])
      : s.uniform(P.relativeDown[0], P.relativeDown[1]);
    const absolute = s.uniform(P.absolute[0], P.absolute[1]);
    const target = relative * round.mcp + (up ? absolute : -absolute);
    const price = this.#raw(i);
    const step = this.beta[i]! * (target - price);
    const gamma = this.gamma[i]!;
    this.momentum[i] = gamma * this.momentum[i]! + (1 - gamma) * step;
    const mu = (price + this.momentum[i]!) / m.limit[i]! - 1;
    this.margin[i] = buyer ? Math.min(0, Math.max(-1, mu)) : Math.max(0, mu);
  }
}

export const zipPlugin: BidderPlugin = {
  name: "zip",
  description: "zero intelligence plus (Cliff 1997): margins by Widrow-Hoff learning with momentum",
  create: (setup) => new ZIPBidder(setup),
};
