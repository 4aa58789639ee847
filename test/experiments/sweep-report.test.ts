// A sweep's own summary.json (figures aggregated over seeds per group of the other parameters) and
// report.html: written when the sweep completes, byte-identical for any number of workers, and
// redrawn by `p2psim report <sweep-dir>`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSweep } from "../../experiments/sweep/cells.js";
import { runSweep } from "../../experiments/sweep/run-sweep.js";
import { readSweepSummary } from "../../experiments/sweep/summary.js";
import { writeSweepReport } from "../../experiments/report/sweep.js";
import { interval } from "../../experiments/run/interval.js";

// 2 values x 2 seeds, one day, instant ledger.
const SWEEP = {
  name: "tiny",
  base: { ledgers: ["ideal"], scenarios: ["grid", "all"], profiles: { source: "synthetic", days: 1 } },
  vary: { "profiles.agentsPerMicrogrid": [3, 6], seed: [1, 2] },
};

const root = mkdtempSync(join(tmpdir(), "p2psim-sweep-report-"));
const file = join(root, "sweep.json");
writeFileSync(file, JSON.stringify(SWEEP));
const sweep = loadSweep(file);
// manifest.json records the command line and paths, so it differs between the two folders.
const FILES = ["summary.json", "report.html", "sweep.vl.json", "sweep.svg", "sweep.png"];

test("a sweep's summary.json and report.html are byte-identical with --jobs 1 and 2", async () => {
  await runSweep(sweep, { out: join(root, "one"), jobs: 1 });
  await runSweep(sweep, { out: join(root, "two"), jobs: 2 });
  for (const name of FILES)
    assert.ok(readFileSync(join(root, "one", name)).equals(readFileSync(join(root, "two", name))), name);
});

test("the summary groups the cells by the non-seed parameter with intervals over the seeds", () => {
  const summary = readSweepSummary(join(root, "one"));
  assert.deepEqual(summary.parameters, ["profiles.agentsPerMicrogrid"]);
  assert.deepEqual(
    summary.groups.map((g) => [g.params, g.cells, g.seeds]),
    [
      [{ "profiles.agentsPerMicrogrid": 3 }, ["c00000", "c00001"], [1, 2]],
      [{ "profiles.agentsPerMicrogrid": 6 }, ["c00002", "c00003"], [1, 2]],
    ],
  );
  for (const [g, group] of summary.groups.entries()) {
    const cells = group.cells.map(
      (id) =>
        JSON.parse(readFileSync(join(root, "one", "cells", id, "summary.json"), "utf8")) as {
          headline: { producerBenefitPctGrid: number };
          scenarios: { scenario: string; mainGridKwh: number }[];
        },
    );
    assert.deepEqual(
      group.figures.producerBenefitPctGrid,
      interval(cells.map((c) => c.headline.producerBenefitPctGrid)),
      `group ${g}: the interval of the cells' own figures`,
    );
    assert.deepEqual(
      group.mainGridKwh.grid,
      interval(cells.map((c) => c.scenarios.find((s) => s.scenario === "grid")!.mainGridKwh)),
    );
    assert.equal(group.figures.mainGridReductionAllVsGridPct.n, 2);
    assert.ok(group.totalBenefitGbp.all!.lo <= group.totalBenefitGbp.all!.hi);
  }
});

test("report.html shows every group and the chart; redrawing it gives the same bytes", async () => {
  const dir = join(root, "one");
  const html = readFileSync(join(dir, "report.html"), "utf8");
  assert.match(html, /<h1>Sweep tiny<\/h1>/);
  assert.match(html, /<svg/);
  const before = readFileSync(join(dir, "sweep.svg"));
  rmSync(join(dir, "report.html"));
  await writeSweepReport(dir);
  assert.equal(readFileSync(join(dir, "report.html"), "utf8"), html);
  assert.ok(readFileSync(join(dir, "sweep.svg")).equals(before));
});
