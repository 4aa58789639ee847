import { test } from "node:test";
import assert from "node:assert/strict";
import { Kernel, Streams } from "../../sim/kernel/index.js";
import {
  ContractRules,
  EthereumLedger,
  MEASURED_GAS,
  Reason,
  TxStatus,
  latencySummary,
  type TxRequest,
} from "../../sim/ledger/index.js";
import { ethereumSetup, meanCv, paperLoad, submitAt } from "./fixtures.js";

const BID: TxRequest = { chain: 0, sender: 0, kind: "bid", nonce: 1, price: 10, quantityWh: 100 };

test("calibration: ~15 s per transaction at light load in the proof-of-work era", () => {
  const s = ethereumSetup();
  paperLoad(s, 48 * 3);
  s.kernel.run();
  const lat = latencySummary(s.ledger.log);
  assert.ok(lat.count > 8000);
  assert.ok(lat.meanMs > 14_000 && lat.meanMs < 16_000, `mean ${lat.meanMs}`);
});

test("calibration: the base fee sits near 17 gwei at the paper's load", () => {
  const s = ethereumSetup();
  paperLoad(s, 48 * 3);
  s.kernel.run();
  const { mean } = meanCv(s.ledger.blocks.baseFeeGwei.subarray(0, s.ledger.blocks.length));
  assert.ok(s.ledger.blocks.length > 10_000);
  assert.ok(mean > 16 && mean < 18, `mean base fee ${mean} gwei`);
});

test("proof-of-work inter-block times are exponential with mean 13 s", () => {
  const s = ethereumSetup();
  paperLoad(s, 48 * 3);
  s.kernel.run();
  const t = s.ledger.blocks.timeMs;
  const gaps = Float64Array.from({ length: s.ledger.blocks.length - 1 }, (_, i) => t[i + 1]! - t[i]!);
  const { mean, cv } = meanCv(gaps);
  assert.ok(Math.abs(mean - 13_000) < 300, `mean gap ${mean}`);
  assert.ok(Math.abs(cv - 1) < 0.05, `cv ${cv}`);
});

test("proof of stake: blocks on the 12 s slot grid, a few slots missed", () => {
  const s = ethereumSetup({ era: "pos" });
  paperLoad(s, 48);
  s.kernel.run();
  const b = s.ledger.blocks;
  for (let i = 0; i < b.length; i++) assert.equal(b.timeMs[i]! % 12_000, 0);
  const span = (b.timeMs[b.length - 1]! - b.timeMs[0]!) / 12_000 + 1;
  const missed = 1 - b.length / span;
  assert.ok(missed > 0.002 && missed < 0.03, `missed ${missed}`);
  assert.equal(s.ledger.log.energyWh[0], 30);
});

test("every outcome is delivered at its recorded time: kernel.now == confirmMs in the callback", () => {
  const s = ethereumSetup();
  let calls = 0;
  const onDone = (id: number): void => {
    calls++;
    assert.equal(s.kernel.now, s.ledger.log.confirmMs[id]);
    assert.ok(
      s.ledger.log.confirmMs[id]! >= s.ledger.log.submitMs[id]! + s.ledger.config.mempool.inclusionDelayMs,
    );
  };
  paperLoad(s, 6, 3, onDone);
  s.kernel.run();
  assert.equal(calls, s.ledger.log.length);
});

test("cost per bid = gas used x (base fee + tip) x ETH/USD, with the measured gas", () => {
  const s = ethereumSetup();
  submitAt(s, 0, BID);
  submitAt(s, 60_000, { ...BID, kind: "update", nonce: 2, price: 11 });
  s.kernel.run();
  const log = s.ledger.log;
  const b = s.ledger.blocks;
  const baseAt = (t: number): number => {
    for (let i = 0; i < b.length; i++) if (b.timeMs[i] === t) return b.baseFeeGwei[i]!;
    throw new Error("no block");
  };
  assert.equal(log.sizeOrGas[0], MEASURED_GAS.placeBidFirst);
  assert.equal(log.sizeOrGas[1], MEASURED_GAS.updateBid);
  for (const id of [0, 1]) {
    const eth = (log.sizeOrGas[id]! * (baseAt(log.confirmMs[id]!) + 1.5)) / 1e9;
    assert.ok(Math.abs(log.feeNative[id]! - eth) < 1e-12);
    assert.ok(Math.abs(log.feeUsd[id]! - eth * 1300) < 1e-9);
    assert.equal(log.energyWh[id], 238_220);
  }
});

