import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRunConfig } from "../../experiments/config/load.js";
import { simulate } from "../../experiments/run/simulate.js";
import { summarizeRun } from "../../experiments/run/summary.js";

// MG2's Wasp committee (4 nodes) loses two nodes from 10:00 to 14:00: more than (n - 1) / 3, so
// its chain stops confirming. MG2's agents must then trade with the main grid only.
const config = parseRunConfig(
  {
    ledgers: ["iota"],
    scenarios: ["all"],
    profiles: { source: "synthetic", days: 1 },
    faults: [
      { kind: "wasp-node-down", microgrid: "MG2", node: 0, fromHour: 10, toHour: 14 },
      { kind: "wasp-node-down", microgrid: "MG2", node: 1, fromHour: 10, toHour: 14 },
    ],
  },
  "faults-test",
);
const result = simulate(config, ".");
const run = result.runs[0]!;
const rows = run.recorder.periods;
const HALF_HOUR = 0.5;

function rowsOf(mg: number, from: number, to: number): number[] {
  return Array.from(rows.period).flatMap((t, k) =>
    rows.microgrid[k] === mg && t * HALF_HOUR >= from && t * HALF_HOUR < to ? [k] : [],
  );
}

test("a chain without quorum keeps its microgrid out of every market: all its energy goes to the main grid", () => {
  const down = rowsOf(1, 10, 14);
  assert.equal(down.length, 8);
  for (const k of down) {
    const net = rows.pvWh[k]! - rows.loadWh[k]!;
    assert.equal(rows.matchedLocalWh[k], 0, `period ${rows.period[k]}: nothing matched inside MG2`);
    assert.equal(
      rows.peerImportWh[k]! + rows.peerExportWh[k]!,
      0,
      `period ${rows.period[k]}: no level-2 trade`,
    );
    assert.equal(
      rows.gridExportWh[k]! - rows.gridImportWh[k]!,
      net,
      `period ${rows.period[k]}: settled with the grid`,
    );
    assert.ok(rows.missedOrders[k]! > 0, `period ${rows.period[k]}: orders missed`);
  }
});

test("the other microgrids keep trading with each other during the fault", () => {
  const others = [...rowsOf(0, 10, 14), ...rowsOf(2, 10, 14)];
  assert.ok(others.every((k) => rows.missedOrders[k] === 0));
  assert.ok(others.some((k) => rows.peerImportWh[k]! + rows.peerExportWh[k]! > 0));
});

test("the run reports the periods and energy each fault affected", () => {
  const summary = summarizeRun(result, run);
  assert.equal(summary.faults.length, 2);
  const first = summary.faults[0]!;
  assert.deepEqual(first.microgrids, ["MG2"]);
  assert.equal(first.periods, 8);
  assert.equal(first.periodsWithMissedOrders, 8);
  const missed = rowsOf(1, 10, 14).reduce((s, k) => s + rows.missedWh[k]!, 0);
  assert.ok(Math.abs(first.missedKwh - missed / 1000) < 1e-9);
  assert.ok(first.missedKwh > 0);
});

test("after recovery MG2 trades again", () => {
  const after = rowsOf(1, 16, 24);
  assert.ok(after.some((k) => rows.matchedLocalWh[k]! > 0 || rows.peerImportWh[k]! > 0));
  assert.ok(after.every((k) => rows.missedOrders[k] === 0));
});
