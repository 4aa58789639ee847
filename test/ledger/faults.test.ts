import { test } from "node:test";
import assert from "node:assert/strict";
import { spikeAt, latencySummary, type FaultSchedule } from "../../sim/ledger/index.js";
import { iotaSetup, paperLoad } from "./fixtures.js";

test("overlapping spikes multiply; windows are [from, to)", () => {
  const s: FaultSchedule = {
    faults: [
      { kind: "l1-latency-spike", fromMs: 0, toMs: 100, multiplier: 2 },
      { kind: "l1-latency-spike", fromMs: 50, toMs: 150, multiplier: 3 },
      { kind: "eth-demand-spike", fromMs: 0, toMs: 1000, multiplier: 10 },
    ],
  };
  assert.deepEqual(spikeAt(s, "l1-latency-spike", 60), { multiplier: 6, first: 0 });
  assert.deepEqual(spikeAt(s, "l1-latency-spike", 100), { multiplier: 3, first: 1 });
  assert.deepEqual(spikeAt(s, "l1-latency-spike", 150), { multiplier: 1, first: -1 });
});

test("a Layer-1 latency spike slows the transactions anchored during it, and is reported", () => {
  const spike = {
    kind: "l1-latency-spike" as const,
    fromMs: 3 * 1_800_000,
    toMs: 6 * 1_800_000,
    multiplier: 4,
  };
  const s = iotaSetup(undefined, { faults: [spike] });
  paperLoad(s, 12);
  s.kernel.run();
  const log = s.ledger.log;
  const during = latencySummary(log, (i) => log.fault[i] === 0);
  const outside = latencySummary(log, (i) => log.fault[i] === -1);
  assert.ok(during.count === 3 * (15 * 4 + 3), `affected ${during.count}`);
  assert.ok(during.meanMs > 3 * outside.meanMs, `${during.meanMs} vs ${outside.meanMs}`);
  const impact = s.ledger.faultImpacts()[0]!;
  assert.equal(impact.affected, during.count);
  assert.ok(impact.missedDeadline === 0, "a 40 s confirmation still beats the 20-minute deadline");
  assert.equal(impact.quantityWh, 3 * 15 * 4 * 500);
});

test("missed deadlines are counted for transactions stuck behind a long outage", () => {
  const outage = (node: number) => ({
    kind: "wasp-node-down" as const,
    chain: 2,
    node,
    fromMs: 0,
    toMs: 3_000_000,
  });
  const s = iotaSetup(undefined, { faults: [outage(0), outage(1)] });
  paperLoad(s, 2);
  s.kernel.run();
  const [first, second] = s.ledger.faultImpacts();
  // The second node's failure is the one that took the quorum away: the stall is attributed to it.
  assert.equal(first!.affected, 0, "one node down alone stops nothing");
  // Period 1: 20 orders + the clear; period 2: 20 orders until the recovery at 50 min.
  assert.equal(second!.affected, 41, "chain 2's requests waited through the outage");
  assert.equal(second!.missedDeadline, 40, "every order missed its 20-minute deadline (clears have none)");
});