test("a transaction whose fee cap is below the base fee waits, then is dropped after the mempool TTL", () => {
  // Background demand far above the target drives the base fee past our 20 gwei ceiling.
  const s = ethereumSetup({ fees: { maxFeeCapGwei: 20 }, background: { gasPerBlockMean: 60_000_000 } });
  submitAt(s, 3_600_000, BID);
  s.kernel.run();
  const log = s.ledger.log;
  assert.equal(log.status[0], TxStatus.DROPPED);
  assert.equal(log.reason[0], Reason.EXPIRED);
  assert.ok(log.resolvedMs[0]! - log.submitMs[0]! >= s.ledger.config.mempool.ttlMs);
  assert.equal(log.feeNative[0], 0);
  assert.ok(s.ledger.baseFeeGwei() > 20);
});

test("a sender's transactions are mined in submission order, even when the base fee moves", () => {
  const s = ethereumSetup({ background: { gasCv: 0.8 } });
  paperLoad(s, 48, 6);
  s.kernel.run();
  const log = s.ledger.log;
  const last = new Map<number, number>();
  for (let i = 0; i < log.length; i++) {
    const prev = last.get(log.sender[i]!);
    if (prev !== undefined)
      assert.ok(log.resolvedMs[i]! >= log.resolvedMs[prev]!, `tx ${i} overtook ${prev}`);
    last.set(log.sender[i]!, i);
    assert.notEqual(log.reason[i], Reason.NO_ORDER);
  }
});

test("an Ethereum demand spike raises the base fee and is reported with the transactions it delayed", () => {
  const spike = { kind: "eth-demand-spike" as const, fromMs: 3_600_000, toMs: 7_200_000, multiplier: 3 };
  const s = ethereumSetup(undefined, { faults: [spike] });
  paperLoad(s, 8);
  s.kernel.run();
  const b = s.ledger.blocks;
  let inside = 0;
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    if (b.timeMs[i]! >= 5_400_000 && b.timeMs[i]! < 7_200_000) {
      inside += b.baseFeeGwei[i]!;
      n++;
    }
  }
  // Equilibrium with 3x demand: 60 M * P(cap >= b) = 15 M  =>  b = 23.82 * exp(0.6745 * 0.5) = 33.4 gwei.
  assert.ok(inside / n > 30 && inside / n < 37, `base fee during the spike ${inside / n}`);
  const impact = s.ledger.faultImpacts()[0]!;
  assert.equal(impact.affected, 2 * (15 * 4 + 3), "the two periods submitted during the spike");
  // Our fee cap (2 x base fee + tip) still covers the higher base fee: the spike costs money, not time.
  const log = s.ledger.log;
  const fee = new Float64Array(2);
  const count = new Float64Array(2);
  for (let i = 0; i < log.length; i++) {
    const k = log.fault[i] === 0 ? 1 : 0;
    fee[k]! += log.feeUsd[i]! / log.sizeOrGas[i]!;
    count[k]!++;
  }
  const ratio = fee[1]! / count[1]! / (fee[0]! / count[0]!);
  assert.ok(ratio > 1.6, `fee per gas during the spike / outside: ${ratio}`);
});

test("a million pending bids: per-block work stays bounded by the number of fee lanes", () => {
  const n = 1_000_000;
  const rules = new ContractRules({ memberOf: new Int32Array(n), chains: 1, pgs: 3.2, pgb: 18.9 });
  const kernel = new Kernel();
  const eth = new EthereumLedger({ kernel, streams: new Streams(1), rules });
  const req: TxRequest = { ...BID };
  for (let i = 0; i < n; i++) {
    req.sender = i;
    eth.submit(req);
  }
  kernel.run({ until: 4 * 3_600_000 });
  const w = eth.work;
  assert.equal(w.included + w.dropped, n, "every bid was mined or dropped");
  assert.ok(w.dropped > n / 2, "most could not be mined before their TTL");
  assert.ok(w.maxLaneVisitsPerBlock <= 2 * w.lanes && w.lanes <= 16, `lanes ${w.lanes}`);
  assert.ok(w.laneVisits <= 2 * w.lanes * w.blocks);
  assert.ok(w.blocks < 2000, "blocks only while transactions are pending");
  const gasPerBlock = (w.included * MEASURED_GAS.placeBidFirst) / w.blocks;
  assert.ok(gasPerBlock <= 30_000_000, `mean gas of ours per block ${gasPerBlock}`);
});

test("an idle ledger schedules nothing, so kernel.run() returns; idle blocks are caught up later", () => {
  const s = ethereumSetup();
  submitAt(s, 0, BID);
  s.kernel.run();
  const blocksAfterFirst = s.ledger.blocks.length;
  assert.equal(s.kernel.pending, 0);
  submitAt(s, s.kernel.now + 3_600_000, { ...BID, kind: "update", nonce: 2 });
  s.kernel.run();
  assert.ok(s.ledger.blocks.length - blocksAfterFirst > 200, "an hour of background blocks was simulated");
});
