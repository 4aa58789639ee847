import { test } from "node:test";
import assert from "node:assert/strict";
import { createSettlement, NO_ORDER, settlePeriod, type Level1Outcome } from "../../sim/grid/index.js";
import { BUY, SELL } from "../../sim/market/index.js";
import { LIMITS, route } from "./level2-helpers.js";

test("each level-1 fill settles at the agent's own trade price (a discriminatory auction)", () => {
  // One microgrid: A and B buy 1000 Wh each, C sells 2000 Wh, all filled; A pays 12, B 14, C gets 13.
  const level1: Level1Outcome = {
    microgridOf: Int32Array.from([0, 0, 0, 0]),
    side: Uint8Array.from([BUY, BUY, SELL, NO_ORDER]),
    quantity: Float64Array.from([1000, 1000, 2000, 0]),
    fill: Float64Array.from([1000, 1000, 2000, 0]),
    lastPrice: Float64Array.from([15, 16, 10, 0]),
    limit: Float64Array.from([15, 16, 10, 0]),
    tradePrice: Float64Array.from([12, 14, 13, NaN]),
  };
  const routing = route(level1, 1, [[0]]);
  const s = createSettlement(4);
  const net = Float64Array.from([-1000, -1000, 2000, 0]);
  settlePeriod(level1, routing, net, net, LIMITS, s);
  assert.deepEqual([...s.paidP], [12, 14, 0, 0]);
  assert.deepEqual([...s.receivedP], [0, 0, 26, 0]);
  assert.deepEqual([...s.peerPaidP], [12, 14, 0, 0]);
  assert.deepEqual([...s.peerReceivedP], [0, 0, 26, 0]);
  assert.deepEqual([...s.peerBoughtWh], [1000, 1000, 0, 0]);
  assert.deepEqual([...s.gridBoughtWh], [0, 0, 0, 0]);
});

test("a fill's price is irrelevant when nothing filled (no published price costs nothing)", () => {
  const level1: Level1Outcome = {
    microgridOf: Int32Array.from([0]),
    side: Uint8Array.from([BUY]),
    quantity: Float64Array.from([500]),
    fill: Float64Array.from([0]),
    lastPrice: Float64Array.from([15]),
    limit: Float64Array.from([15]),
    tradePrice: Float64Array.from([NaN]),
  };
  const routing = route(level1, 1, [[0]]);
  const s = createSettlement(1);
  const net = Float64Array.from([-500]);
  settlePeriod(level1, routing, net, net, LIMITS, s);
  assert.equal(s.paidP[0], (500 * LIMITS.pgb) / 1000);
});
