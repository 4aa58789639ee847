import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { loadSweep } from "../../experiments/sweep/cells.js";
import { runSweep } from "../../experiments/sweep/run-sweep.js";
import { mergeSweep, TABLES } from "../../experiments/sweep/merge.js";
import { parquetName } from "../../experiments/io/arrow.js";
import { assertSameTable } from "./second-reader.js";

// One day, two scenarios, instant ledger: small enough for a test, large enough to trade.
const SWEEP = {
  name: "t",
  base: { ledgers: ["ideal"], scenarios: ["grid", "all"], profiles: { source: "synthetic", days: 1 } },
  vary: { seed: [1, 2, 3] },
};

function sweepFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-sweep-"));
  const file = join(dir, "sweep.json");
  writeFileSync(file, JSON.stringify(SWEEP));
  return file;
}

function bytes(dir: string): Record<string, string> {
  const files = TABLES.flatMap((t) => [t, parquetName(t)]);
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));
}

const file = sweepFile();
const sweep = loadSweep(file);
const root = mkdtempSync(join(tmpdir(), "p2psim-out-"));

test("a sweep gives byte-identical tables with 1 and 2 workers and with 3 shards merged", async () => {
  await runSweep(sweep, { out: join(root, "one"), jobs: 1 });
  await runSweep(sweep, { out: join(root, "two"), jobs: 2 });
  for (let k = 1; k <= 3; k++)
    await runSweep(sweep, { out: join(root, `shard${k}`), jobs: 1, shard: { k, n: 3 } });
  mergeSweep(
    [1, 2, 3].map((k) => join(root, `shard${k}`)),
    join(root, "merged"),
  );
  const one = bytes(join(root, "one"));
  assert.deepEqual(bytes(join(root, "two")), one);
  assert.deepEqual(bytes(join(root, "merged")), one);
});

test("an interrupted sweep resumes: finished cells are skipped and the result is unchanged", async () => {
  const out = join(root, "resume");
  await runSweep(sweep, { out, jobs: 1 });
  const before = bytes(out);
  rmSync(join(out, "cells", "c00001"), { recursive: true });
  for (const t of TABLES) for (const f of [t, parquetName(t)]) rmSync(join(out, f));
  const outcome = await runSweep(sweep, { out, jobs: 1 });
  assert.deepEqual(
    { ran: outcome.ran, skipped: outcome.skipped, merged: outcome.merged },
    { ran: 1, skipped: 2, merged: true },
  );
  assert.deepEqual(bytes(out), before);
});

test("merging refuses an incomplete sweep and names the missing cell", () => {
  assert.throws(
    () => mergeSweep([join(root, "shard1")], join(root, "bad")),
    /cell c00001 \{"seed":2\} is missing/,
  );
});

test("merged tables carry the cell and its varied fields, in cell order", () => {
  const table = tableFromIPC(readFileSync(join(root, "one", "periods.arrow")));
  const cells = table.getChild("cell")!.toArray() as string[];
  const seeds = table.getChild("seed")!.toArray() as Float64Array;
  assert.deepEqual([...new Set(cells)], ["c00000", "c00001", "c00002"]);
  assert.deepEqual([...new Set(seeds)], [1, 2, 3]);
  assert.equal(table.numRows, 3 * 2 * 48 * 3); // seeds x scenarios x periods x microgrids
});

test("DuckDB reads the merged Parquet tables with the values of the Arrow tables", async () => {
  for (const t of TABLES) {
    const { rows } = await assertSameTable(join(root, "one", t));
    // The instant ledger sends no transactions.
    assert.ok(rows > 0 || t === "transactions.arrow", t);
  }
});

test("no temporary files are left behind", () => {
  const leftovers = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.includes(".tmp-"));
  assert.deepEqual(leftovers(root), []);
  assert.ok(existsSync(join(root, "one", "cells", "c00000", "manifest.json")));
});
