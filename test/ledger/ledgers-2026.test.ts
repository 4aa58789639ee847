// Ethereum proof of stake as of 2025 ("ethereum-pos-2026") and an OP Stack rollup ("op-rollup"): each
// runs a one-day paper config through simulate with every order resolved once, positive finite fees,
// and the same figures for the same seed; finality lengthens latency; a sequencer outage delays only
// the orders of its window.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRunConfig } from "../../experiments/config/load.js";
import { simulate } from "../../experiments/run/simulate.js";
import {
  ethereumConfig,
  EthereumLedger,
  l1DataFeeWei,
  ledgerPlugin,
  OP_ROLLUP_PRESET,
  TxStatus,
  type Ledger,
} from "../../sim/ledger/index.js";

const HOUR_MS = 3_600_000;

function run(ledger: string, extra: Record<string, unknown> = {}): Ledger {
  const config = parseRunConfig(
    {
      ledgers: [ledger],
      scenarios: ["all"],
      profiles: { source: "synthetic", days: 1 },
      ...extra,
    },
    `${ledger}-test`,
  );
  const model = simulate(config, ".").runs[0]!.ledgerModel;
  assert.ok(model instanceof EthereumLedger);
  return model;
}

interface Summary {
  n: number;
  confirmed: number;
  meanLatencyMs: number;
  feeUsd: number;
}

/** Every transaction resolved exactly once, at or after its submission; fees positive and finite. */
function checkLog(model: Ledger): Summary {
  const log = model.log;
  const stats = model.stats();
  assert.equal(stats.pending, 0);
  let confirmed = 0;
  let latency = 0;
  let fees = 0;
  for (let r = 0; r < log.length - log.base; r++) {
    const s = log.status[r];
    assert.notEqual(s, TxStatus.PENDING, `row ${r} unresolved`);
    assert.ok(log.resolvedMs[r]! >= log.submitMs[r]!, `row ${r} resolved before it was sent`);
    if (s === TxStatus.CONFIRMED || s === TxStatus.REJECTED) {
      assert.ok(log.feeUsd[r]! > 0 && Number.isFinite(log.feeUsd[r]!), `row ${r} fee ${log.feeUsd[r]}`);
      fees += log.feeUsd[r]!;
    }
    if (s === TxStatus.CONFIRMED) {
      confirmed++;
      latency += log.confirmMs[r]! - log.submitMs[r]!;
    }
  }
  assert.equal(stats.confirmed + stats.rejected + stats.dropped, log.length, "each resolved once");
  assert.ok(confirmed > 1000, `${confirmed} confirmed`);
  return { n: log.length, confirmed, meanLatencyMs: latency / confirmed, feeUsd: fees };
}

const pos = run("ethereum-pos-2026");
const rollup = run("op-rollup");

test("ethereum-pos-2026: a day of the paper's market, every order resolved once, fees positive", () => {
  const s = checkLog(pos);
  const c = (pos as EthereumLedger).config;
  assert.equal(c.blocks.gasLimit, 45_000_000);
  assert.equal(c.confirmation.mode, "inclusion");
  // 12 s slots: eligible 2 s after submission, then the next slot (+ a missed one now and then).
  assert.ok(s.meanLatencyMs > 6_000 && s.meanLatencyMs < 16_000, `mean ${s.meanLatencyMs} ms`);
  const b = (pos as EthereumLedger).blocks;
  let base = 0;
  for (let i = 0; i < b.length; i++) base += b.baseFeeGwei[i]!;
  base /= b.length;
  assert.ok(base > 0.3 && base < 0.55, `mean base fee ${base} gwei`);
  assert.ok(ledgerPlugin("ethereum-pos-2026").security!.length > 0);
});

test("op-rollup: a day of the paper's market, preconfirmed in well under a second, L1 data fee charged", () => {
  const s = checkLog(rollup);
  assert.ok(s.meanLatencyMs > 100 && s.meanLatencyMs < 600, `mean ${s.meanLatencyMs} ms`);
  const c = (rollup as EthereumLedger).config;
  const l1 = l1DataFeeWei(c.l1DataFee);
  assert.ok(l1 > 0);
  const log = rollup.log;
  for (let r = 0; r < log.length - log.base; r++) {
    if (log.status[r] === TxStatus.CONFIRMED) assert.ok(log.feeNative[r]! * 1e18 > l1);
  }
  assert.deepEqual(ledgerPlugin("op-rollup").faultKinds, ["eth-demand-spike", "sequencer-down"]);
});

