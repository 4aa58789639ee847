import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { reproduce, type Overview } from "../../experiments/run/reproduce.js";
import { REPLICATES } from "../../experiments/readings/schema.js";
import { assertSameTable } from "./second-reader.js";

// The paper's setup shortened to one day, on two "datasets" (two seeds' synthetic weeks stand in
// for the two data sources), three replications each, a small scalability study and no map.
async function smallReproduction() {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-repro-"));
  const configs = ["a", "b"].map((id, i) => {
    const path = join(dir, `paper-${id}.json`);
    writeFileSync(
      path,
      JSON.stringify({ name: `paper-${id}`, seed: 7 + 100 * i, profiles: { source: "synthetic", days: 1 } }),
    );
    return { id, label: `dataset ${id}`, config: path };
  });
  const out = join(dir, "out");
  const result = await reproduce(out, {
    datasets: configs,
    seeds: 3,
    participants: [15, 150],
    map: false,
    jobs: 1,
  });
  return { out, result };
}

const small = smallReproduction();

test("reproduce writes a full run per dataset with every chart and table", async () => {
  const { out } = await small;
  for (const d of ["a", "b"]) {
    for (const stem of ["fig09", "fig11", "fig12", "fig13", "fig14", "table1", "scalability"])
      for (const ext of [".vl.json", ".svg", ".png"])
        assert.ok(existsSync(join(out, d, stem + ext)), `${d}/${stem}${ext}`);
    for (const f of [
      "periods.arrow",
      "trades.arrow",
      "agents.arrow",
      "transactions.arrow",
      "summary.json",
      "manifest.json",
      "report.html",
    ])
      assert.ok(existsSync(join(out, d, f)), `${d}/${f}`);
  }
});

test("the overview names each dataset and gives every headline figure as a seed interval beside the paper's", async () => {
  const { out } = await small;
  const overview = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Overview;
  assert.deepEqual(
    overview.datasets.map((d) => [d.dataset, d.label, d.seeds]),
    [
      ["a", "dataset a", [7, 8, 9]],
      ["b", "dataset b", [107, 108, 109]],
    ],
  );
  for (const d of overview.datasets) {
    assert.deepEqual(
      d.figures.map((f) => [f.figure, f.paper]),
      [
        ["producerBenefitPctGrid", 166.41],
        ["consumerBenefitPctGrid", 6.3],
        ["mainGridReductionAllVsGridPct", 20.6],
      ],
    );
    for (const f of d.figures) {
      assert.equal(f.values.length, 3);
      assert.ok(f.lo <= f.mean && f.mean <= f.hi, `${f.figure}: ${f.lo} <= ${f.mean} <= ${f.hi}`);
    }
  }
  const html = readFileSync(join(out, "report.html"), "utf8");
  assert.match(html, /dataset a/);
  assert.match(html, /dataset b/);
});

test("every claim has a kind, and each identity says why it holds by construction", async () => {
  const { out } = await small;
  const overview = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Overview;
  const summary = JSON.parse(readFileSync(join(out, "a", "summary.json"), "utf8")) as {
    claims: { id: string; kind: string; because?: string; seeds?: { held: number; of: number } }[];
  };
  for (const c of summary.claims) {
    assert.ok(c.kind === "identity" || c.kind === "empirical", c.id);
    if (c.kind === "identity") assert.ok((c.because ?? "").length > 20, `${c.id} says why`);
  }
  const shared = summary.claims.filter((c) => c.seeds !== undefined);
  assert.ok(shared.length >= 4);
  for (const c of overview.datasets[0]!.claims) assert.equal(c.of, 3);
});

test("replicates.arrow holds one row per dataset, seed and benefit reading", async () => {
  const { out } = await small;
  const table = tableFromIPC(readFileSync(join(out, "replicates.arrow")));
  assert.equal(table.numRows, 2 * 3 * 8);
  assert.deepEqual(
    table.schema.fields.map((f) => f.name),
    [
      "dataset",
      "seed",
      "averaging",
      "basis",
      "producer_benefit_pct",
      "consumer_benefit_pct",
      "main_grid_reduction_pct",
    ],
  );
});

test("replicates.parquet holds what replicates.arrow holds, read by DuckDB", async () => {
  const { out } = await small;
  const { rows } = await assertSameTable(join(out, "replicates.arrow"), REPLICATES);
  assert.equal(rows, 2 * 3 * 8);
});

test("the manifest is written last and lists every other file of the folder with its hash", async () => {
  const { out, result } = await small;
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
    files: Record<string, string>;
  };
  const listed = Object.keys(manifest.files);
  assert.deepEqual([...listed, "manifest.json"].sort(), [...result.files].sort());
  assert.ok(listed.includes("a/periods.arrow") && listed.includes("report.html"));
  for (const hash of Object.values(manifest.files)) assert.match(hash, /^[0-9a-f]{64}$/);
});
