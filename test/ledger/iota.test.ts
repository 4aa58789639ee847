import { test } from "node:test";
import assert from "node:assert/strict";
import { Streams } from "../../sim/kernel/index.js";
import {
  DEFAULT_IOTA_CONFIG,
  IOTA_ENERGY_WH,
  Layer1,
  NO_FAULTS,
  TxStatus,
  iotaConfig,
  iotaEnergyReadings,
  latencySummary,
  type TxRequest,
} from "../../sim/ledger/index.js";
import { iotaSetup, meanCv, paperLoad, submitAt } from "./fixtures.js";

test("calibration: a bid takes ~12 s to confirm at the paper's load (15 agents, 3 chains, 4 orders per period)", () => {
  const s = iotaSetup();
  paperLoad(s, 48 * 3);
  s.kernel.run();
  const lat = latencySummary(s.ledger.log, (i) => s.ledger.log.kind[i]! <= 2);
  assert.equal(s.ledger.pending, 0);
  assert.ok(lat.count > 8000);
  assert.ok(lat.meanMs > 11_500 && lat.meanMs < 12_500, `mean ${lat.meanMs} ms`);
});

test("Layer-1 confirmation latency is lognormal with the configured mean and CV", () => {
  const l1 = new Layer1(
    { latencyMeanMs: 10_000, latencyCv: 0.25, throughputMps: 100, backgroundMps: 0 },
    new Streams(7).get("l1"),
    NO_FAULTS,
  );
  const xs = Float64Array.from({ length: 20_000 }, () => l1.confirmationDelay(0));
  const { mean, cv } = meanCv(xs);
  assert.ok(Math.abs(mean - 10_000) < 100, `mean ${mean}`);
  assert.ok(Math.abs(cv - 0.25) < 0.01, `cv ${cv}`);
  const logs = Float64Array.from(xs, Math.log);
  const skewSign = meanCv(xs).mean > Math.exp(meanCv(logs).mean);
  assert.ok(skewSign, "mean above the median: right-skewed like a lognormal");
});

test("Layer-1 admission is rate limited: a burst is spread at 1000 / rate ms", () => {
  const l1 = new Layer1(
    { latencyMeanMs: 10_000, latencyCv: 0.25, throughputMps: 100, backgroundMps: 50 },
    new Streams(1).get("l1"),
    NO_FAULTS,
  );
  const times = Array.from({ length: 5 }, () => l1.admit(1000));
  assert.deepEqual(times, [1000, 1020, 1040, 1060, 1080]);
  assert.equal(l1.admit(5000), 5000);
});

test("every outcome is delivered at its recorded time: kernel.now == confirmMs in the callback", () => {
  const s = iotaSetup();
  let calls = 0;
  const onDone = (id: number, status: number): void => {
    calls++;
    assert.equal(status, TxStatus.CONFIRMED);
    assert.equal(s.kernel.now, s.ledger.log.confirmMs[id]);
    assert.equal(s.kernel.now, s.ledger.log.resolvedMs[id]);
    assert.ok(s.kernel.now > s.ledger.log.submitMs[id]!);
  };
  paperLoad(s, 6, 3, onDone);
  s.kernel.run();
  assert.equal(calls, s.ledger.log.length);
});

test("requests waiting together go into one block, up to the maximum batch", () => {
  const s = iotaSetup({ wasp: { maxBatch: 4 } });
  const req: TxRequest = { chain: 0, sender: 0, kind: "inter-mg", nonce: 1 };
  for (let a = 0; a < 5; a++) {
    req.sender = a;
    req.kind = "bid";
    req.price = 10;
    req.quantityWh = 1;
    s.ledger.submit(req);
  }
  s.kernel.run();
  const b = s.ledger.blocks;
  assert.equal(b.length, 2);
  assert.deepEqual([b.count[0], b.count[1]], [4, 1]);
  // The second block starts when the first one's anchor is admitted to Layer 1.
  assert.equal(b.roundStartMs[1], b.issueMs[0]);
  assert.ok(b.confirmMs[1]! >= b.confirmMs[0]!, "anchors of a chain confirm in order");
});

test("each request costs 1 IOTA ($0.3303 per million) and the configured energy reading", () => {
  for (const reading of ["printed", "kWh", "iota-2022"] as const) {
    const s = iotaSetup({ energy: { reading } });
    submitAt(s, 0, { chain: 1, sender: 5, kind: "ask", nonce: 1, price: 5, quantityWh: 10 });
    s.kernel.run();
    assert.equal(s.ledger.log.feeNative[0], 1);
    assert.ok(Math.abs(s.ledger.log.feeUsd[0]! - 3.303e-7) < 1e-15);
    assert.equal(s.ledger.log.energyWh[0], IOTA_ENERGY_WH[reading]);
  }
});

