// The inter-microgrid processes on fixed cases: "one-shot" reproduces the sealed clearing level 2
// always had, "iterated" reaches consensus on a crossing book and trades nothing when the
// microgrids' limits do not cross.
import { test } from "node:test";
import assert from "node:assert/strict";
import { interMicrogridProcesses, type Level1Outcome, type Level2Positions } from "../../sim/grid/index.js";
import { BUY, NO_ORDER, SELL } from "../../sim/market/index.js";
import { clearer, route } from "./level2-helpers.js";

const nan = (xs: ArrayLike<number>) => Array.from(xs, (x) => (Number.isNaN(x) ? "NaN" : x));

test("both processes are registered by name", () => {
  assert.deepEqual(interMicrogridProcesses.names(), ["iterated", "one-shot"]);
});

test("one-shot gives the sealed clearing's results on a fixed three-microgrid case", () => {
  // MG1 nets 900 Wh of its 3000 Wh residual buys, MG3 400 of 1300; MG2 sells 2200 Wh. The numbers
  // are those of the former single-clearing code (the margin MG1/MG3 is partly filled).
  const level1: Level1Outcome = {
    microgridOf: Int32Array.from([0, 0, 0, 1, 1, 2, 2, 2]),
    side: Uint8Array.from([BUY, BUY, SELL, SELL, SELL, BUY, SELL, NO_ORDER]),
    quantity: Float64Array.from([1200, 2500, 900, 1700, 800, 1300, 400, 0]),
    fill: Float64Array.from([200, 500, 0, 300, 0, 0, 0, 0]),
    lastPrice: Float64Array.from([13.1, 15.7, 12.4, 7.3, 9.9, 11.2, 10.6, 0]),
    limit: Float64Array.from([17, 18, 5, 4, 6, 16, 8, 0]),
    tradePrice: Float64Array.from([12, 12, NaN, 12, NaN, NaN, NaN, NaN]),
  };
  const r = route(level1, 3, [[0, 1, 2]], "one-shot");
  assert.deepEqual(nan(r.netted), [900, 0, 400]);
  assert.deepEqual(nan(r.nettedPrice), [13.616666666666667, "NaN", 10.899999999999999]);
  assert.deepEqual(nan(r.peerImport), [2100, 0, 100]);
  assert.deepEqual(nan(r.peerExport), [0, 2200, 0]);
  assert.deepEqual(nan(r.peerPrice), [11.2, 11.2, 11.2]);
  assert.deepEqual(nan(r.gridImport), [0, 0, 800]);
  assert.deepEqual(nan(r.gridExport), [0, 0, 0]);
  assert.deepEqual(nan(r.correctedBuy), [11.925, "NaN", 15.846153846153843]);
  assert.deepEqual(nan(r.correctedSell), [13.616666666666667, 11.2, 10.899999999999999]);
});

function positions(side: number[], quantity: number[], limit: number[]): Level2Positions {
  return {
    microgrids: side.map((_, m) => m),
    side: Uint8Array.from(side),
    quantity: Float64Array.from(quantity),
    price: Float64Array.from(limit),
    limit: Float64Array.from(limit),
  };
}

test("iterated: the microgrids reach consensus on a crossing book and trade inside their limits", () => {
  const level2 = clearer({ process: "iterated", microgrids: 3 });
  const r = level2.clear(positions([BUY, SELL, BUY], [2000, 3000, 500], [16, 6, 15]));
  assert.equal(r.outcome, "consensus");
  assert.ok(r.rounds > 1, `${r.rounds} rounds`);
  assert.equal(r.fill[0]! + r.fill[2]!, r.fill[1]);
  assert.equal(r.fill[1], 2500, "demand is short of supply: every buyer is filled");
  for (const m of [0, 1, 2]) assert.ok(r.price[m]! >= 6 && r.price[m]! <= 15, `price ${r.price[m]}`);
});

test("iterated: no trade when the microgrids' limits do not cross", () => {
  const level2 = clearer({ process: "iterated", microgrids: 2 });
  const r = level2.clear(positions([BUY, SELL], [2000, 3000], [8, 12]));
  assert.equal(r.outcome, "no-trade");
  assert.deepEqual(nan(r.fill), [0, 0]);
  assert.deepEqual(nan(r.price), ["NaN", "NaN"]);
});

test("iterated: a one-sided group has no auction", () => {
  const level2 = clearer({ process: "iterated", microgrids: 3 });
  const r = level2.clear(positions([BUY, NO_ORDER, BUY], [2000, 0, 500], [16, 0, 15]));
  assert.equal(r.outcome, "no-trade");
  assert.deepEqual(nan(r.fill), [0, 0, 0]);
});

test("iterated routing: a microgrid's level-2 energy is priced at its trade price in the corrected price", () => {
  // MG1 buys 4000 Wh (limits 17 and 18), MG2 sells 2000 Wh (limit 5): MG1 gets all 2000 Wh at P2.
  const level1: Level1Outcome = {
    microgridOf: Int32Array.from([0, 0, 1]),
    side: Uint8Array.from([BUY, BUY, SELL]),
    quantity: Float64Array.from([1000, 3000, 2000]),
    fill: Float64Array.from([0, 0, 0]),
    lastPrice: Float64Array.from([12, 16, 6]),
    limit: Float64Array.from([17, 18, 5]),
    tradePrice: Float64Array.from([NaN, NaN, NaN]),
  };
  const r = route(level1, 2, [[0, 1]], "iterated");
  const p2 = r.peerPrice[0]!;
  assert.equal(r.peerImport[0], 2000);
  assert.equal(r.peerExport[1], 2000);
  assert.equal(r.peerPrice[1], p2);
  assert.ok(p2 > 5 && p2 < 17.75, `P2 ${p2}`);
  assert.ok(Math.abs(r.correctedBuy[0]! - (2000 * p2 + 2000 * 18.9) / 4000) < 1e-12);
  assert.equal(r.correctedSell[1], p2);
});
