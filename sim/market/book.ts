// Structure-of-arrays order book.
//
// Assumptions and units:
// - Prices in p/kWh, quantities in Wh (non-negative integers, so sums are exact).
// - A book may be longer than the orders in use (`n`): buffers are reused round after round, and
//   only the first `n` entries of every array mean anything.
// - addOrder only refuses what the typed arrays could not store faithfully (a side other than BUY
//   or SELL, an owner outside int32); prices and quantities are checked against the market limits
//   by clearUniform, which is the one place that knows the limits.
import { grownTo } from "../kernel/columns.js";
import { OrderError } from "./errors.js";

// The one vocabulary for the side of an order, everywhere in the simulator (market, grid,
// ledger, records): BUY and SELL, and NO_ORDER in per-agent columns for "nothing to trade".
export const BUY = 0;
export const SELL = 1;
export type Side = typeof BUY | typeof SELL;
export const NO_ORDER = 2;
/** Side names as written to result tables and read from configs, indexed by code. */
export const SIDE_NAMES = ["buy", "sell", "none"] as const;

/** Smallest price step of submitted bids (p/kWh). */
export const PRICE_TICK = 1e-4;

/** Main-grid prices bounding every order: Pgs (export) < price < Pgb (import), p/kWh. */
export interface MarketLimits {
  pgs: number;
  pgb: number;
}

/** The paper's fixed main-grid prices (p/kWh). */
export const DEFAULT_LIMITS: Readonly<MarketLimits> = Object.freeze({ pgs: 3.2, pgb: 18.9 });

export interface OrderBook {
  /** Orders in use (arrays may be longer: reusable buffers). */
  n: number;
  /** p/kWh. */
  price: Float64Array;
  /** Wh, integers >= 0. */
  quantity: Float64Array;
  /** Dense agent id; unique per side within a book. */
  owner: Int32Array;
  /** BUY | SELL. */
  side: Uint8Array;
}

/** An empty book with room for `capacity` orders before it has to grow. */
export function createBook(capacity: number): OrderBook {
  const cap = Math.max(0, Math.floor(capacity));
  return {
    n: 0,
    price: new Float64Array(cap),
    quantity: new Float64Array(cap),
    owner: new Int32Array(cap),
    side: new Uint8Array(cap),
  };
}

function grow(book: OrderBook, needed: number): void {
  const cap = Math.max(needed, 2 * book.price.length, 16);
  book.price = grownTo(book.price, cap, book.n);
  book.quantity = grownTo(book.quantity, cap, book.n);
  book.owner = grownTo(book.owner, cap, book.n);
  book.side = grownTo(book.side, cap, book.n);
}

/** Appends an order (growing the arrays if needed) and returns its index. */
export function addOrder(
  book: OrderBook,
  side: Side,
  price: number,
  quantity: number,
  owner: number,
): number {
  const index = book.n;
  if (side !== BUY && side !== SELL) {
    throw new OrderError(index, owner, `side must be BUY (0) or SELL (1), got ${String(side)}`);
  }
  if (!Number.isInteger(owner) || owner < -(2 ** 31) || owner >= 2 ** 31) {
    throw new OrderError(index, owner, `owner must be an int32 agent id`);
  }
  if (index >= book.price.length) grow(book, index + 1);
  book.price[index] = price;
  book.quantity[index] = quantity;
  book.owner[index] = owner;
  book.side[index] = side;
  book.n = index + 1;
  return index;
}

/** Empties a book, keeping its buffers. */
export function resetBook(book: OrderBook): void {
  book.n = 0;
}