test("the energy erratum: 3.93 nWh printed = 14 uJ, as kWh = 14 mJ, IOTA 2022 = 6.78 mJ", () => {
  const r = iotaEnergyReadings();
  assert.ok(Math.abs(r.printed.joules - 1.4148e-5) < 1e-12);
  assert.ok(Math.abs(r.kWh.joules - 1.4148e-2) < 1e-9);
  assert.ok(Math.abs(r["iota-2022"].joules - 6.78e-3) < 1e-12);
  assert.ok(Math.abs(r.kWh.joules / r["iota-2022"].joules - 2.087) < 0.001);
  assert.ok(Math.abs(r["iota-2022"].joules / r.printed.joules - 479.2) < 0.1);
});

test("a chain's latency does not depend on the load of the other chains", () => {
  const hours = 24;
  const light = iotaSetup(undefined, undefined, 3);
  const busy = iotaSetup(undefined, undefined, 3);
  paperLoad(light, hours * 2);
  paperLoad(busy, hours * 2);
  // Busy: microgrids 1 and 2 also receive a request every second for the whole run.
  const req: TxRequest = { chain: 1, sender: 5, kind: "update", nonce: 0, price: 10 };
  let nonce = 1e6;
  const flood = (): void => {
    for (const chain of [1, 2]) {
      req.chain = chain;
      req.sender = chain * 5 + 4;
      req.nonce = ++nonce;
      busy.ledger.submit(req);
    }
    if (busy.kernel.now < hours * 3_600_000) busy.kernel.scheduleAfter(1000, flood);
  };
  busy.kernel.schedule(1, flood);
  light.kernel.run();
  busy.kernel.run();
  // Outcome time of every transaction (the flood's updates are mostly rejected: nonce and order rules).
  const mean = (s: typeof light, onChain0: boolean): number => {
    const log = s.ledger.log;
    let sum = 0;
    let n = 0;
    for (let i = 0; i < log.length; i++) {
      if ((log.chain[i] === 0) !== onChain0) continue;
      sum += log.resolvedMs[i]! - log.submitMs[i]!;
      n++;
    }
    return sum / n;
  };
  assert.ok(busy.ledger.log.length > 30 * light.ledger.log.length, "the flood loaded the other chains");
  assert.ok(mean(busy, false) > mean(light, false) + 2000, "and slowed them down (adaptive PoW)");
  assert.ok(
    Math.abs(mean(busy, true) - mean(light, true)) < 1000,
    `${mean(busy, true)} vs ${mean(light, true)}`,
  );
});

test("inter-microgrid messages go over Layer 1: PoW + admission + confirmation, feeless", () => {
  const s = iotaSetup();
  submitAt(s, 0, { chain: 0, sender: 15, kind: "inter-mg", nonce: 1 });
  s.kernel.run();
  const log = s.ledger.log;
  assert.equal(log.status[0], TxStatus.CONFIRMED);
  assert.equal(log.feeNative[0], 0);
  assert.equal(s.ledger.blocks.length, 0, "no Wasp block involved");
  assert.ok(log.confirmMs[0]! > 0);
});

test("Wasp consensus rounds are lognormal with the configured mean and CV", () => {
  const s = iotaSetup({ wasp: { roundMeanMs: 2_000, roundCv: 0.5 } });
  paperLoad(s, 48 * 4);
  s.kernel.run();
  const b = s.ledger.blocks;
  const rounds = Float64Array.from({ length: b.length }, (_, i) => b.roundEndMs[i]! - b.roundStartMs[i]!);
  const { mean, cv } = meanCv(rounds);
  assert.ok(b.length > 2500, `blocks ${b.length}`);
  assert.ok(Math.abs(mean - 2_000) < 60, `mean ${mean}`);
  assert.ok(Math.abs(cv - 0.5) < 0.04, `cv ${cv}`);
});

test("config overrides merge onto the defaults, which stay frozen; impossible values are refused", () => {
  const c = iotaConfig({ wasp: { committeeSize: 7 } });
  assert.equal(c.wasp.committeeSize, 7);
  assert.equal(c.wasp.roundMeanMs, DEFAULT_IOTA_CONFIG.wasp.roundMeanMs);
  assert.ok(Object.isFrozen(DEFAULT_IOTA_CONFIG.wasp));
  assert.throws(() => iotaConfig({ l1: { throughputMps: 10, backgroundMps: 10 } }), RangeError);
});
