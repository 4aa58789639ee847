import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { TxStatus, waspFaultTolerance, waspQuorum, type Fault } from "../../sim/ledger/index.js";
import { iotaSetup, submitAt } from "./fixtures.js";

const down = (node: number, fromMs: number, toMs: number, chain = 0): Fault => ({
  kind: "wasp-node-down",
  chain,
  node,
  fromMs,
  toMs,
});

const BID = { chain: 0, sender: 0, kind: "bid" as const, nonce: 1, price: 10, quantityWh: 100 };

test("quorum is floor(2n/3) + 1: 3 of 4, 5 of 7, and tolerates floor((n - 1) / 3) nodes down", () => {
  assert.equal(waspQuorum(4), 3);
  assert.equal(waspQuorum(7), 5);
  assert.equal(waspFaultTolerance(4), 1);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), (n) => n - waspQuorum(n) === waspFaultTolerance(n)),
  );
  fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (n) => 3 * waspQuorum(n) > 2 * n));
});

test("n = 4 with one node down still confirms, at the usual pace", () => {
  const s = iotaSetup(undefined, { faults: [down(2, 0, 3_600_000)] });
  submitAt(s, 60_000, BID);
  s.kernel.run();
  assert.equal(s.ledger.log.status[0], TxStatus.CONFIRMED);
  assert.ok(s.ledger.log.confirmMs[0]! - 60_000 < 60_000);
  assert.equal(s.ledger.faultImpacts()[0]!.affected, 0);
});

test("n = 4 with two nodes down stops the chain; recovery resumes and the waiting requests confirm", () => {
  const recovery = 600_000;
  const s = iotaSetup(undefined, { faults: [down(0, 0, recovery), down(1, 100_000, recovery + 50_000)] });
  submitAt(s, 50_000, BID); // before the outage: confirms normally
  submitAt(s, 200_000, { ...BID, kind: "update", nonce: 2 });
  submitAt(s, 300_000, { ...BID, chain: 1, sender: 5 }); // another chain is unaffected
  s.kernel.run({ until: recovery });
  const log = s.ledger.log;
  assert.equal(log.status[0], TxStatus.CONFIRMED);
  assert.equal(log.status[1], TxStatus.PENDING, "no confirmation while the quorum is lost");
  assert.equal(log.status[2], TxStatus.CONFIRMED);
  assert.equal(s.ledger.hasQuorum(0), false);
  s.kernel.run();
  assert.equal(log.status[1], TxStatus.CONFIRMED);
  assert.ok(log.confirmMs[1]! > recovery);
  const impact = s.ledger.faultImpacts().find((f) => f.fault === 1)!;
  assert.equal(impact.affected, 1);
  assert.equal(impact.confirmed, 1);
});

test("a round in progress when the quorum is lost is abandoned and redone after recovery", () => {
  // The request arrives at 0; its round starts at 750 ms; two nodes fail at 1000 ms (mid-round).
  const s = iotaSetup(undefined, { faults: [down(0, 1000, 30_000), down(3, 1000, 40_000)] });
  submitAt(s, 0, BID);
  s.kernel.run();
  const b = s.ledger.blocks;
  assert.equal(b.length, 2);
  assert.equal(b.failed[0], 1);
  assert.equal(b.failed[1], 0);
  assert.equal(b.roundStartMs[1], 30_000, "the redo starts when the first node recovers (3 of 4 up)");
  assert.ok(s.ledger.log.confirmMs[0]! > 30_000);
});

test("malformed faults are refused", () => {
  assert.throws(() => iotaSetup(undefined, { faults: [down(4, 0, 10)] }), RangeError);
  assert.throws(() => iotaSetup(undefined, { faults: [down(0, 10, 5)] }), RangeError);
  assert.throws(() => iotaSetup(undefined, { faults: [down(0, 0, 10, 3)] }), RangeError);
});
