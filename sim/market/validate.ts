// Order validation against the binding market rules (docs/market.md, "Orders").
//
// Assumptions and units: prices p/kWh must lie in the open interval (Pgs, Pgb); quantities are
// non-negative safe-integer Wh and each side's total must stay a safe integer, so that every
// sum the clearing forms is exact. An owner may appear once per side.
import { BUY, SELL, type MarketLimits, type OrderBook } from "./book.js";
import { OrderError } from "./errors.js";

export interface SideCounts {
  /** Orders per side. */
  buys: number;
  sells: number;
  /** Wh offered per side. */
  demand: number;
  supply: number;
}

/** Throws RangeError unless pgs < pgb are finite. */
export function checkLimits(limits: MarketLimits): void {
  const { pgs, pgb } = limits;
  if (!Number.isFinite(pgs) || !Number.isFinite(pgb) || !(pgs < pgb)) {
    throw new RangeError(`market limits need finite pgs < pgb, got pgs=${pgs}, pgb=${pgb}`);
  }
}

function checkOrder(book: OrderBook, i: number, limits: MarketLimits): void {
  const owner = book.owner[i] as number;
  const side = book.side[i] as number;
  const price = book.price[i] as number;
  const q = book.quantity[i] as number;
  if (side !== BUY && side !== SELL) {
    throw new OrderError(i, owner, `side must be BUY (0) or SELL (1), got ${side}`);
  }
  if (!Number.isFinite(price) || !(price > limits.pgs && price < limits.pgb)) {
    throw new OrderError(
      i,
      owner,
      `price must be finite and in the open interval (${limits.pgs}, ${limits.pgb}) p/kWh, got ${price}`,
    );
  }
  if (!Number.isSafeInteger(q) || q < 0) {
    throw new OrderError(i, owner, `quantity must be a non-negative integer number of Wh, got ${q}`);
  }
}

/**
 * Validates every order in use and returns the number of orders per side. `marks` is scratch
 * space reused between calls (grown when needed); the returned object carries it back.
 */
export function validateBook(
  book: OrderBook,
  limits: MarketLimits,
  scratch: { marks: Uint8Array },
): SideCounts {
  checkLimits(limits);
  const n = book.n;
  if (!Number.isSafeInteger(n) || n < 0 || n > book.price.length || n > book.quantity.length) {
    throw new RangeError(`book.n must be an integer in [0, array length], got ${n}`);
  }
  if (n > book.owner.length || n > book.side.length) {
    throw new RangeError(`book arrays are shorter than book.n = ${n}`);
  }
  const { price, quantity, owner, side } = book;
  const { pgs, pgb } = limits;
  let buys = 0;
  let demand = 0;
  let supply = 0;
  let minOwner = 0;
  let maxOwner = 0;
  for (let i = 0; i < n; i++) {
    const p = price[i] as number;
    const q = quantity[i] as number;
    const s = side[i] as number;
    // One fused test on the hot path; checkOrder explains any failure. NaN fails every comparison.
    if (!(p > pgs && p < pgb && q >= 0 && q <= Number.MAX_SAFE_INTEGER && Math.floor(q) === q && s <= SELL)) {
      checkOrder(book, i, limits);
    }
    const o = owner[i] as number;
    if (i === 0 || o < minOwner) minOwner = o;
    if (i === 0 || o > maxOwner) maxOwner = o;
    if (s === BUY) {
      buys++;
      demand += q;
    } else {
      supply += q;
    }
  }
  // Sums of integers stay exact until they pass 2^53, so checking at the end suffices to detect
  // it; the per-order scan below names the order at which the total first overflowed.
  if (demand > Number.MAX_SAFE_INTEGER || supply > Number.MAX_SAFE_INTEGER) throw overflowError(book);
  checkDuplicateOwners(book, minOwner, maxOwner, scratch);
  return { buys, sells: n - buys, demand, supply };
}

function overflowError(book: OrderBook): OrderError {
  let demand = 0;
  let supply = 0;
  for (let i = 0; i < book.n; i++) {
    const q = book.quantity[i] as number;
    const o = book.owner[i] as number;
    if (book.side[i] === BUY) {
      demand += q;
      if (demand > Number.MAX_SAFE_INTEGER) return new OrderError(i, o, "total demand exceeds 2^53 - 1 Wh");
    } else {
      supply += q;
      if (supply > Number.MAX_SAFE_INTEGER) return new OrderError(i, o, "total supply exceeds 2^53 - 1 Wh");
    }
  }
  return new OrderError(-1, -1, "side total exceeds 2^53 - 1 Wh");
}

function duplicateError(book: OrderBook, i: number): OrderError {
  const owner = book.owner[i] as number;
  const side = book.side[i] === BUY ? "BUY" : "SELL";
  return new OrderError(i, owner, `owner ${owner} already has a ${side} order in this book (one per side)`);
}

// Owners are dense ids, so a bitmap over their range is usually small; a sparse range falls back
// to a Set. Both report the first duplicate in index order.
function checkDuplicateOwners(
  book: OrderBook,
  minOwner: number,
  maxOwner: number,
  scratch: { marks: Uint8Array },
): void {
  const n = book.n;
  if (n < 2) return;
  const range = maxOwner - minOwner + 1;
  if (range > 4 * n + 4096) {
    checkDuplicatesBySet(book);
    return;
  }
  if (scratch.marks.length < range) scratch.marks = new Uint8Array(range);
  const marks = scratch.marks;
  marks.fill(0, 0, range);
  for (let i = 0; i < n; i++) {
    const slot = (book.owner[i] as number) - minOwner;
    const bit = 1 << (book.side[i] as number);
    const m = marks[slot] as number;
    if ((m & bit) !== 0) throw duplicateError(book, i);
    marks[slot] = m | bit;
  }
}

function checkDuplicatesBySet(book: OrderBook): void {
  const seen = new Set<number>();
  for (let i = 0; i < book.n; i++) {
    const key = 2 * (book.owner[i] as number) + (book.side[i] as number);
    if (seen.has(key)) throw duplicateError(book, i);
    seen.add(key);
  }
}
