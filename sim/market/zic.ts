// Zero-intelligence-constrained bidder (Gode and Sunder, 1993): the baseline AA must beat.
//
// Assumptions and units: p/kWh. A buyer bids uniformly on [Pgs, L_b], a seller asks uniformly on
// [L_s, Pgb]: random, but never loss-making. One draw from the agent's own stream per bid.
import { BUY, type MarketLimits, type Side } from "./book.js";
import { bidRange, submitPrice, type BidRange } from "./bid.js";
import type { Bidder, BidderPlugin, BidderSetup, MemberStreams, MemberView } from "./bidder.js";
import type { RandomStream } from "../kernel/random.js";

/** A ZIC price within `range` (one draw), put on the tick grid. */
function zicPrice(side: Side, range: BidRange, limits: MarketLimits, stream: RandomStream): number {
  const raw =
    side === BUY ? stream.uniform(range.c, range.l) : range.l - stream.uniform(0, range.l - range.c);
  return submitPrice(raw, range, limits);
}

export function zicBid(side: Side, limitPrice: number, limits: MarketLimits, stream: RandomStream): number {
  return zicPrice(side, bidRange(side, limitPrice, limits), limits, stream);
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
    this.#range.c = this.#members.c[i]!;
    this.#range.l = this.#members.l[i]!;
    return zicPrice(this.#members.side[i] as Side, this.#range, this.#limits, this.#streams[i]!.learn);
  }

  learn(): void {}
}

export const zicPlugin: BidderPlugin = {
  name: "zic",
  description: "zero intelligence constrained (Gode and Sunder 1993): random, never loss-making",
  create: (setup) => new ZICBidder(setup),
};
