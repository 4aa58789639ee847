// The whole world on every registered ledger: one day of the paper's config (3 microgrids x 5 agents,
// all microgrids linked), with a window of every fault kind the ledger declares (a stopped chain or
// sequencer from 10:00 to 12:00, spikes from 13:00 to 15:00). In every period and microgrid the
// energy balances (net production = peer, main-grid and imbalance flows; bought - sold = load - PV),
// peer energy bought is peer energy sold, the money buyers pay is what sellers receive plus the
// main grid's net, and the agents' totals are the sums of the periods; before the first fault the
// market is exactly the one without faults. The ledger resolves every
// transaction once, confirms no sender's nonce twice, and its stats are its log's rows. A fault kind
// that no ledger of the run declares is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { InputError } from "../../experiments/cli/errors.js";
import { parseRunConfig } from "../../experiments/config/load.js";
import { simulate } from "../../experiments/run/simulate.js";
import {
  ledgerNames,
  ledgerPlugin,
  TxStatus,
  waspFaultTolerance,
  type Ledger,
} from "../../sim/ledger/index.js";
import type { PeriodRows } from "../../sim/metrics/index.js";
import { committeeFor, declaredFaultKinds } from "../ledger/every-ledger.js";

const STOPPED = { fromHour: 10, toHour: 12 };
const SPIKE = { fromHour: 13, toHour: 15 };

/** The config form of a window of `kind` (a stop of MG2's chain or the sequencer, or a spike x 4). */
function configFaults(kind: string): Record<string, unknown>[] {
  switch (kind) {
    case "wasp-node-down": {
      const n = committeeFor(kind);
      assert.ok(n !== undefined);
      return Array.from({ length: waspFaultTolerance(n) + 1 }, (_, node) => ({
        kind,
        microgrid: "MG2",
        node,
        ...STOPPED,
      }));
    }
    case "sequencer-down":
      return [{ kind, ...STOPPED }];
    case "l1-latency-spike":
    case "eth-demand-spike":
      return [{ kind, multiplier: 4, ...SPIKE }];
    default:
      assert.fail(`no config fault for kind "${kind}": add one to ${import.meta.url}`);
  }
}

function runOn(ledger: string, faults: Record<string, unknown>[]) {
  const config = parseRunConfig(
    { ledgers: [ledger], scenarios: ["all"], profiles: { source: "synthetic", days: 1 }, faults },
    "every-ledger-world",
  );
  return { config, run: simulate(config, ".").runs[0]! };
}

const near = (a: number, b: number, scale = 1): boolean =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(scale), Math.abs(a), Math.abs(b));

function checkPeriods(r: PeriodRows, pgs: number, pgb: number): number {
  const byPeriod = new Map<number, number[]>();
  for (let k = 0; k < r.period.length; k++) {
    const net = r.pvWh[k]! - r.loadWh[k]!;
    const flows =
      r.peerExportWh[k]! -
      r.peerImportWh[k]! +
      r.gridExportWh[k]! -
      r.gridImportWh[k]! +
      r.imbalanceExportWh[k]! -
      r.imbalanceImportWh[k]!;
    const where = `period ${r.period[k]} MG${r.microgrid[k]! + 1}`;
    assert.ok(near(net, flows), `${where}: net ${net} vs flows ${flows}`);
    assert.ok(near(r.boughtWh[k]! - r.soldWh[k]!, -net), `${where}: bought - sold != load - PV`);
    const rows = byPeriod.get(r.period[k]!) ?? [];
    rows.push(k);
    byPeriod.set(r.period[k]!, rows);
  }
  for (const [t, rows] of byPeriod) {
    const sum = (c: Float64Array | Int32Array): number => rows.reduce((s, k) => s + c[k]!, 0);
    assert.ok(near(sum(r.peerImportWh), sum(r.peerExportWh)), `period ${t}: peer import != export`);
    assert.ok(near(sum(r.peerBoughtWh), sum(r.peerSoldWh)), `period ${t}: peer bought != sold`);
    const paid = sum(r.paidP);
    const gridNet =
      ((sum(r.gridImportWh) + sum(r.imbalanceImportWh)) * pgb -
        (sum(r.gridExportWh) + sum(r.imbalanceExportWh)) * pgs) /
      1000;
    assert.ok(
      near(paid, sum(r.receivedP) + gridNet, paid),
      `period ${t}: paid ${paid} vs received ${sum(r.receivedP)} + grid ${gridNet}`,
    );
  }
  return byPeriod.size;
}

