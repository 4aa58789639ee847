// Invariants of clearUniform on random books: integer Wh quantities (zeros frequent), prices on a
// coarse grid (ties and partial margins frequent). Each property runs on 1,000 books.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  BUY,
  clearUniform,
  createBook,
  createClearingWorkspace,
  DEFAULT_LIMITS,
  SELL,
  type ClearingResult,
  type OrderBook,
} from "../../sim/market/index.js";

const L = DEFAULT_LIMITS;
const RUNS = { numRuns: 1000 };

interface Order {
  side: 0 | 1;
  price: number;
  quantity: number;
}

// Prices 3.7, 4.2, ... 18.7: 31 levels inside (Pgs, Pgb).
const orderArb: fc.Arbitrary<Order> = fc.record({
  side: fc.constantFrom(BUY, SELL),
  price: fc.integer({ min: 1, max: 31 }).map((k) => L.pgs + 0.5 * k),
  quantity: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5000 })),
});

/** Owners: the index within each side, so they are unique per side. */
function toBook(orders: Order[]): OrderBook {
  const book = createBook(orders.length);
  const next = [0, 0];
  for (const o of orders) {
    const k = book.n++;
    book.side[k] = o.side;
    book.price[k] = o.price;
    book.quantity[k] = o.quantity;
    book.owner[k] = next[o.side]!++;
  }
  return book;
}

const bookArb = fc.array(orderArb, { maxLength: 40 }).map(toBook);

function sum(book: OrderBook, r: ClearingResult, side: number): number {
  let s = 0;
  for (let i = 0; i < book.n; i++) if (book.side[i] === side) s += r.fill[i] as number;
  return s;
}

/** Efficient volume by a different route: the best single-price trade over candidate prices. */
function bruteVolume(book: OrderBook): number {
  let best = 0;
  for (let c = 0; c < book.n; c++) {
    const p = book.price[c] as number;
    let d = 0;
    let s = 0;
    for (let i = 0; i < book.n; i++) {
      const q = book.quantity[i] as number;
      if (book.side[i] === BUY && (book.price[i] as number) >= p) d += q;
      if (book.side[i] === SELL && (book.price[i] as number) <= p) s += q;
    }
    best = Math.max(best, Math.min(d, s));
  }
  return best;
}

/** The market-clearing interval implied by the fills (every constraint they put on a price). */
function impliedInterval(book: OrderBook, r: ClearingResult): [number, number] {
  let lo = L.pgs;
  let hi = L.pgb;
  for (let i = 0; i < book.n; i++) {
    const p = book.price[i] as number;
    if (book.quantity[i] === 0) continue;
    const filled = (r.fill[i] as number) > 0;
    const left = (r.residual[i] as number) > 0;
    if (book.side[i] === BUY) {
      if (filled) hi = Math.min(hi, p);
      if (left) lo = Math.max(lo, p);
    } else {
      if (filled) lo = Math.max(lo, p);
      if (left) hi = Math.min(hi, p);
    }
  }
  return [lo, hi];
}

test("total buy fills equal total sell fills equal the volume", () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      const r = clearUniform(book, L);
      assert.equal(sum(book, r, BUY), r.volume);
      assert.equal(sum(book, r, SELL), r.volume);
    }),
    RUNS,
  );
});

test("every fill is a whole number of Wh within its order, residual = quantity - fill", () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      const r = clearUniform(book, L);
      for (let i = 0; i < book.n; i++) {
        const f = r.fill[i] as number;
        assert.ok(Number.isInteger(f) && f >= 0 && f <= (book.quantity[i] as number));
        assert.equal(r.residual[i], (book.quantity[i] as number) - f);
      }
    }),
    RUNS,
  );
});

test("no buyer pays above its bid, no seller receives below its ask", () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      const r = clearUniform(book, L);
      for (let i = 0; i < book.n; i++) {
        if ((r.fill[i] as number) === 0) continue;
        const p = book.price[i] as number;
        assert.ok(book.side[i] === BUY ? p >= r.mcp : p <= r.mcp);
      }
    }),
    RUNS,
  );
});

test("the MCP clears the market: no unfilled bid above it, no unfilled ask below it", () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      const r = clearUniform(book, L);
      for (let i = 0; i < book.n; i++) {
        if ((r.residual[i] as number) === 0) continue;
        const p = book.price[i] as number;
        assert.ok(book.side[i] === BUY ? p <= r.mcp : p >= r.mcp);
      }
    }),
    RUNS,
  );
});

test("the reported interval equals the one implied by the fills and contains the MCP", () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      const r = clearUniform(book, L);
      assert.deepEqual([r.priceLow, r.priceHigh], impliedInterval(book, r));
      assert.ok(r.priceLow <= r.mcp && r.mcp <= r.priceHigh);
      assert.equal(r.mcp, (r.priceLow + r.priceHigh) / 2);
    }),
    RUNS,
  );
});

test("the volume is the efficient one (brute force over candidate prices)", () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      assert.equal(clearUniform(book, L).volume, bruteVolume(book));
    }),
    RUNS,
  );
});

test("MCP lies within [Pgs, Pgb]", () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      const r = clearUniform(book, L);
      assert.ok(r.mcp >= L.pgs && r.mcp <= L.pgb);
    }),
    RUNS,
  );
});

