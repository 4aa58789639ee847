import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addOrder,
  BUY,
  clearUniform,
  createBook,
  createClearingWorkspace,
  DEFAULT_LIMITS,
  OrderError,
  SELL,
} from "../../sim/market/index.js";
import { bookOf, fills } from "./helpers.js";

const L = DEFAULT_LIMITS;

test("crossing book: full fills above the margin, partial marginal ask, MCP in the interval", () => {
  const book = bookOf(
    [
      [12, 100, 1],
      [10, 50, 2],
    ],
    [
      [8, 70, 3],
      [11, 100, 4],
    ],
  );
  const r = clearUniform(book, L);
  assert.equal(r.volume, 100);
  assert.deepEqual([r.priceLow, r.priceHigh, r.mcp], [11, 11, 11]);
  assert.deepEqual(fills(r.fill, 4), [100, 0, 70, 30]);
  assert.deepEqual(fills(r.residual, 4), [0, 50, 0, 70]);
  assert.deepEqual([r.demand, r.supply], [150, 170]);
});

test("both marginal levels full: interval [max(a_m, b_u), min(b_m, a_u)] and k = 0.5 midpoint", () => {
  const book = bookOf(
    [
      [15, 10, 1],
      [9, 10, 2],
    ],
    [
      [6, 10, 3],
      [13, 10, 4],
    ],
  );
  const r = clearUniform(book, L);
  assert.equal(r.volume, 10);
  assert.deepEqual([r.priceLow, r.priceHigh], [9, 13]);
  assert.equal(r.mcp, 11);
});

test("partial margin: 'midpoint of last matched bid and ask' and 'last matched price' fall outside the interval", () => {
  // The bid at 12 buys 30 from the ask at 8 and 70 of the 100 offered at 11.
  const book = bookOf(
    [[12, 100, 1]],
    [
      [8, 30, 2],
      [11, 100, 3],
    ],
  );
  const r = clearUniform(book, L);
  assert.deepEqual([r.priceLow, r.priceHigh, r.mcp], [11, 11, 11]);
  const lastMatchedMidpoint = (12 + 11) / 2;
  const lastMatchedBid = 12;
  for (const p of [lastMatchedMidpoint, lastMatchedBid]) {
    assert.ok(p > r.priceHigh, `${p} should lie above the interval`);
    // At p the seller at 11 still holds 30 Wh it would sell at a profit: p does not clear.
    assert.ok((r.residual[2] as number) > 0 && 11 < p);
  }
});

test("marginal bid level split pro rata, leftover Wh to the largest remainder", () => {
  // F = 5 Wh among quantities 3, 3, 1 (Q = 7): floors 2, 2, 0; remainders 1, 1, 5 -> owner 9 gets 1.
  const book = bookOf(
    [
      [12, 3, 5],
      [12, 3, 2],
      [12, 1, 9],
    ],
    [[8, 5, 1]],
  );
  const r = clearUniform(book, L);
  assert.deepEqual(fills(r.fill, 4), [2, 2, 1, 5]);
  assert.equal(r.mcp, 12);
});

test("equal remainders at the margin: leftover Wh go to the lower owner ids", () => {
  const book = bookOf(
    [
      [12, 1, 7],
      [12, 1, 3],
      [12, 1, 5],
    ],
    [[8, 2, 1]],
  );
  const r = clearUniform(book, L);
  assert.deepEqual(fills(r.fill, 3), [0, 1, 1]);
});

test("marginal ask level split pro rata too", () => {
  const book = bookOf(
    [[15, 10, 1]],
    [
      [9, 7, 4],
      [9, 7, 2],
      [9, 7, 3],
    ],
  );
  const r = clearUniform(book, L);
  // F = 10 among 7, 7, 7: floors 3, 3, 3, remainders equal -> owner 2 gets the leftover Wh.
  assert.deepEqual(fills(r.fill, 4), [10, 3, 4, 3]);
  assert.equal(r.mcp, 9);
});

test("pro-rata split stays exact when F * q exceeds 2^53 (BigInt path)", () => {
  const qa = 2 ** 31 + 1;
  const qb = 2 ** 31 + 3;
  const supply = 2 ** 31 + 5;
  const book = bookOf(
    [
      [12, qa, 1],
      [12, qb, 2],
    ],
    [[8, supply, 3]],
  );
  const r = clearUniform(book, L);
  const fa = r.fill[0] as number;
  const fb = r.fill[1] as number;
  assert.equal(fa + fb, supply);
  const Q = BigInt(qa + qb);
  const exactA = (BigInt(supply) * BigInt(qa)) / Q;
  const exactB = (BigInt(supply) * BigInt(qb)) / Q;
  assert.ok(BigInt(fa) - exactA <= 1n && BigInt(fa) >= exactA);
  assert.ok(BigInt(fb) - exactB <= 1n && BigInt(fb) >= exactB);
});

test("empty book: interval is [pgs, pgb], nothing trades", () => {
  const r = clearUniform(createBook(0), L);
  assert.deepEqual([r.priceLow, r.priceHigh, r.volume], [L.pgs, L.pgb, 0]);
  assert.equal(r.mcp, (L.pgs + L.pgb) / 2);
});

test("bids only: interval [best bid, pgb]", () => {
  const r = clearUniform(bookOf([[12, 5, 1]], []), L);
  assert.deepEqual([r.priceLow, r.priceHigh, r.volume], [12, L.pgb, 0]);
  assert.deepEqual(fills(r.fill, 1), [0]);
});

