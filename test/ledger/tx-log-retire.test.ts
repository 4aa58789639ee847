// A log that keeps only unresolved rows must not change what the ledger does or reports.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  executedOrders,
  latencySummary,
  ledgerStats,
  type FaultSchedule,
  type Ledger,
  type TxLogKeep,
} from "../../sim/ledger/index.js";
import { ethereumSetup, iotaSetup, paperLoad, PERIOD_MS, type Setup } from "./fixtures.js";

const PERIODS = 96;

function runBoth(make: (keep: TxLogKeep) => Setup<Ledger>) {
  return (["all", "unresolved"] as const).map((keep) => {
    const s = make(keep);
    const outcomes: number[] = [];
    paperLoad(s, PERIODS, 3, (id, status) => outcomes.push(id, status, s.kernel.now));
    s.kernel.run();
    return { s, outcomes };
  });
}

function assertSameReports(all: Ledger, kept: Ledger): void {
  assert.ok(kept.log.base > 0, "no row was retired: the test does not exercise retirement");
  assert.ok(kept.log.chain.length < all.log.chain.length, "retiring did not bound the columns");
  assert.deepEqual(ledgerStats(kept.log), ledgerStats(all.log));
  assert.deepEqual(executedOrders(kept.log), executedOrders(all.log));
  assert.deepEqual(kept.faultImpacts(), all.faultImpacts());
  for (const scope of ["all", "orders"] as const) {
    const exact = latencySummary(all.log, scope);
    const approx = latencySummary(kept.log, scope);
    assert.equal(approx.count, exact.count);
    assert.equal(approx.meanMs, exact.meanMs);
    assert.equal(approx.maxMs, exact.maxMs);
    for (const key of ["p50Ms", "p95Ms"] as const) {
      assert.ok(approx[key] <= exact[key] && approx[key] >= exact[key] * (1 - 1 / 1024), `${scope} ${key}`);
    }
  }
}

test("IOTA: retiring resolved rows changes no outcome and no report (a committee fault included)", () => {
  const faults: FaultSchedule = {
    faults: [{ kind: "wasp-node-down", chain: 1, node: 0, fromMs: 10 * PERIOD_MS, toMs: 20 * PERIOD_MS }],
  };
  const [all, kept] = runBoth((keep) => iotaSetup(undefined, faults, 3, keep));
  assert.deepEqual(kept!.outcomes, all!.outcomes);
  assertSameReports(all!.s.ledger, kept!.s.ledger);
});

test("Ethereum: retiring resolved rows changes no outcome and no report (a demand spike included)", () => {
  const faults: FaultSchedule = {
    faults: [{ kind: "eth-demand-spike", fromMs: 10 * PERIOD_MS, toMs: 30 * PERIOD_MS, multiplier: 3 }],
  };
  const [all, kept] = runBoth((keep) => ethereumSetup(undefined, faults, 3, keep));
  assert.deepEqual(kept!.outcomes, all!.outcomes);
  assertSameReports(all!.s.ledger, kept!.s.ledger);
});

test("a filtered latency summary is refused once rows were retired", () => {
  const [, kept] = runBoth((keep) => iotaSetup(undefined, undefined, 3, keep));
  assert.throws(() => latencySummary(kept!.s.ledger.log, () => true), /rows were retired/);
  assert.throws(() => kept!.s.ledger.log.columns(), /rows were retired/);
});
