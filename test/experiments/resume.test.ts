// Resume trusts nothing it cannot check: a cell whose files were deleted or truncated, or that an
// earlier version of the simulator wrote, is run again (and said so); temporary files an
// interrupted write left behind are removed; the result equals an uninterrupted sweep's bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSweep } from "../../experiments/sweep/cells.js";
import { runSweep } from "../../experiments/sweep/run-sweep.js";
import { TABLES } from "../../experiments/sweep/merge.js";
import { parquetName } from "../../experiments/io/arrow.js";

const SWEEP = {
  name: "r",
  base: { ledgers: ["ideal"], scenarios: ["grid"], profiles: { source: "synthetic", days: 1 } },
  vary: { seed: [1, 2] },
};

const root = mkdtempSync(join(tmpdir(), "p2psim-resume-"));
const file = join(root, "sweep.json");
writeFileSync(file, JSON.stringify(SWEEP));
const sweep = loadSweep(file);

function tableBytes(dir: string): Record<string, string> {
  const files = TABLES.flatMap((t) => [t, parquetName(t)]);
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));
}

/** A finished sweep in a fresh folder, and its tables' bytes. */
async function finished(name: string) {
  const out = join(root, name);
  await runSweep(sweep, { out, jobs: 1 });
  return { out, bytes: tableBytes(out) };
}

async function resume(out: string) {
  const notes: string[] = [];
  const outcome = await runSweep(sweep, { out, jobs: 1, onNote: (line) => notes.push(line) });
  return { outcome, notes };
}

const noTemps = (dir: string): boolean =>
  readdirSync(dir, { recursive: true }).every((name) => !String(name).includes(".tmp-"));

test("a cell whose table was deleted is run again, with a note naming the file", async () => {
  const { out, bytes } = await finished("deleted");
  rmSync(join(out, "cells", "c00001", "periods.arrow"));
  const { outcome, notes } = await resume(out);
  assert.equal(outcome.ran, 1);
  assert.deepEqual(notes, ["cell c00001: run again (periods.arrow is missing)"]);
  assert.deepEqual(tableBytes(out), bytes);
});

test("a cell whose table was truncated is run again", async () => {
  const { out, bytes } = await finished("truncated");
  truncateSync(join(out, "cells", "c00000", "trades.arrow"), 100);
  const { outcome, notes } = await resume(out);
  assert.equal(outcome.ran, 1);
  assert.match(notes[0] ?? "", /cell c00000: run again \(trades\.arrow does not match its hash\)/);
  assert.deepEqual(tableBytes(out), bytes);
});

test("a cell written by another version of the simulator is run again", async () => {
  const { out, bytes } = await finished("version");
  const path = join(out, "cells", "c00000", "manifest.json");
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { simulator: { version: string } };
  manifest.simulator.version = "0.0.0-old";
  writeFileSync(path, JSON.stringify(manifest));
  const { outcome, notes } = await resume(out);
  assert.equal(outcome.ran, 1);
  assert.match(notes[0] ?? "", /another version of the simulator/);
  assert.deepEqual(tableBytes(out), bytes);
});

test("a merge killed mid-write (a final table beside a temp file) completes byte-identical, no temp left", async () => {
  const { out, bytes } = await finished("killed");
  // What a kill during the merge leaves: a temporary file, and a table missing its partner.
  writeFileSync(join(out, ".periods.arrow.tmp-123-0-1"), "partial");
  rmSync(join(out, "trades.arrow"));
  writeFileSync(join(out, "cells", "c00001", ".agents.arrow.tmp-9-0-1"), "partial");
  const { outcome } = await resume(out);
  assert.equal(outcome.merged, true);
  assert.equal(outcome.ran, 0);
  assert.ok(noTemps(out), "no temporary file left");
  assert.ok(existsSync(join(out, "trades.arrow")));
  assert.deepEqual(tableBytes(out), bytes);
});
