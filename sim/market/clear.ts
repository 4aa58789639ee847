// Uniform-price clearing of one sealed order book (the rules it follows are in docs/market.md,
// "Clearing").
//
// Assumptions and units: prices p/kWh in (Pgs, Pgb); quantities integer Wh. Pure: the result
// depends only on the book's orders as a multiset (not their positions) and the limits.
// O(n) passes plus a linear-time radix sort per side (so within O(n log n)): validation, per-side
// price levels, a walk over the levels, one fill pass, and a pro-rata split of the one marginal
// level that may be partially filled (a comparator sort of that level's members, only when
// leftover Wh must be ranked).
import { BUY, SELL, type MarketLimits, type OrderBook } from "./book.js";
import { buildLevels, createLevelList, type LevelList } from "./levels.js";
import { splitProRata } from "./prorata.js";
import { validateBook } from "./validate.js";

export interface ClearingResult {
  /** p/kWh, the chosen market clearing price: the midpoint of [priceLow, priceHigh]. */
  mcp: number;
  /** The market-clearing price interval [priceLow, priceHigh] (p/kWh). */
  priceLow: number;
  priceHigh: number;
  /** Wh traded (= total buy fills = total sell fills). */
  volume: number;
  /** Wh offered by all bids. */
  demand: number;
  /** Wh offered by all asks. */
  supply: number;
  /** Wh per order, indexed like the book (length >= n). */
  fill: Float64Array;
  /** quantity - fill (Wh), indexed like the book. */
  residual: Float64Array;
}

/**
 * Buffers reused across calls. When a workspace is passed, the result's `fill` and `residual`
 * ARE the workspace's buffers: copy them before clearing again with the same workspace.
 */
export interface ClearingWorkspace {
  fill: Float64Array;
  residual: Float64Array;
  bids: LevelList;
  asks: LevelList;
  marks: Uint8Array;
}

export function createClearingWorkspace(capacity = 0): ClearingWorkspace {
  return {
    fill: new Float64Array(capacity),
    residual: new Float64Array(capacity),
    bids: createLevelList(0),
    asks: createLevelList(0),
    marks: new Uint8Array(0),
  };
}

/** Where the level walk stopped on one side. */
interface Margin {
  /** Index of the last level with a positive fill (-1 if none). */
  level: number;
  /** Price of the last level with a positive fill (NaN if none). */
  marginal: number;
  /** Wh filled at the marginal level, and whether that is less than the level offers. */
  marginalFill: number;
  marginalQty: number;
  partial: boolean;
  /** Price of the first level with zero fill (NaN if none). */
  next: number;
}

function margin(levels: LevelList, stopped: number, remaining: number): Margin {
  const touched = stopped < levels.count && remaining < (levels.qty[stopped] as number);
  const m = touched ? stopped : stopped - 1;
  const qty = m >= 0 ? (levels.qty[m] as number) : 0;
  return {
    level: m,
    marginal: m >= 0 ? (levels.price[m] as number) : Number.NaN,
    marginalFill: touched ? qty - remaining : qty,
    marginalQty: qty,
    partial: touched,
    next: m + 1 < levels.count ? (levels.price[m + 1] as number) : Number.NaN,
  };
}

/** Walks bids (high to low) against asks (low to high); returns volume and both margins. */
function walk(bids: LevelList, asks: LevelList): { volume: number; bid: Margin; ask: Margin } {
  let i = 0;
  let j = 0;
  let volume = 0;
  let remB = bids.count > 0 ? (bids.qty[0] as number) : 0;
  let remA = asks.count > 0 ? (asks.qty[0] as number) : 0;
  while (i < bids.count && j < asks.count && (bids.price[i] as number) >= (asks.price[j] as number)) {
    const m = remB < remA ? remB : remA;
    volume += m;
    remB -= m;
    remA -= m;
    if (remB === 0 && ++i < bids.count) remB = bids.qty[i] as number;
    if (remA === 0 && ++j < asks.count) remA = asks.qty[j] as number;
  }
  return { volume, bid: margin(bids, i, remB), ask: margin(asks, j, remA) };
}

