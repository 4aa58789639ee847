// Fallback price (paper eq. 1; docs/errata.md, erratum 3) and fills at a given price.
//
// Assumptions and units: prices p/kWh, quantities Wh. Orders with zero quantity are ignored.
// - as-described: (highest bid + lowest ask) / 2, the sentence around eq. (1);
//   as-printed:   (lowest bid + highest ask) / 2, the formula as typeset.
//   A missing side reads as the grid price (no bid -> Pgs, no ask -> Pgb), as in clearUniform.
// - Fills at a price P that need not clear the book: only orders willing to trade at P take part
//   (bids >= P, asks <= P), so no buyer pays above its bid and no seller receives below its ask.
//   Among them the volume is the largest possible, min(willing demand, willing supply), and the
//   long side is served by price priority with the marginal level split pro rata, exactly as
//   clearUniform does. When P lies in the book's market-clearing interval this is the efficient
//   volume; outside it, the orders that would have traded at a loss are dropped, so the volume is
//   smaller (their energy goes to the main grid).
import { BUY, createBook, type MarketLimits, type OrderBook } from "./book.js";
import { clearUniform, type ClearingResult, type ClearingWorkspace } from "./clear.js";
import type { FallbackRule } from "./config.js";
import { validateBook } from "./validate.js";

/** Eq. (1) on the orders of `book`. */
export function fallbackPrice(book: OrderBook, limits: MarketLimits, rule: FallbackRule): number {
  let maxBid = Number.NEGATIVE_INFINITY;
  let minBid = Number.POSITIVE_INFINITY;
  let maxAsk = Number.NEGATIVE_INFINITY;
  let minAsk = Number.POSITIVE_INFINITY;
  for (let i = 0; i < book.n; i++) {
    if (book.quantity[i] === 0) continue;
    const p = book.price[i] as number;
    if (book.side[i] === BUY) {
      if (p > maxBid) maxBid = p;
      if (p < minBid) minBid = p;
    } else {
      if (p > maxAsk) maxAsk = p;
      if (p < minAsk) minAsk = p;
    }
  }
  const hasBid = maxBid > Number.NEGATIVE_INFINITY;
  const hasAsk = maxAsk > Number.NEGATIVE_INFINITY;
  const bid = rule === "as-printed" ? minBid : maxBid;
  const ask = rule === "as-printed" ? maxAsk : minAsk;
  return ((hasBid ? bid : limits.pgs) + (hasAsk ? ask : limits.pgb)) / 2;
}

/**
 * Fills of `book` at the imposed `price` (see the rule above). The result reports `price` as mcp
 * and as both ends of the interval; demand and supply are the whole book's.
 */
export function clearAtPrice(
  book: OrderBook,
  limits: MarketLimits,
  price: number,
  workspace?: ClearingWorkspace,
): ClearingResult {
  validateBook(book, limits, { marks: new Uint8Array(0) });
  const willing = createBook(book.n);
  const from = new Int32Array(book.n);
  let demand = 0;
  let supply = 0;
  for (let i = 0; i < book.n; i++) {
    const p = book.price[i] as number;
    const q = book.quantity[i] as number;
    const buy = book.side[i] === BUY;
    if (buy) demand += q;
    else supply += q;
    if (buy ? p < price : p > price) continue;
    const k = willing.n++;
    willing.price[k] = p;
    willing.quantity[k] = q;
    willing.owner[k] = book.owner[i] as number;
    willing.side[k] = book.side[i] as number;
    from[k] = i;
  }
  const inner = clearUniform(willing, limits, workspace);
  const fill = new Float64Array(book.n);
  for (let k = 0; k < willing.n; k++) fill[from[k] as number] = inner.fill[k] as number;
  const residual = new Float64Array(book.n);
  for (let i = 0; i < book.n; i++) residual[i] = (book.quantity[i] as number) - (fill[i] as number);
  return {
    mcp: price,
    priceLow: price,
    priceHigh: price,
    volume: inner.volume,
    demand,
    supply,
    fill,
    residual,
  };
}
