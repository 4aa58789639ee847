// Private limit prices: what each agent will at most pay (buyer) or at least accept (seller).
//
// Assumptions and units: p/kWh on the tick grid, strictly inside (Pgs, Pgb). One draw from the
// agent's own stream per call, so adding an agent never changes another's limit. The default
// ("split-midpoint") makes every agent intramarginal at any price near the middle of the band,
// which is the paper's "we only deal with intramarginal buyers and sellers"; see docs/market.md.
import { BUY, PRICE_TICK, type MarketLimits, type Side } from "./book.js";
import { quantizePrice } from "./bid.js";
import type { LimitPriceDistribution } from "./config.js";
import type { RandomStream } from "../kernel/random.js";

export function drawLimitPrice(
  side: Side,
  limits: MarketLimits,
  distribution: LimitPriceDistribution,
  stream: RandomStream,
): number {
  const mid = (limits.pgs + limits.pgb) / 2;
  let price: number;
  switch (distribution) {
    case "grid":
      price = side === BUY ? limits.pgb - PRICE_TICK : limits.pgs + PRICE_TICK;
      break;
    case "uniform":
      price = stream.uniform(limits.pgs, limits.pgb);
      break;
    default:
      price =
        side === BUY ? stream.uniform(mid, limits.pgb) : limits.pgs + (mid - stream.uniform(limits.pgs, mid));
  }
  return quantizePrice(price, limits);
}
