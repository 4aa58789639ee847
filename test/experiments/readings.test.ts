import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseRunConfig } from "../../experiments/config/load.js";
import { readJsonFile } from "../../experiments/io/json.js";
import { applyReading, DIMENSIONS } from "../../experiments/readings/dimensions.js";
import { fidelityMarkdown, mainEffects } from "../../experiments/readings/fidelity.js";
import { runMap } from "../../experiments/readings/map.js";
import { writeReadings } from "../../experiments/readings/write.js";
import { READINGS } from "../../experiments/readings/schema.js";
import { assertSameTable } from "./second-reader.js";
import { PAPER_DATASETS } from "../../experiments/run/reproduce.js";

test("the paper configs are the default reading: every dimension's first value changes nothing", () => {
  const first = Object.fromEntries(DIMENSIONS.map((d) => [d.name, d.values[0]!.id]));
  for (const d of PAPER_DATASETS) {
    const raw = readJsonFile(d.config);
    assert.deepEqual(
      parseRunConfig(applyReading(raw as Record<string, unknown>, first), d.config),
      parseRunConfig(raw, d.config),
      d.id,
    );
  }
});

test("each reading changes only the fields of its dimension", () => {
  const raw = readJsonFile(PAPER_DATASETS[0]!.config) as Record<string, unknown>;
  const base = parseRunConfig(raw, "paper");
  const changed = (dim: string, id: string): string[] => {
    const other = parseRunConfig(applyReading(raw, { [dim]: id }), "paper");
    const diff: string[] = [];
    const walk = (a: unknown, b: unknown, path: string): void => {
      if (a !== null && typeof a === "object" && b !== null && typeof b === "object") {
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
          walk(
            (a as Record<string, unknown>)[k],
            (b as Record<string, unknown>)[k],
            path ? `${path}.${k}` : k,
          );
      } else if (JSON.stringify(a) !== JSON.stringify(b)) diff.push(path);
    };
    walk(base, other, "");
    return diff;
  };
  assert.deepEqual(changed("limits", "uniform"), ["market.limitPrices"]);
  assert.deepEqual(changed("level2", "one-shot"), ["market.interMicrogrid"]);
  assert.deepEqual(changed("equations", "as-printed"), ["market.equations"]);
  assert.deepEqual(changed("learning", "as-printed"), ["market.learning.rule"]);
  assert.deepEqual(changed("fallback", "as-printed"), ["market.fallback"]);
  assert.deepEqual(changed("shift", "MG3-load"), ["profiles.shiftSeries"]);
  assert.deepEqual(changed("shift", "MG1-pv").sort(), ["profiles.shiftHours.MG1", "profiles.shiftHours.MG3"]);
});

/** A one-day synthetic dataset, so that a map runs in seconds. */
function tinyDataset() {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-map-"));
  const config = join(dir, "day.json");
  writeFileSync(
    config,
    JSON.stringify({ seed: 3, profiles: { source: "synthetic", days: 1 }, ledgers: ["ideal"] }),
  );
  return { dir, dataset: { id: "day", label: "one day", config } };
}

const CHOICES = {
  shift: ["MG3-pv", "none"],
  limits: ["grid"],
  equations: ["corrected"],
  learning: ["as-described"],
  fallback: ["as-described"],
};

test("the readings map writes the same bytes with one worker or two", async () => {
  const { dir, dataset } = tinyDataset();
  const bytes = async (jobs: number) => {
    const map = await runMap({ datasets: [dataset], choices: CHOICES, seeds: 2, jobs });
    const out = join(dir, `out-${jobs}`);
    await writeReadings(out, map);
    if (jobs === 1) await assertSameTable(join(out, READINGS.file), READINGS);
    return ["readings.arrow", "readings.parquet", "readings.json"].map((f) =>
      readFileSync(join(out, f)).toString("base64"),
    );
  };
  assert.deepEqual(await bytes(1), await bytes(2));
});

test("the map ranks every reading with every averaging and basis, and the fidelity doc names the closest", async () => {
  const { dataset } = tinyDataset();
  const map = await runMap({ datasets: [dataset], choices: CHOICES, seeds: 2, jobs: 1 });
  // 2 shifts x 2 level-2 processes x 8 averaging/basis pairs.
  assert.equal(map.ranked.length, 2 * 2 * 8);
  assert.equal(map.runs, 2 * 2 * 2);
  assert.deepEqual(
    map.ranked.map((r) => r.rank),
    map.ranked.map((_, i) => i + 1),
  );
  for (let i = 1; i < map.ranked.length; i++)
    assert.ok(!(map.ranked[i]!.distance < map.ranked[i - 1]!.distance), "ranked by distance");
  const doc = fidelityMarkdown(map, { data: "day", shift: "MG3-pv" }, "test");
  assert.match(doc, new RegExp(`closest overall \\(${map.ranked[0]!.id.replace(/\|/g, "\\|")}\\)`));
  assert.match(doc, /Closest reading: /);
  // The shift moves the main-grid reduction: the main effects list it with both values.
  const shift = mainEffects(map, "mainGridReductionAllVsGridPct").find((e) => e.dimension === "shift");
  assert.deepEqual(shift?.means.map((m) => m.value).sort(), ["MG3-pv", "none"]);
});
