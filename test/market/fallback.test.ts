import { test } from "node:test";
import assert from "node:assert/strict";
import {
  clearAtPrice,
  clearUniform,
  DEFAULT_LIMITS,
  fallbackPrice,
  OrderError,
} from "../../sim/market/index.js";
import { bookOf, fills } from "./helpers.js";

const L = DEFAULT_LIMITS;
const book = bookOf(
  [
    [14, 10, 1],
    [12, 10, 2],
    [9, 10, 3],
  ],
  [
    [6, 10, 4],
    [10, 10, 5],
    [13, 10, 6],
  ],
);

test("as-described fallback: (highest bid + lowest ask) / 2", () => {
  assert.equal(fallbackPrice(book, L, "as-described"), (14 + 6) / 2);
});

test("as-printed fallback: (lowest bid + highest ask) / 2", () => {
  assert.equal(fallbackPrice(book, L, "as-printed"), (9 + 13) / 2);
});

test("fallback with a missing side reads it as the grid price; zero-quantity orders are ignored", () => {
  assert.equal(fallbackPrice(bookOf([[12, 5, 1]], [[4, 0, 2]]), L, "as-described"), (12 + L.pgb) / 2);
  assert.equal(fallbackPrice(bookOf([], []), L, "as-printed"), (L.pgs + L.pgb) / 2);
});

test("fills at a price inside the clearing interval are the efficient ones", () => {
  const clear = clearUniform(book, L);
  const at = clearAtPrice(book, L, clear.mcp);
  assert.equal(at.volume, clear.volume);
  assert.deepEqual(fills(at.fill, book.n), fills(clear.fill, book.n));
});

test("at a price outside the interval only willing orders trade: nobody pays above its bid", () => {
  // At 13 only the bid at 14 is willing; three asks are (6, 10, 13).
  const at = clearAtPrice(book, L, 13);
  assert.equal(at.mcp, 13);
  assert.equal(at.volume, 10);
  assert.deepEqual(fills(at.fill, book.n), [10, 0, 0, 10, 0, 0]);
  for (let i = 0; i < book.n; i++) {
    if ((at.fill[i] as number) === 0) continue;
    assert.ok(book.side[i] === 0 ? (book.price[i] as number) >= 13 : (book.price[i] as number) <= 13);
  }
});

test("clearAtPrice validates the whole book, not just the willing orders", () => {
  const bad = bookOf([[12, 1.5, 1]], [[8, 1, 2]]);
  assert.throws(() => clearAtPrice(bad, L, 10), OrderError);
});
