// Zero-intelligence-constrained bidder (Gode and Sunder, 1993): the baseline AA must beat.
//
// Assumptions and units: p/kWh. A buyer bids uniformly on [Pgs, L_b], a seller asks uniformly on
// [L_s, Pgb]: random, but never loss-making. One draw from the agent's own stream per bid.
import { BUY, type MarketLimits, type Side } from "./book.js";
import { bidRange, submitPrice } from "./bid.js";
import type { RandomStream } from "../kernel/random.js";

export function zicBid(side: Side, limitPrice: number, limits: MarketLimits, stream: RandomStream): number {
  const range = bidRange(side, limitPrice, limits);
  const raw =
    side === BUY ? stream.uniform(range.c, range.l) : range.l - stream.uniform(0, range.l - range.c);
  return submitPrice(raw, range, limits);
}