test("asks only: interval [pgs, best ask]", () => {
  const r = clearUniform(bookOf([], [[7, 5, 1]]), L);
  assert.deepEqual([r.priceLow, r.priceHigh, r.volume], [L.pgs, 7, 0]);
});

test("no crossing: interval [best bid, best ask], no fills", () => {
  const r = clearUniform(bookOf([[9, 5, 1]], [[10, 5, 2]]), L);
  assert.deepEqual([r.priceLow, r.priceHigh, r.mcp, r.volume], [9, 10, 9.5, 0]);
  assert.deepEqual(fills(r.fill, 2), [0, 0]);
  assert.deepEqual(fills(r.residual, 2), [5, 5]);
});

test("zero-quantity orders take part in nothing and bound no price", () => {
  const withZeros = bookOf(
    [
      [18, 0, 1],
      [12, 10, 2],
    ],
    [
      [4, 0, 3],
      [10, 10, 4],
    ],
  );
  const r = clearUniform(withZeros, L);
  assert.deepEqual(fills(r.fill, 4), [0, 10, 0, 10]);
  assert.deepEqual([r.priceLow, r.priceHigh], [10, 12]);
});

test("off-grid prices are accepted", () => {
  const r = clearUniform(bookOf([[12.123456789, 5, 1]], [[4.000001, 5, 2]]), L);
  assert.equal(r.volume, 5);
  assert.equal(r.mcp, (12.123456789 + 4.000001) / 2);
});

test("a workspace gives the same result as fresh buffers and is reused", () => {
  const ws = createClearingWorkspace();
  const a = bookOf([[12, 10, 1]], [[8, 4, 2]]);
  const b = bookOf(
    [
      [13, 3, 1],
      [11, 3, 2],
    ],
    [[9, 5, 3]],
  );
  const ra = clearUniform(a, L, ws);
  const snapshotA = fills(ra.fill, a.n);
  const rb = clearUniform(b, L, ws);
  assert.deepEqual(snapshotA, fills(clearUniform(a, L).fill, a.n));
  assert.deepEqual(fills(rb.fill, b.n), fills(clearUniform(b, L).fill, b.n));
  assert.equal(rb.fill, ws.fill);
});

const badOrders: Array<[string, (b: ReturnType<typeof createBook>) => void, RegExp]> = [
  ["NaN price", (b) => addOrder(b, BUY, Number.NaN, 1, 7), /order 1 \(owner 7\): price/],
  ["price at Pgs", (b) => addOrder(b, SELL, L.pgs, 1, 7), /order 1 \(owner 7\): price/],
  ["price at Pgb", (b) => addOrder(b, BUY, L.pgb, 1, 7), /order 1 \(owner 7\): price/],
  ["infinite price", (b) => addOrder(b, BUY, Number.POSITIVE_INFINITY, 1, 7), /order 1 \(owner 7\): price/],
  ["negative quantity", (b) => addOrder(b, BUY, 10, -1, 7), /order 1 \(owner 7\): quantity/],
  ["fractional quantity", (b) => addOrder(b, BUY, 10, 1.5, 7), /order 1 \(owner 7\): quantity/],
  [
    "duplicate owner on a side",
    (b) => addOrder(b, BUY, 10, 1, 0),
    /order 1 \(owner 0\): owner 0 already has a BUY/,
  ],
];
for (const [name, add, message] of badOrders) {
  test(`rejects a bad order (${name}) with a message naming it`, () => {
    const book = createBook(2);
    addOrder(book, BUY, 11, 1, 0);
    add(book);
    assert.throws(
      () => clearUniform(book, L),
      (e: unknown) => e instanceof OrderError && message.test(e.message),
    );
  });
}

test("rejects a side other than BUY or SELL written into the arrays", () => {
  const book = bookOf([[11, 1, 0]], []);
  book.side[0] = 2;
  assert.throws(() => clearUniform(book, L), /order 0 \(owner 0\): side must be BUY \(0\) or SELL \(1\)/);
});

test("addOrder refuses a side it cannot store", () => {
  assert.throws(() => addOrder(createBook(1), 3 as 0, 10, 1, 1), OrderError);
});

test("the same owner may buy and sell in one book", () => {
  const r = clearUniform(bookOf([[12, 5, 1]], [[8, 5, 1]]), L);
  assert.equal(r.volume, 5);
});

test("a side total above 2^53 - 1 Wh is rejected", () => {
  const book = bookOf(
    [
      [12, Number.MAX_SAFE_INTEGER, 1],
      [11, 1, 2],
    ],
    [],
  );
  assert.throws(() => clearUniform(book, L), /order 1 \(owner 2\): total demand exceeds/);
});

test("bad limits are a RangeError", () => {
  assert.throws(() => clearUniform(createBook(0), { pgs: 5, pgb: 5 }), RangeError);
});

test("addOrder grows the arrays and keeps earlier orders", () => {
  const book = createBook(1);
  for (let i = 0; i < 40; i++) addOrder(book, i % 2 === 0 ? BUY : SELL, 10 + (i % 3), i + 1, i);
  assert.equal(book.n, 40);
  assert.equal(book.quantity[39], 40);
  assert.equal(book.owner[0], 0);
});
