// make scale's row and ledger list: the Arrow columns come from the one declaration, figures a cell
// lacks are null, and the sweep takes its ledgers from the registry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { tableFromIPC } from "apache-arrow";
import { ledgerNames } from "../../sim/index.js";
import { arrowFileBytes, tableOf } from "../../experiments/io/arrow.js";
import { parseScaleRow, SCALE_COLUMNS, scaleColumns, type ScaleRow } from "../../experiments/scale/row.js";

const row: ScaleRow = {
  ledger: "iota",
  batteryShare: 0,
  microgrids: 3,
  agentsPerMicrogrid: 5,
  agents: 15,
  periods: 48,
  wallS: 2,
  peakRssMb: 120,
  events: 4000,
  transactions: 1500,
  txLatencyMeanS: 12,
  txLatencyP95S: 16,
  costPerBidUsd: 3e-7,
  feesUsd: 0.5,
  missedOrders: 0,
  missedWh: 0,
  matchedLocalWh: 1000,
};

test("the scale table has the declared columns; an ideal cell's ledger figures are null", () => {
  const ideal = parseScaleRow(
    JSON.stringify({ ...row, ledger: "ideal", transactions: 0, txLatencyMeanS: NaN, feesUsd: NaN }),
  );
  const table = tableFromIPC(arrowFileBytes(tableOf(scaleColumns([row, ideal]))));
  assert.deepEqual(
    table.schema.fields.map((f) => f.name),
    SCALE_COLUMNS.map((c) => c.name),
  );
  const iota = table.get(0)!.toJSON();
  assert.equal(iota.cost_per_kwh_usd, 0.5);
  assert.equal(iota.events_per_s, 2000);
  const none = table.get(1)!.toJSON();
  assert.equal(none.fees_usd, null);
  assert.equal(none.cost_per_kwh_usd, null);
  assert.equal(none.tx_latency_mean_s, null);
});

test("a cell kept from before a column existed reads null there", () => {
  const { feesUsd: _dropped, ...old } = row;
  const table = tableFromIPC(arrowFileBytes(tableOf(scaleColumns([parseScaleRow(JSON.stringify(old))]))));
  assert.equal(table.get(0)!.toJSON().fees_usd, null);
});

test("make scale names every registered ledger and exits 2 on an unknown one", () => {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "experiments/scale/run.ts", "--ledgers", "ideal,no-such-ledger"],
    { encoding: "utf8" },
  );
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /unknown no-such-ledger/);
  for (const name of ledgerNames()) assert.ok(lines[0]!.includes(name), name);
});
