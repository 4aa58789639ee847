// Zero-intelligence-constrained bidder (Gode and Sunder, 1993): the baseline AA must beat.
//
// Assumptions and units: p/kWh. A buyer bids uniformly on [Pgs, L_b], a seller asks uniformly on
// [L_s, Pgb]: random, but never loss-making. One draw from the agent's own stream per bid.
import { BUY, type MarketLimits, type Side } from "./book.js";
import { bidRange, submitPrice, type BidRange } from "./bid.js";
import type { Bidder, BidderPlugin, BidderSetup, MemberStreams, MemberView } from "./bidder.js";
import type { RandomStream } from "../kernel/random.js";

export function zicBid(side: Side, limitPrice: number, limits: MarketLimits, stream: RandomStream): number {
  const range = bidRange(side, limitPrice, limits);
  const raw =
    side === BUY ? stream.uniform(range.c, range.l) : range.l - stream.uniform(0, range.l - range.c);
  return submitPrice(raw, range, limits);
}

/** ZIC as a Bidder plugin: a fresh never-loss-making random price every round, no learning. */
export class ZICBidder implements Bidder {
  readonly #members: MemberView;
  readonly #streams: readonly MemberStreams[];
  readonly #limits: MarketLimits;
  readonly #range: BidRange = { c: 0, l: 0 };

  constructor(setup: BidderSetup) {
    this.#members = setup.members;
    this.#streams = setup.streams;
    this.#limits = setup.limits;
  }

  open(): void {}

  price(i: number): number {
    const c = this.#members.c[i]!;
    const l = this.#members.l[i]!;
    const stream = this.#streams[i]!.learn;
    const raw = this.#members.side[i] === BUY ? stream.uniform(c, l) : l - stream.uniform(0, l - c);
    this.#range.c = c;
    this.#range.l = l;
    return submitPrice(raw, this.#range, this.#limits);
  }

  learn(): void {}
}

export const zicPlugin: BidderPlugin = {
  name: "zic",
  description: "zero intelligence constrained (Gode and Sunder 1993): random, never loss-making",
  create: (setup) => new ZICBidder(setup),
};
