// Invariants of the iterated inter-microgrid process on random groups of 2-5 microgrids with random
// residual positions and limits, under every registered bidder and mechanism: the group's level-2
// imports equal its exports, the main grid takes exactly what level 2 left, the money buyers pay is
// what sellers receive, no entity trades past its limit, and the same seed gives the same result.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { NO_ORDER, routeResiduals, type Level1Outcome, type Level2Positions } from "../../sim/grid/index.js";
import { bidders, BUY, mechanisms, PRICE_TICK, SELL } from "../../sim/market/index.js";
import { clearer, LIMITS } from "./level2-helpers.js";

// Limits on the tick grid strictly inside (Pgs, Pgb), as level 1 draws them.
const TICKS = Math.round((LIMITS.pgb - LIMITS.pgs) / PRICE_TICK) - 1;
const limitArb = fc.integer({ min: 1, max: TICKS }).map((k) => LIMITS.pgs + k * PRICE_TICK);

const entityArb = fc.record({
  side: fc.constantFrom(BUY, SELL, NO_ORDER),
  quantity: fc.integer({ min: 1, max: 5000 }),
  limit: limitArb,
});

const caseArb = fc.record({
  entities: fc.array(entityArb, { minLength: 2, maxLength: 5 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  bidder: fc.constantFrom(...bidders.names()),
  mechanism: fc.constantFrom(...mechanisms.names()),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function positionsOf(c: Case): Level2Positions {
  const { entities } = c;
  return {
    microgrids: entities.map((_, m) => m),
    side: Uint8Array.from(entities, (e) => e.side),
    quantity: Float64Array.from(entities, (e) => (e.side === NO_ORDER ? 0 : e.quantity)),
    price: Float64Array.from(entities, (e) => e.limit),
    limit: Float64Array.from(entities, (e) => e.limit),
  };
}

const clearerFor = (c: Case) =>
  clearer({
    process: "iterated",
    microgrids: c.entities.length,
    seed: c.seed,
    market: { bidder: c.bidder, mechanism: c.mechanism },
  });

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

test("iterated level 2: energy and money balance, and no entity trades past its limit", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const p = positionsOf(c);
      const r = clearerFor(c).clear(p);
      let bought = 0;
      let sold = 0;
      let paid = 0;
      let received = 0;
      p.microgrids.forEach((_, i) => {
        const f = r.fill[i]!;
        assert.ok(f >= 0 && f <= p.quantity[i]!, `entity ${i}: fill ${f} of ${p.quantity[i]}`);
        if (f === 0) return;
        const price = r.price[i]!;
        if (p.side[i] === BUY) {
          assert.ok(price <= p.limit[i]! + 1e-9, `buyer ${i} pays ${price} above its limit ${p.limit[i]}`);
          bought += f;
          paid += f * price;
        } else {
          assert.ok(price >= p.limit[i]! - 1e-9, `seller ${i} gets ${price} below its limit ${p.limit[i]}`);
          sold += f;
          received += f * price;
        }
      });
      assert.ok(close(bought, sold), `bought ${bought} Wh, sold ${sold} Wh`);
      assert.ok(close(paid, received), `paid ${paid}, received ${received}`);
    }),
    { numRuns: 150 },
  );
});

test("iterated level 2: the same seed gives the same results, period after period", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const p = positionsOf(c);
      const a = clearerFor(c);
      const b = clearerFor(c);
      for (let period = 0; period < 3; period++) assert.deepEqual(a.clear(p), b.clear(p));
    }),
    { numRuns: 50 },
  );
});

/** One agent per entity side (plus a netted counter-order), as level 1 leaves them. */
const agentArb = fc.record({
  microgrid: fc.integer({ min: 0, max: 4 }),
  side: fc.constantFrom(BUY, SELL),
  quantity: fc.integer({ min: 1, max: 4000 }),
  filled: fc.double({ min: 0, max: 1, noNaN: true }),
  lastPrice: limitArb,
  limit: limitArb,
});

test("iterated routing: level-2 imports equal exports, and the main grid takes what level 2 left", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 5 }),
      fc.array(agentArb, { minLength: 1, maxLength: 20 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      (microgrids, agents, seed) => {
        const level1: Level1Outcome = {
          microgridOf: Int32Array.from(agents, (a) => a.microgrid % microgrids),
          side: Uint8Array.from(agents, (a) => a.side),
          quantity: Float64Array.from(agents, (a) => a.quantity),
          fill: Float64Array.from(agents, (a) => Math.floor(a.quantity * a.filled)),
          // A buyer's last bid is at most its limit, a seller's ask at least its limit.
          lastPrice: Float64Array.from(agents, (a) =>
            a.side === BUY ? Math.min(a.lastPrice, a.limit) : Math.max(a.lastPrice, a.limit),
          ),
          limit: Float64Array.from(agents, (a) => a.limit),
          tradePrice: Float64Array.from(agents, () => 10),
        };
        const group = Array.from({ length: microgrids }, (_, m) => m);
        const r = routeResiduals(level1, {
          microgrids,
          groups: [group],
          limits: LIMITS,
          level2: clearer({ process: "iterated", microgrids, seed }),
        });
        let imports = 0;
        let exports = 0;
        let paid = 0;
        let received = 0;
        for (const m of group) {
          imports += r.peerImport[m]!;
          exports += r.peerExport[m]!;
          if (r.peerImport[m]! > 0) paid += r.peerImport[m]! * r.peerPrice[m]!;
          if (r.peerExport[m]! > 0) received += r.peerExport[m]! * r.peerPrice[m]!;
          assert.ok(r.peerImport[m] === 0 || r.peerExport[m] === 0, `MG${m} both imports and exports`);
          const netBuy = r.residualBuy[m]! - r.netted[m]!;
          const netSell = r.residualSell[m]! - r.netted[m]!;
          assert.ok(close(r.gridImport[m]!, netBuy - r.peerImport[m]!), `MG${m} grid import`);
          assert.ok(close(r.gridExport[m]!, netSell - r.peerExport[m]!), `MG${m} grid export`);
          assert.ok(r.gridImport[m]! >= 0 && r.gridExport[m]! >= 0);
        }
        assert.ok(close(imports, exports), `imports ${imports}, exports ${exports}`);
        assert.ok(close(paid, received), `paid ${paid}, received ${received}`);
      },
    ),
    { numRuns: 150 },
  );
});
