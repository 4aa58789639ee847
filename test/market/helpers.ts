// Small builders shared by the market tests.
import { addOrder, BUY, createBook, SELL, type OrderBook } from "../../sim/market/index.js";

/** [price p/kWh, quantity Wh, owner] */
export type Row = [number, number, number];

export function bookOf(bids: Row[], asks: Row[]): OrderBook {
  const book = createBook(bids.length + asks.length);
  for (const [p, q, o] of bids) addOrder(book, BUY, p, q, o);
  for (const [p, q, o] of asks) addOrder(book, SELL, p, q, o);
  return book;
}

export function fills(fill: Float64Array, n: number): number[] {
  return Array.from(fill.subarray(0, n));
}
