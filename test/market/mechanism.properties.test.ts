// Invariants every registered mechanism must keep, on random books and on whole periods run through
// the auction state machine with every registered bidder: fills within quantities, energy bought =
// energy sold, no buyer pays above its bid (nor its limit), no seller receives below its ask (nor its
// limit), and the money buyers pay is the money sellers receive.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  bidders,
  BUY,
  createBook,
  DEFAULT_LIMITS,
  marketConfig,
  mechanisms,
  memberStreams,
  runConsensus,
  SELL,
  type MarketAgents,
  type MechanismPlugin,
  type MechanismResult,
  type OrderBook,
} from "../../sim/market/index.js";
import { Streams } from "../../sim/kernel/random.js";

const L = DEFAULT_LIMITS;
const orderArb = fc.record({
  side: fc.constantFrom(BUY, SELL),
  price: fc.integer({ min: 1, max: 31 }).map((k) => L.pgs + 0.5 * k),
  quantity: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5000 })),
});

const bookArb = fc.array(orderArb, { maxLength: 40 }).map((orders) => {
  const book = createBook(orders.length);
  orders.forEach((o, i) => {
    book.side[i] = o.side;
    book.price[i] = o.price;
    book.quantity[i] = o.quantity;
    book.owner[i] = i;
  });
  book.n = orders.length;
  return book;
});

/** The price order k's fill trades at. */
const priceOf = (r: MechanismResult, k: number): number => (r.price === undefined ? r.mcp : r.price[k]!);

/** Every invariant of one clearing; returns what failed. */
function violations(book: OrderBook, r: MechanismResult): string[] {
  const out: string[] = [];
  let bought = 0;
  let sold = 0;
  let paid = 0;
  let received = 0;
  for (let k = 0; k < book.n; k++) {
    const f = r.fill[k]!;
    if (!(f >= 0 && f <= book.quantity[k]!)) out.push(`order ${k}: fill ${f} of ${book.quantity[k]}`);
    if (f === 0) continue;
    const p = priceOf(r, k);
    if (book.side[k] === BUY) {
      bought += f;
      paid += f * p;
      if (p > book.price[k]! + 1e-9) out.push(`buyer ${k} pays ${p} above its bid ${book.price[k]}`);
    } else {
      sold += f;
      received += f * p;
      if (p < book.price[k]! - 1e-9) out.push(`seller ${k} receives ${p} below its ask ${book.price[k]}`);
    }
  }
  if (bought !== sold || bought !== r.volume)
    out.push(`energy: bought ${bought}, sold ${sold}, volume ${r.volume}`);
  if (Math.abs(paid - received) > 1e-9 * Math.max(1, paid))
    out.push(`money: paid ${paid}, received ${received}`);
  return out;
}

for (const name of mechanisms.names()) {
  const mechanism = mechanisms.get(name).create({ capacity: 40, limits: L, config: marketConfig() });

  test(`${name}: every clearing keeps fills, energy, limits and money (1,000 books)`, () => {
    fc.assert(
      fc.property(bookArb, (book) => assert.deepEqual(violations(book, mechanism.clear(book)), [])),
      { numRuns: 1000 },
    );
  });

  test(`${name}: the fallback keeps them too (1,000 books)`, () => {
    fc.assert(
      fc.property(bookArb, (book) => assert.deepEqual(violations(book, mechanism.fallback(book)), [])),
      { numRuns: 1000 },
    );
  });
}

test("a mechanism that prices a filled order past its bid fails loudly, naming itself", () => {
  const greedy: MechanismPlugin = {
    name: "greedy-test",
    description: "charges every buyer Pgb",
    create: (setup) => {
      const inner = mechanisms.get("uniform").create(setup);
      const price = new Float64Array(setup.capacity);
      const overcharge = (r: MechanismResult): MechanismResult => ({ ...r, price: price.fill(L.pgb - 0.01) });
      return {
        clear: (book) => overcharge(inner.clear(book)),
        fallback: (book) => overcharge(inner.fallback(book)),
      };
    },
  };
  const agents: MarketAgents = {
    n: 2,
    side: Uint8Array.from([BUY, SELL]),
    quantity: Float64Array.from([1000, 1000]),
    limit: Float64Array.from([15, 5]),
  };
  const root = new Streams(1);
  const streams = [0, 1].map((a) => memberStreams(root, `a/${a}`));
  assert.throws(
    () => runConsensus(agents, streams, { mechanism: greedy }),
    /mechanism "greedy-test": member 0 filled 1000 Wh at 18.88.* against its bid/,
  );
});

test("k = 1 pays every seller its pair's bid, k = 0 charges every buyer its pair's ask", () => {
  const book = createBook(2);
  [
    [BUY, 15, 1000],
    [SELL, 5, 1000],
  ].forEach(([side, price, quantity], i) => {
    book.side[i] = side!;
    book.price[i] = price!;
    book.quantity[i] = quantity!;
    book.owner[i] = i;
  });
  book.n = 2;
  const at = (k: number) =>
    mechanisms
      .get("discriminatory")
      .create({ capacity: 2, limits: L, config: marketConfig({ discriminatoryK: k }) })
      .clear(book);
  assert.deepEqual(Array.from(at(1).price!), [15, 15]);
  assert.deepEqual(Array.from(at(0).price!), [5, 5]);
  assert.equal(at(0.5).mcp, 10);
});

const agentsArb = fc
  .array(
    fc.record({
      side: fc.constantFrom(BUY, SELL),
      limit: fc.integer({ min: 1, max: 156 }).map((k) => L.pgs + 0.1 * k),
      quantity: fc.integer({ min: 0, max: 3000 }),
    }),
    { minLength: 1, maxLength: 24 },
  )
  .map((rows): MarketAgents => ({
    n: rows.length,
    side: Uint8Array.from(rows, (r) => r.side),
    limit: Float64Array.from(rows, (r) => r.limit),
    quantity: Float64Array.from(rows, (r) => r.quantity),
  }));

for (const mechanism of mechanisms.names()) {
  for (const bidder of bidders.names()) {
    test(`${bidder} under ${mechanism}: a whole period never trades a member past its limit, and balances`, () => {
      fc.assert(
        fc.property(agentsArb, fc.integer({ min: 0, max: 1e6 }), (agents, seed) => {
          const root = new Streams(seed);
          const streams = Array.from({ length: agents.n }, (_, a) => memberStreams(root, `a/${a}`));
          const out = runConsensus(agents, streams, { config: { bidder, mechanism, maxRounds: 30 } });
          let bought = 0;
          let sold = 0;
          let paid = 0;
          let received = 0;
          for (let a = 0; a < agents.n; a++) {
            const f = out.fill[a]!;
            assert.ok(f >= 0 && f <= agents.quantity[a]!);
            if (f === 0) continue;
            const p = out.tradePrice[a]!;
            if (agents.side[a] === BUY) {
              assert.ok(
                p <= agents.limit[a]! + 1e-9,
                `buyer ${a} pays ${p} above its limit ${agents.limit[a]}`,
              );
              bought += f;
              paid += f * p;
            } else {
              assert.ok(
                p >= agents.limit[a]! - 1e-9,
                `seller ${a} gets ${p} below its limit ${agents.limit[a]}`,
              );
              sold += f;
              received += f * p;
            }
          }
          assert.equal(bought, sold);
          assert.equal(bought, out.volume);
          assert.ok(Math.abs(paid - received) <= 1e-9 * Math.max(1, paid));
        }),
        { numRuns: 150 },
      );
    });
  }
}
