import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reproduce } from "../../experiments/run/reproduce.js";

// The paper's setup shortened to one day, with a small scalability study: every artifact of
// `make reproduce` must appear and the summary must hold our figures beside the paper's.
test("reproduce writes every artifact and a summary with the paper's figures and claims", async () => {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-repro-"));
  const config = join(dir, "paper-1day.json");
  writeFileSync(config, JSON.stringify({ name: "paper-1day", profiles: { source: "synthetic", days: 1 } }));
  const out = join(dir, "out");
  await reproduce(out, config, [15, 150]);
  for (const stem of ["fig09", "fig11", "fig12", "fig13", "fig14", "table1", "scalability"]) {
    for (const ext of [".vl.json", ".svg", ".png"])
      assert.ok(existsSync(join(out, stem + ext)), `${stem}${ext}`);
  }
  for (const f of [
    "periods.arrow",
    "trades.arrow",
    "agents.arrow",
    "transactions.arrow",
    "summary.json",
    "manifest.json",
    "report.html",
  ]) {
    assert.ok(existsSync(join(out, f)), f);
  }
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as {
    paper: { producerBenefitPctGrid: number };
    headline: { producerBenefitPctGrid: number };
    claims: { id: string; holds: boolean }[];
    ledgers: { ledger: string; txLatencyMeanS: number }[];
  };
  assert.equal(summary.paper.producerBenefitPctGrid, 166.41);
  assert.ok(Number.isFinite(summary.headline.producerBenefitPctGrid));
  const ids = summary.claims.map((c) => c.id);
  for (const id of [
    "producers-over-consumers",
    "all-highest-total-benefit",
    "all-least-main-grid",
    "paired-with-mg2",
    "iota-flat-ethereum-rising",
  ]) {
    assert.ok(ids.includes(id), `claim ${id}`);
  }
  assert.ok(summary.claims.every((c) => typeof c.holds === "boolean"));
  assert.deepEqual(
    summary.ledgers.map((l) => l.ledger),
    ["iota", "ethereum"],
  );
});