test("the Fjord L1 data fee: size floor and scalars as documented", () => {
  const d = ethereumConfig(OP_ROLLUP_PRESET).l1DataFee;
  // 150 B -> -42.5856 + 0.8365 * 150 = 82.89 B, below the 100 B floor.
  const scaled = 16 * 2_269 * 0.4e9 + 1_055_778 * 1;
  assert.ok(Math.abs(l1DataFeeWei(d) - (100e6 * scaled) / 1e12) < 1e-3);
  const big = { ...d, fastlzBytes: 1000 };
  assert.ok(Math.abs(l1DataFeeWei(big) - ((-42_585_600 + 836_500 * 1000) * scaled) / 1e12) < 1e-3);
  assert.equal(l1DataFeeWei({ ...d, enabled: false }), 0);
});

test("the same seed gives the same transactions, times and fees", () => {
  for (const [name, first] of [
    ["ethereum-pos-2026", pos],
    ["op-rollup", rollup],
  ] as const) {
    const again = run(name);
    assert.equal(again.log.length, first.log.length);
    const n = first.log.length - first.log.base;
    assert.deepEqual(again.log.resolvedMs.subarray(0, n), first.log.resolvedMs.subarray(0, n), name);
    assert.deepEqual(again.log.feeUsd.subarray(0, n), first.log.feeUsd.subarray(0, n), name);
  }
});

test("waiting for finality lengthens latency on both ledgers", () => {
  for (const [name, inclusion, finalityMs] of [
    ["ethereum-pos-2026", pos, 64 * 12_000],
    ["op-rollup", rollup, 20 * 60_000],
  ] as const) {
    const final = run(name, { ledgerOptions: { [name]: { confirmation: "finality" } } });
    const a = checkLog(inclusion);
    const b = checkLog(final);
    assert.ok(
      b.meanLatencyMs > a.meanLatencyMs + finalityMs * 0.9,
      `${name}: ${a.meanLatencyMs} -> ${b.meanLatencyMs}`,
    );
  }
});

test("a sequencer outage delays the orders of its window only", () => {
  const down = run("op-rollup", { faults: [{ kind: "sequencer-down", fromHour: 10, toHour: 11 }] });
  checkLog(down);
  const latency = (m: Ledger, from: number, to: number): number => {
    const log = m.log;
    let n = 0;
    let sum = 0;
    for (let r = 0; r < log.length - log.base; r++) {
      const t = log.submitMs[r]!;
      if (log.status[r] !== TxStatus.CONFIRMED || t < from || t >= to) continue;
      n++;
      sum += log.confirmMs[r]! - t;
    }
    assert.ok(n > 0, `no confirmations in [${from}, ${to})`);
    return sum / n;
  };
  const before = [0, 10 * HOUR_MS] as const;
  const inside = [10 * HOUR_MS, 11 * HOUR_MS] as const;
  const after = [11 * HOUR_MS + 60_000, 24 * HOUR_MS] as const;
  assert.ok(latency(down, ...before) < 1_000);
  assert.ok(latency(down, ...after) < 1_000, `after: ${latency(down, ...after)}`);
  assert.ok(
    Math.abs(latency(down, ...before) - latency(rollup, ...before)) < 1,
    "identical before the outage",
  );
  assert.ok(latency(down, ...inside) > 60_000, `inside: ${latency(down, ...inside)}`);
  assert.ok(latency(rollup, ...inside) < 1_000);
  for (let r = 0; r < down.log.length - down.log.base; r++) {
    const t = down.log.confirmMs[r]!;
    if (down.log.status[r] === TxStatus.CONFIRMED)
      assert.ok(t < 10 * HOUR_MS || t >= 11 * HOUR_MS, "no block while down");
  }
  const impact = down.faultImpacts().find((f) => f.kind === "sequencer-down");
  assert.ok(impact !== undefined && impact.affected > 0);
});

test("a sequencer-down fault is refused on a ledger without a sequencer", () => {
  assert.throws(
    () =>
      simulate(
        parseRunConfig(
          {
            ledgers: ["ethereum-pos-2026"],
            profiles: { source: "synthetic", days: 1 },
            faults: [{ kind: "sequencer-down", fromHour: 1, toHour: 2 }],
          },
          "refused",
        ),
        ".",
      ),
    /"sequencer-down" acts on op-rollup/,
  );
});

test("each ledger names the source of its energy figure", () => {
  assert.match((pos as EthereumLedger).energyReading, /^0\.0051 kWh per transaction: CCRI/);
  assert.match((rollup as EthereumLedger).energyReading, /^0\.0005 kWh per transaction: assumption/);
});
