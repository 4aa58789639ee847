// Beyond the paper: batteries and EVs on the paper's microgrids, as reproduce runs them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { compile } from "vega-lite";
import { devicePolicies } from "../../sim/devices/index.js";
import {
  BEYOND_SHARES,
  BEYOND_SIZES_KWH,
  beyondRows,
  beyondSpec,
  writeBeyond,
} from "../../experiments/run/beyond.js";
import { PAPER_DATASETS } from "../../experiments/run/reproduce.js";
import { BEYOND } from "../../experiments/readings/schema.js";

const synthetic = PAPER_DATASETS.filter((d) => d.id === "synthetic");
const rows = beyondRows(synthetic);

test("every setting has a row without devices and one per registered policy", () => {
  const policies = ["none", ...devicePolicies.names()].sort();
  const settings = new Map<string, string[]>();
  for (const r of rows) {
    const key = `${r.part} ${r.scenario} ${r.batteryShare} ${r.batteryKwh}`;
    settings.set(key, [...(settings.get(key) ?? []), r.policy]);
  }
  // devices part: grid and all; sweep: every share and size, scenario all.
  assert.equal(settings.size, 2 + BEYOND_SHARES.length * BEYOND_SIZES_KWH.length);
  for (const [key, got] of settings) assert.deepEqual([...got].sort(), policies, key);
});

test("without batteries every policy gives the run without devices", () => {
  const none = rows.filter((r) => r.part === "sweep" && r.batteryShare === 0);
  const base = none.find((r) => r.policy === "none")!;
  for (const r of none) {
    assert.equal(r.mainGridKwh, base.mainGridKwh, r.policy);
    assert.equal(r.lossesKwh, 0, r.policy);
  }
});

test("batteries lose energy in conversion, and more batteries lose more under self-consumption", () => {
  const losses = (share: number) =>
    rows.find(
      (r) =>
        r.part === "sweep" &&
        r.policy === "self-consumption" &&
        r.batteryShare === share &&
        r.batteryKwh === BEYOND_SIZES_KWH[1],
    )!.lossesKwh;
  assert.ok(losses(0.25) > 0);
  assert.ok(losses(1) > losses(0.25));
});

test("beyond.arrow has the declared schema and the chart compiles", async () => {
  const dir = mkdtempSync(join(tmpdir(), "beyond-"));
  const svg = await writeBeyond(dir, rows);
  assert.match(svg, /^<svg/);
  const table = tableFromIPC(readFileSync(join(dir, BEYOND.file)));
  assert.deepEqual(
    table.schema.fields.map((f) => f.name),
    BEYOND.columns.map((c) => c.name),
  );
  assert.equal(table.numRows, rows.length);
  assert.doesNotThrow(() => compile(beyondSpec(rows)));
});
