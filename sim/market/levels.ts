// Price levels of one side of a book: the distinct prices with their total quantity, in walking
// order (bids high to low, asks low to high), and where each level's orders sit in the sorted
// order, so that the marginal level's members are at hand for the pro-rata split.
//
// Assumptions and units: prices p/kWh (finite, already validated), quantities integer Wh.
// Orders with zero quantity are left out (radix.ts): they take part in nothing, bound no price.
import { createRadixScratch, sortSide, type RadixScratch } from "./radix.js";

export interface LevelList {
  /** Distinct prices in walking order (entries [0, count)). */
  price: Float64Array;
  /** Total Wh offered at each price. */
  qty: Float64Array;
  /** Level k's orders are sorted.idx[start[k] .. start[k + 1]). */
  start: Int32Array;
  count: number;
  sorted: RadixScratch;
}

export function createLevelList(capacity: number): LevelList {
  return {
    price: new Float64Array(capacity),
    qty: new Float64Array(capacity),
    start: new Int32Array(capacity + 1),
    count: 0,
    sorted: createRadixScratch(capacity),
  };
}

function ensureCapacity(list: LevelList, orders: number): void {
  if (list.price.length >= orders) return;
  list.price = new Float64Array(orders);
  list.qty = new Float64Array(orders);
  list.start = new Int32Array(orders + 1);
}

/**
 * Fills `list` with the levels of the orders on `side` (positive quantity only), sorted
 * descending when `descending` (bids) and ascending otherwise (asks). `sideCount` bounds the
 * number of orders on that side.
 */
export function buildLevels(
  list: LevelList,
  n: number,
  price: Float64Array,
  quantity: Float64Array,
  sideOf: Uint8Array,
  side: number,
  sideCount: number,
  descending: boolean,
): void {
  ensureCapacity(list, sideCount);
  const m = sortSide(n, price, quantity, sideOf, side, sideCount, descending, list.sorted);
  const idx = list.sorted.idx;
  const levelPrice = list.price;
  const levelQty = list.qty;
  const start = list.start;
  let count = 0;
  let current = Number.NaN;
  for (let k = 0; k < m; k++) {
    const i = idx[k] as number;
    const p = price[i] as number;
    const q = quantity[i] as number;
    if (p === current) {
      levelQty[count - 1] = (levelQty[count - 1] as number) + q;
      continue;
    }
    current = p;
    levelPrice[count] = p;
    levelQty[count] = q;
    start[count] = k;
    count++;
  }
  start[count] = m;
  list.count = count;
}
