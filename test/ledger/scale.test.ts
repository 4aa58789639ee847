import { test } from "node:test";
import assert from "node:assert/strict";
import { scaleStudy } from "../../sim/ledger/index.js";

test("scale study: IOTA time per transaction stays flat, Ethereum's time and cost rise (from queueing alone)", () => {
  const small = scaleStudy({ participants: 300 });
  const large = scaleStudy({ participants: 10_000 });
  const [si, li, se, le] = [
    small.byLedger.iota!,
    large.byLedger.iota!,
    small.byLedger.ethereum!,
    large.byLedger.ethereum!,
  ];
  assert.equal(li.confirmed, li.submitted, "IOTA confirms everything");
  assert.ok(
    Math.abs(li.orderLatency.meanMs / si.orderLatency.meanMs - 1) < 0.1,
    `${li.orderLatency.meanMs} vs ${si.orderLatency.meanMs}`,
  );
  assert.ok(Math.abs(li.costPerBidUsd - si.costPerBidUsd) < 1e-15, "a fixed fee per request");
  assert.ok(
    le.orderLatency.meanMs > 3 * se.orderLatency.meanMs,
    `${le.orderLatency.meanMs} vs ${se.orderLatency.meanMs}`,
  );
  assert.ok(le.costPerBidUsd > 2 * se.costPerBidUsd, `${le.costPerBidUsd} vs ${se.costPerBidUsd}`);
  assert.ok(le.meanBaseFeeGwei > se.meanBaseFeeGwei, "the base fee climbs with our own load");
});

test("scale study reports the load it ran and refuses impossible schedules", () => {
  const r = scaleStudy({ participants: 12, agentsPerMicrogrid: 5, ledgers: ["iota"] });
  assert.equal(r.byLedger.ethereum, undefined);
  assert.equal(r.byLedger.iota!.microgrids, 3);
  assert.equal(r.byLedger.iota!.submitted, 12 * 3 + 3);
  assert.throws(() => scaleStudy({ participants: 10, clearAtMs: 100_000 }), RangeError);
});

test("scale study: ledgers by registered name, limits and per-ledger options passed through", () => {
  const narrow = scaleStudy({
    participants: 10,
    ledgers: ["ethereum"],
    limits: { pgs: 12, pgb: 18.9 },
    ledgerOptions: { ethereum: { era: "pos" } },
  });
  const eth = narrow.byLedger.ethereum!;
  assert.equal(eth.reasons["price-out-of-range"], 10 * 3, "every order priced 10-11 p/kWh is below Pgs = 12");
  assert.equal(eth.energyWhPerTx, 30, "the proof-of-stake era asked for in the options");
  assert.deepEqual(narrow.options.limits, { pgs: 12, pgb: 18.9 });
  assert.throws(() => scaleStudy({ participants: 10, ledgers: ["ideal"] }), /"ideal" has no ledger model/);
  assert.throws(() => scaleStudy({ participants: 10, ledgers: ["hashgraph"] }), /unknown ledger "hashgraph"/);
});
