import { test } from "node:test";
import assert from "node:assert/strict";
import { createSettlement, settlePeriod, NO_ORDER, type Level1Outcome } from "../../sim/grid/index.js";
import { BUY, SELL } from "../../sim/market/index.js";
import { LIMITS, route } from "./level2-helpers.js";

// MG1 (index 0): A wants 1000 Wh (last bid 12), B 3000 Wh (last bid 16), both unfilled at level 1.
// MG2 (index 1): C offers 2000 Wh (last ask 6), unfilled; D has no order.
function example(): Level1Outcome {
  return {
    microgridOf: Int32Array.from([0, 0, 1, 1]),
    side: Uint8Array.from([BUY, BUY, SELL, NO_ORDER]),
    quantity: Float64Array.from([1000, 3000, 2000, 0]),
    fill: Float64Array.from([0, 0, 0, 0]),
    lastPrice: Float64Array.from([12, 16, 6, 0]),
    limit: Float64Array.from([12, 16, 6, 0]),
    tradePrice: Float64Array.from([NaN, NaN, NaN, NaN]),
  };
}

test("hand-computed example: level-2 auction, main grid and uniform price correction", () => {
  // MG1 bids 4000 Wh at the weighted price (1000 x 12 + 3000 x 16) / 4000 = 15; MG2 asks 2000 Wh at 6.
  // The bid level is the partially filled margin, so the clearing interval is [15, 15]: P2 = 15.
  const r = route(example(), 2, [[0, 1]]);
  assert.equal(r.peerPrice[0], 15);
  assert.equal(r.peerImport[0], 2000);
  assert.equal(r.peerExport[1], 2000);
  assert.equal(r.gridImport[0], 2000);
  assert.equal(r.gridExport[1], 0);
  // MG1's residual buyers all pay (2000 x 15 + 2000 x 18.9) / 4000 = 16.95 p/kWh; MG2's seller gets 15.
  assert.ok(Math.abs(r.correctedBuy[0]! - 16.95) < 1e-12);
  assert.equal(r.correctedSell[1], 15);
});

test("hand-computed example: agents pay and receive the corrected prices", () => {
  const level1 = example();
  const r = route(level1, 2, [[0, 1]]);
  const s = createSettlement(4);
  const net = Float64Array.from([-1000, -3000, 2000, 0]);
  settlePeriod(level1, r, net, net, LIMITS, s);
  assert.ok(Math.abs(s.paidP[0]! - 16.95) < 1e-9); // 1000 Wh x 16.95 p/kWh
  assert.ok(Math.abs(s.paidP[1]! - 50.85) < 1e-9); // 3000 Wh x 16.95 p/kWh
  assert.ok(Math.abs(s.receivedP[2]! - 30) < 1e-9); // 2000 Wh x 15 p/kWh
  assert.equal(s.peerBoughtWh[0], 500); // half of MG1's residual came from MG2
  assert.equal(s.gridBoughtWh[1], 1500);
});

test("an isolated microgrid trades its residual with the main grid at Pgb and Pgs", () => {
  const r = route(example(), 2, [[0], [1]]);
  assert.equal(r.gridImport[0], 4000);
  assert.equal(r.gridExport[1], 2000);
  assert.equal(r.correctedBuy[0], 18.9);
  assert.equal(r.correctedSell[1], 3.2);
  assert.ok(Number.isNaN(r.peerPrice[0]!));
});

test("a microgrid nets its own residual buys and sells before going up the hierarchy", () => {
  // A buys 1000 Wh (last bid 12) and B sells 600 Wh (last ask 14); neither filled at level 1.
  const level1: Level1Outcome = {
    microgridOf: Int32Array.from([0, 0]),
    side: Uint8Array.from([BUY, SELL]),
    quantity: Float64Array.from([1000, 600]),
    fill: Float64Array.from([0, 0]),
    lastPrice: Float64Array.from([12, 14]),
    limit: Float64Array.from([12, 14]),
    tradePrice: Float64Array.from([NaN, NaN]),
  };
  const r = route(level1, 1, [[0]]);
  assert.equal(r.netted[0], 600);
  assert.equal(r.nettedPrice[0], 13); // midpoint of 12 and 14
  assert.equal(r.gridImport[0], 400);
  assert.equal(r.gridExport[0], 0);
  // Buyers: (600 x 13 + 400 x 18.9) / 1000 = 15.36 p/kWh; the seller gets 13.
  assert.ok(Math.abs(r.correctedBuy[0]! - 15.36) < 1e-12);
  assert.equal(r.correctedSell[0], 13);
});

test("after netting a microgrid is one bidder: it never trades with itself at level 2", () => {
  const level1: Level1Outcome = {
    microgridOf: Int32Array.from([0, 0, 1]),
    side: Uint8Array.from([BUY, SELL, BUY]),
    quantity: Float64Array.from([500, 800, 700]),
    fill: Float64Array.from([0, 0, 0]),
    lastPrice: Float64Array.from([10, 9, 15]),
    limit: Float64Array.from([10, 9, 15]),
    tradePrice: Float64Array.from([NaN, NaN, NaN]),
  };
  const r = route(level1, 2, [[0, 1]]);
  assert.equal(r.netted[0], 500);
  assert.equal(r.peerImport[0], 0, "MG1 is a seller after netting");
  assert.equal(r.peerExport[0], 300);
  assert.equal(r.peerImport[1], 300);
});