// max/min that skip missing (NaN) terms.
function maxOf(...xs: number[]): number {
  let best = Number.NaN;
  for (const x of xs) if (!Number.isNaN(x) && !(x <= best)) best = x;
  return best;
}
function minOf(...xs: number[]): number {
  let best = Number.NaN;
  for (const x of xs) if (!Number.isNaN(x) && !(x >= best)) best = x;
  return best;
}

function clearingInterval(
  volume: number,
  bid: Margin,
  ask: Margin,
  bids: LevelList,
  asks: LevelList,
  limits: MarketLimits,
): [number, number] {
  if (volume === 0) {
    const bestBid = bids.count > 0 ? (bids.price[0] as number) : limits.pgs;
    const bestAsk = asks.count > 0 ? (asks.price[0] as number) : limits.pgb;
    return [Math.max(bestBid, limits.pgs), Math.min(bestAsk, limits.pgb)];
  }
  const low = maxOf(ask.marginal, bid.next, bid.partial ? bid.marginal : Number.NaN);
  const high = minOf(bid.marginal, ask.next, ask.partial ? ask.marginal : Number.NaN);
  return [low, high];
}

function ensureFillBuffers(ws: ClearingWorkspace, n: number): void {
  if (ws.fill.length < n) ws.fill = new Float64Array(n);
  if (ws.residual.length < n) ws.residual = new Float64Array(n);
}

function splitLevel(book: OrderBook, levels: LevelList, m: Margin, fill: Float64Array): void {
  const level = {
    members: levels.sorted.idx,
    from: levels.start[m.level] as number,
    to: levels.start[m.level + 1] as number,
    quantity: book.quantity,
    owner: book.owner,
  };
  splitProRata(level, m.marginalFill, m.marginalQty, fill);
}

/** Full fills above (bids) / below (asks) the margin, zero beyond it; the marginal level pro rata. */
function writeFills(book: OrderBook, bid: Margin, ask: Margin, volume: number, ws: ClearingWorkspace): void {
  const { fill, residual } = ws;
  const n = book.n;
  // With no trade, no bid is above the margin and no ask below it.
  const bm = volume > 0 ? bid.marginal : Number.POSITIVE_INFINITY;
  const am = volume > 0 ? ask.marginal : Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const p = book.price[i] as number;
    const q = book.quantity[i] as number;
    let f = 0;
    if (book.side[i] === BUY) {
      if (p > bm || (p === bm && !bid.partial)) f = q;
    } else if (p < am || (p === am && !ask.partial)) {
      f = q;
    }
    fill[i] = f;
  }
  if (volume > 0 && bid.partial) splitLevel(book, ws.bids, bid, fill);
  if (volume > 0 && ask.partial) splitLevel(book, ws.asks, ask, fill);
  for (let i = 0; i < n; i++) residual[i] = (book.quantity[i] as number) - (fill[i] as number);
}

/**
 * Clears `book` at one uniform price. Throws OrderError for a malformed order (message names its
 * index and owner) and RangeError for bad limits. Pass a workspace to reuse buffers.
 */
export function clearUniform(
  book: OrderBook,
  limits: MarketLimits,
  workspace?: ClearingWorkspace,
): ClearingResult {
  const ws = workspace ?? createClearingWorkspace(book.n);
  const counts = validateBook(book, limits, ws);
  const n = book.n;
  buildLevels(ws.bids, n, book.price, book.quantity, book.side, BUY, counts.buys, true);
  buildLevels(ws.asks, n, book.price, book.quantity, book.side, SELL, counts.sells, false);
  const { volume, bid, ask } = walk(ws.bids, ws.asks);
  const [priceLow, priceHigh] = clearingInterval(volume, bid, ask, ws.bids, ws.asks, limits);
  ensureFillBuffers(ws, n);
  writeFills(book, bid, ask, volume, ws);
  return {
    mcp: (priceLow + priceHigh) / 2,
    priceLow,
    priceHigh,
    volume,
    demand: counts.demand,
    supply: counts.supply,
    fill: ws.fill,
    residual: ws.residual,
  };
}
