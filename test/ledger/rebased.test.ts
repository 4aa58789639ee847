// IOTA Rebased ledgers ("iota-rebased", "iota-rebased-isc") run the paper's market by name: every
// order resolved once, fees positive and finite, the same seed gives the same run, and a Wasp
// committee fault on the ISC ledger holds back its own microgrid only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRunConfig } from "../../experiments/config/load.js";
import { simulate } from "../../experiments/run/simulate.js";
import { IotaLedger, ledgerPlugin, TxStatus, type Ledger } from "../../sim/ledger/index.js";
import { ISC_GAS_PER_REQUEST, REBASED, rebasedFeeNanos } from "../../sim/ledger/rebased.js";

function runOn(ledger: string, faults: unknown[] = [], seed = 7) {
  const config = parseRunConfig(
    { ledgers: [ledger], scenarios: ["all"], seed, profiles: { source: "synthetic", days: 1 }, faults },
    "rebased-test",
  );
  return simulate(config, ".").runs[0]!;
}

function checkResolved(model: Ledger): void {
  const log = model.log;
  assert.equal(model.stats().pending, 0, "nothing pending at the end");
  const settled = new Set<string>();
  for (let r = 0; r < log.length - log.base; r++) {
    const s = log.status[r]!;
    assert.ok(s === TxStatus.CONFIRMED || s === TxStatus.REJECTED, `row ${r}: status ${s}`);
    const fee = log.feeUsd[r]!;
    assert.ok(fee > 0 && Number.isFinite(fee), `row ${r}: fee ${fee}`);
    assert.ok(log.resolvedMs[r]! >= log.submitMs[r]!);
    if (s !== TxStatus.CONFIRMED) continue;
    const key = `${log.chain[r]}/${log.sender[r]}/${log.kind[r]}/${log.nonce[r]}`;
    assert.ok(!settled.has(key), `settled twice: ${key}`);
    settled.add(key);
  }
}

for (const name of ["iota-rebased", "iota-rebased-isc"]) {
  const run = runOn(name);

  test(`${name}: a one-day paper run resolves every order once, with positive finite fees`, () => {
    const model = run.ledgerModel;
    assert.ok(model instanceof IotaLedger);
    assert.equal(model.name, name);
    assert.ok(model.stats().confirmed > 1000, `${model.stats().confirmed} confirmed`);
    checkResolved(model);
    assert.match(model.energyReading, /assumption/);
    const plugin = ledgerPlugin(name);
    assert.ok(plugin.security !== undefined && plugin.security.length > 0);
    assert.ok(plugin.defaultRoundSeconds > 0);
  });

  test(`${name}: the same seed gives the same run`, () => {
    const again = runOn(name).ledgerModel!.log;
    const log = run.ledgerModel!.log;
    assert.equal(again.length, log.length);
    assert.deepEqual(Array.from(again.resolvedMs), Array.from(log.resolvedMs));
    assert.deepEqual(Array.from(again.feeUsd), Array.from(log.feeUsd));
    assert.deepEqual(
      Array.from(run.recorder.periods.matchedLocalWh),
      Array.from(runOn(name).recorder.periods.matchedLocalWh),
    );
  });
}

test("iota-rebased: an order costs computation x (reference price + tip) + storage x price - rebate", () => {
  const model = runOn("iota-rebased").ledgerModel as IotaLedger;
  const nanos = 1000 * 1000 + 100 * 100 * 76;
  assert.equal(rebasedFeeNanos(), nanos);
  assert.equal(model.log.feeNative[0], nanos / 1000, "micro-IOTA");
  assert.ok(Math.abs(model.log.feeUsd[0]! - (nanos / 1e9) * REBASED.usdPerIota) < 1e-15);
  const lat = model.log.confirmMs[0]! - model.log.submitMs[0]!;
  assert.ok(lat > 0 && lat < 5000, `sub-second to seconds, got ${lat} ms`);
});

test("iota-rebased-isc: a request pays its EVM gas at the chain's price plus its share of the anchor", () => {
  const model = runOn("iota-rebased-isc").ledgerModel as IotaLedger;
  const gasMicro = ISC_GAS_PER_REQUEST / REBASED.iscGasPerNano / 1000;
  const r = 0;
  const b = model.log.block[r]!;
  const expected = gasMicro + rebasedFeeNanos() / 1000 / model.blocks.count[b]!;
  assert.ok(Math.abs(model.log.feeNative[r]! - expected) < 1e-9, `${model.log.feeNative[r]} vs ${expected}`);
});

test("iota-rebased-isc: wasp-node-down delays that microgrid only", () => {
  const faults = [
    { kind: "wasp-node-down", microgrid: "MG2", node: 0, fromHour: 10, toHour: 14 },
    { kind: "wasp-node-down", microgrid: "MG2", node: 1, fromHour: 10, toHour: 14 },
  ];
  const run = runOn("iota-rebased-isc", faults);
  checkResolved(run.ledgerModel!);
  const rows = run.recorder.periods;
  const within = (k: number) => rows.period[k]! * 0.5 >= 10 && rows.period[k]! * 0.5 < 14;
  let mg2Missed = 0;
  for (let k = 0; k < rows.period.length; k++) {
    if (!within(k)) continue;
    if (rows.microgrid[k] === 1) mg2Missed += rows.missedOrders[k]!;
    else assert.equal(rows.missedOrders[k], 0, `MG${rows.microgrid[k]! + 1} period ${rows.period[k]}`);
  }
  assert.ok(mg2Missed > 0, "MG2 misses orders while its chain has no quorum");
  const log = run.ledgerModel!.log;
  const from = 10 * 3_600_000;
  const to = 14 * 3_600_000;
  for (let r = 0; r < log.length - log.base; r++) {
    const t = log.submitMs[r]!;
    if (t < from || t >= to || log.chain[r] === 1) continue;
    assert.ok(log.resolvedMs[r]! - t < 60_000, `chain ${log.chain[r]} unaffected`);
  }
});

test("iota-rebased has no Wasp committee: a wasp-node-down fault meant for another ledger leaves it alone", () => {
  const config = parseRunConfig(
    {
      ledgers: ["iota", "iota-rebased"],
      scenarios: ["all"],
      seed: 7,
      profiles: { source: "synthetic", days: 1 },
      faults: [{ kind: "wasp-node-down", microgrid: "MG2", node: 2, fromHour: 10, toHour: 14 }],
    },
    "rebased-test",
  );
  const runs = simulate(config, ".").runs;
  const rebased = runs.find((r) => r.ledger === "iota-rebased")!;
  checkResolved(rebased.ledgerModel!);
  assert.deepEqual(rebased.ledgerModel!.faultImpacts(), []);
  assert.deepEqual(
    Array.from(rebased.recorder.periods.missedOrders),
    Array.from(runOn("iota-rebased").recorder.periods.missedOrders),
  );
});

test("Rebased fees are logged in micro-IOTA, and results name that unit", () => {
  for (const name of ["iota-rebased", "iota-rebased-isc"]) {
    assert.equal((runOn(name).ledgerModel as IotaLedger).feeUnit, "micro-IOTA");
  }
  assert.equal((runOn("iota").ledgerModel as IotaLedger).feeUnit, "IOTA");
});
