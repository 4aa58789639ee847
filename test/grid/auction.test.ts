import { test } from "node:test";
import assert from "node:assert/strict";
import { Streams } from "../../sim/kernel/index.js";
import { MicrogridAuction } from "../../sim/grid/index.js";
import { marketConfig } from "../../sim/market/index.js";

const LIMITS = { pgs: 3.2, pgb: 18.9 };

function auction(): MicrogridAuction {
  const streams = new Streams(3);
  const members = Int32Array.from([0, 1, 2, 3]);
  const agentStreams = [0, 1, 2, 3].map((a) => ({
    limit: streams.get(`a/${a}/limit`),
    start: streams.get(`a/${a}/start`),
    learn: streams.get(`a/${a}/learn`),
  }));
  return new MicrogridAuction(members, agentStreams, marketConfig(), LIMITS);
}

// Agents 0 and 1 buy 1000 Wh each, agents 2 and 3 sell 800 Wh each.
const NET = Float64Array.from([-1000, -1000, 800, 800]);

test("the market only sees orders once they are visible (confirmed)", () => {
  const a = auction();
  a.open(NET);
  a.reveal(0, a.submittedPrice[0]!, a.submittedAnchor[0]!);
  a.round(false);
  assert.equal(a.volume, 0, "one visible buyer, no visible seller: nothing trades");
  assert.deepEqual(Array.from(a.fill), [0, 0, 0, 0]);
  a.reveal(2, a.submittedPrice[2]!, a.submittedAnchor[2]!);
  for (let k = 0; k < 40 && !a.done; k++) a.round(k === 39);
  assert.equal(a.fill[1], 0, "agent 1's order never became visible");
  assert.equal(a.fill[3], 0, "agent 3's order never became visible");
  assert.equal(a.missedOrders, 2);
  assert.equal(a.missedWh, 1800);
});

test("every visible order takes part and fills balance", () => {
  const a = auction();
  a.open(NET);
  for (let i = 0; i < 4; i++) a.reveal(i, a.submittedPrice[i]!, a.submittedAnchor[i]!);
  for (let k = 0; k < 40 && !a.done; k++) a.round(k === 39);
  assert.ok(a.done);
  const bought = a.fill[0]! + a.fill[1]!;
  const sold = a.fill[2]! + a.fill[3]!;
  assert.equal(bought, sold);
  assert.equal(a.missedOrders, 0);
});
