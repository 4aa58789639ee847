import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parseRunConfig } from "../../experiments/config/load.js";
import { writeResults } from "../../experiments/io/results.js";
import { ledgerFigures } from "../../experiments/run/report-data.js";
import { simulate } from "../../experiments/run/simulate.js";

// Two days on both ledgers with a committee fault: enough transactions for the log to retire rows.
function run(transactions: boolean) {
  const config = parseRunConfig(
    {
      ledgers: ["iota", "ethereum"],
      scenarios: ["grid"],
      profiles: { source: "synthetic", days: 2 },
      faults: [{ kind: "wasp-node-down", microgrid: "MG1", node: 0, fromHour: 10, toHour: 14 }],
      outputs: { transactions },
    },
    "outputs-test",
  );
  return simulate(config, ".");
}

const all = run(true);
const kept = run(false);

test("outputs.transactions false changes no market outcome", () => {
  kept.runs.forEach((r, i) => {
    assert.ok(r.ledgerModel!.log.base > 0, `${r.ledger}: no row retired`);
    assert.deepEqual(r.recorder.periods, all.runs[i]!.recorder.periods);
    assert.deepEqual(r.ledgerModel!.faultImpacts(), all.runs[i]!.ledgerModel!.faultImpacts());
  });
});

test("outputs.transactions false gives the same ledger figures, percentiles within 0.1 %", () => {
  kept.runs.forEach((r, i) => {
    const { txLatencyP50S, txLatencyP95S, ...exact } = ledgerFigures(all.runs[i]!.ledgerModel!);
    const got = ledgerFigures(r.ledgerModel!);
    assert.deepEqual(
      { ...got, txLatencyP50S: 0, txLatencyP95S: 0 },
      { ...exact, txLatencyP50S: 0, txLatencyP95S: 0 },
    );
    for (const [a, b] of [
      [got.txLatencyP50S, txLatencyP50S],
      [got.txLatencyP95S, txLatencyP95S],
    ] as const) {
      assert.ok(a <= b && a >= b * (1 - 1 / 1024), `${r.ledger}: ${a} vs ${b}`);
    }
  });
});

test("outputs.transactions false writes an empty transactions table", () => {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-outputs-"));
  writeResults(dir, kept, {});
  assert.equal(tableFromIPC(readFileSync(join(dir, "transactions.arrow"))).numRows, 0);
  assert.ok(tableFromIPC(readFileSync(join(dir, "periods.arrow"))).numRows > 0);
});