/** Every transaction resolved once; no sender's nonce confirmed twice; stats are the log's rows. */
function checkLedger(model: Ledger): void {
  const log = model.log;
  const stats = model.stats();
  assert.equal(stats.submitted, log.length);
  assert.equal(stats.pending, 0, "every transaction resolved by the end of the run");
  const counts = [0, 0, 0, 0];
  const confirmed = new Set<string>();
  for (let r = 0; r < log.length - log.base; r++) {
    const s = log.status[r]!;
    counts[s]!++;
    assert.ok(log.resolvedMs[r]! >= log.submitMs[r]!, `row ${r}: resolved before it was sent`);
    assert.ok(log.feeUsd[r]! >= 0 && Number.isFinite(log.feeUsd[r]!), `row ${r}: fee ${log.feeUsd[r]}`);
    if (s === TxStatus.DROPPED) assert.equal(log.energyWh[r], 0, `row ${r}: dropped, yet charged energy`);
    if (s !== TxStatus.CONFIRMED) continue;
    const key = `${log.sender[r]}/${log.nonce[r]}`;
    assert.ok(!confirmed.has(key), `sender/nonce ${key} confirmed twice`);
    confirmed.add(key);
  }
  assert.equal(log.base, 0);
  assert.deepEqual(
    [stats.confirmed, stats.rejected, stats.dropped],
    [counts[TxStatus.CONFIRMED], counts[TxStatus.REJECTED], counts[TxStatus.DROPPED]],
  );
}

for (const name of ledgerNames()) {
  const plugin = ledgerPlugin(name);
  const kinds = plugin.faultKinds ?? [];
  const label = kinds.length === 0 ? "" : ` with ${kinds.join(" and ")}`;
  test(`${name}: a day of the paper's market${label} conserves energy and money in every period`, () => {
    const { config, run } = runOn(name, kinds.flatMap(configFaults));
    const rows = run.recorder.periods;
    const periods = checkPeriods(rows, config.limits.pgs, config.limits.pgb);
    assert.equal(periods, 48, "every half hour of the day settled");
    const t = run.recorder.totals;
    for (const [total, column] of [
      [t.boughtWh, rows.boughtWh],
      [t.soldWh, rows.soldWh],
      [t.paidP, rows.paidP],
      [t.receivedP, rows.receivedP],
    ] as const) {
      const a = total.reduce((s, x) => s + x, 0);
      const b = column.reduce((s, x) => s + x, 0);
      assert.ok(near(a, b), `agents' totals ${a} vs periods ${b}`);
    }
    if (plugin.create === null) {
      assert.equal(run.ledgerModel, undefined);
      return;
    }
    // Before the first fault begins, the market is exactly what it is without faults.
    const first = Math.min(STOPPED.fromHour, SPIKE.fromHour);
    const clean = runOn(name, []).run.recorder.periods;
    for (let k = 0; k < rows.period.length && rows.period[k]! * 0.5 + 0.5 <= first; k++) {
      for (const c of [
        "mcp",
        "matchedLocalWh",
        "peerImportWh",
        "gridImportWh",
        "paidP",
        "missedOrders",
      ] as const)
        assert.ok(
          Object.is(rows[c][k], clean[c][k]),
          `period ${rows.period[k]} MG${rows.microgrid[k]! + 1}: ${c}`,
        );
    }
    const model = run.ledgerModel!;
    assert.equal(model.name, name);
    checkLedger(model);
    const impacts = model.faultImpacts();
    assert.equal(impacts.length, kinds.flatMap(configFaults).length, "one impact row per fault");
    assert.ok(
      impacts.some((f) => f.affected > 0),
      "the faults touched some transaction",
    );
    if (kinds.includes("wasp-node-down") || kinds.includes("sequencer-down")) {
      // A stop keeps orders from their market: they are missed and settled with the main grid.
      const inWindow = (k: number) =>
        rows.period[k]! * 0.5 >= STOPPED.fromHour && rows.period[k]! * 0.5 < STOPPED.toHour;
      let missed = 0;
      for (let k = 0; k < rows.period.length; k++) if (inWindow(k)) missed += rows.missedOrders[k]!;
      assert.ok(missed > 0, "orders missed their market while stopped");
    }
  });

  const undeclared = declaredFaultKinds().filter((k) => !kinds.includes(k));
  if (undeclared.length === 0) continue;
  test(`${name}: a run of it alone refuses the fault kinds it does not declare (${undeclared.join(", ")})`, () => {
    for (const kind of undeclared) {
      assert.throws(
        () => runOn(name, configFaults(kind)),
        (e: unknown) => e instanceof InputError && /acts on/.test(e.message) && e.message.includes(kind),
        kind,
      );
    }
  });
}