test("the marginal level is split pro rata: each fill within 1 Wh of F q / Q", () => {
  fc.assert(
    fc.property(bookArb, (book) => {
      const r = clearUniform(book, L);
      for (const side of [BUY, SELL]) {
        // Orders at a price equal to the MCP on a side with leftovers form the partial level.
        const level: number[] = [];
        for (let i = 0; i < book.n; i++) {
          if (book.side[i] === side && book.price[i] === r.mcp && (book.quantity[i] as number) > 0)
            level.push(i);
        }
        const Q = level.reduce((s, i) => s + (book.quantity[i] as number), 0);
        const F = level.reduce((s, i) => s + (r.fill[i] as number), 0);
        if (Q === 0 || F === Q) continue;
        for (const i of level) {
          const share = (F * (book.quantity[i] as number)) / Q;
          assert.ok(Math.abs((r.fill[i] as number) - share) < 1, `fill ${r.fill[i]} vs share ${share}`);
        }
      }
    }),
    RUNS,
  );
});

test("permutation invariance: a shuffled book gives the same fill per (side, owner)", () => {
  fc.assert(
    fc.property(
      fc.array(orderArb, { maxLength: 40 }).chain((orders) =>
        fc.tuple(
          fc.constant(orders),
          fc.shuffledSubarray(
            orders.map((_, i) => i),
            { minLength: orders.length },
          ),
        ),
      ),
      ([orders, perm]) => {
        const book = toBook(orders);
        const shuffled = createBook(book.n);
        for (const i of perm) {
          const k = shuffled.n++;
          shuffled.side[k] = book.side[i] as number;
          shuffled.price[k] = book.price[i] as number;
          shuffled.quantity[k] = book.quantity[i] as number;
          shuffled.owner[k] = book.owner[i] as number;
        }
        const a = clearUniform(book, L);
        const b = clearUniform(shuffled, L);
        const byOwner = (bk: OrderBook, r: ClearingResult): Map<string, number> => {
          const m = new Map<string, number>();
          for (let i = 0; i < bk.n; i++) m.set(`${bk.side[i]}/${bk.owner[i]}`, r.fill[i] as number);
          return m;
        };
        assert.deepEqual(byOwner(shuffled, b), byOwner(book, a));
        assert.equal(b.mcp, a.mcp);
      },
    ),
    RUNS,
  );
});

test("determinism: clearing twice, or through a reused workspace, gives identical results", () => {
  const ws = createClearingWorkspace(4);
  fc.assert(
    fc.property(bookArb, (book) => {
      const a = clearUniform(book, L);
      const b = clearUniform(book, L, ws);
      assert.deepEqual(
        [b.mcp, b.priceLow, b.priceHigh, b.volume],
        [a.mcp, a.priceLow, a.priceHigh, a.volume],
      );
      assert.deepEqual(Array.from(b.fill.subarray(0, book.n)), Array.from(a.fill));
    }),
    RUNS,
  );
});

// Books above the comparator-sort threshold take the radix-sort path: check them against a
// reference built with plain Array sorting.
const bigBookArb = fc
  .array(orderArb, { minLength: 2400, maxLength: 3000 })
  .map((orders) => toBook(orders.map((o) => ({ ...o, quantity: o.quantity % 97 }))));

function referenceVolume(book: OrderBook): number {
  const bids: [number, number][] = [];
  const asks: [number, number][] = [];
  for (let i = 0; i < book.n; i++) {
    const row: [number, number] = [book.price[i] as number, book.quantity[i] as number];
    (book.side[i] === BUY ? bids : asks).push(row);
  }
  const prices = [...new Set([...bids, ...asks].map(([p]) => p))].sort((a, b) => a - b);
  let best = 0;
  for (const p of prices) {
    const d = bids.filter(([b]) => b >= p).reduce((s, [, q]) => s + q, 0);
    const s = asks.filter(([a]) => a <= p).reduce((t, [, q]) => t + q, 0);
    best = Math.max(best, Math.min(d, s));
  }
  return best;
}

test("large books (radix path): efficient volume, implied interval, fills within orders", () => {
  fc.assert(
    fc.property(bigBookArb, (book) => {
      const r = clearUniform(book, L);
      assert.equal(r.volume, referenceVolume(book));
      assert.deepEqual([r.priceLow, r.priceHigh], impliedInterval(book, r));
      assert.equal(sum(book, r, BUY), r.volume);
      assert.equal(sum(book, r, SELL), r.volume);
      for (let i = 0; i < book.n; i++) assert.ok((r.fill[i] as number) <= (book.quantity[i] as number));
    }),
    { numRuns: 60 },
  );
});

test("large books (radix path): permutation invariance", () => {
  fc.assert(
    fc.property(bigBookArb, fc.integer({ min: 1, max: 1 << 30 }), (book, salt) => {
      const order = Array.from({ length: book.n }, (_, i) => i).sort(
        (a, b) => ((a * 2654435761 + salt) >>> 0) - ((b * 2654435761 + salt) >>> 0),
      );
      const shuffled = createBook(book.n);
      for (const i of order) {
        const k = shuffled.n++;
        shuffled.side[k] = book.side[i] as number;
        shuffled.price[k] = book.price[i] as number;
        shuffled.quantity[k] = book.quantity[i] as number;
        shuffled.owner[k] = book.owner[i] as number;
      }
      const a = clearUniform(book, L);
      const b = clearUniform(shuffled, L);
      for (let k = 0; k < shuffled.n; k++) assert.equal(b.fill[k], a.fill[order[k] as number]);
    }),
    { numRuns: 30 },
  );
});
