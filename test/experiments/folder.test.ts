// The sequence a user meets with one results folder: reproduce into it, run into it (refused), run
// --replace (the folder becomes the run's, nothing of the reproduction left), report (redrawn, the
// manifest updated), sweep into it (refused); into fresh folders each command works. After every
// step the folder holds exactly the files its manifest lists, with those hashes, and no temporary
// folder is left beside it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reproduce } from "../../experiments/run/reproduce.js";
import { run } from "../../experiments/cli/run.js";
import { sweep } from "../../experiments/cli/sweep.js";
import { report } from "../../experiments/cli/reproduce.js";
import { InputError } from "../../experiments/cli/errors.js";
import { sha256 } from "../../experiments/io/atomic.js";
import { listFiles, readManifest, type Manifest } from "../../experiments/io/folder.js";

const root = mkdtempSync(join(tmpdir(), "p2psim-folder-"));
const inputs = join(root, "inputs");
mkdirSync(inputs);
const out = join(root, "out");

function file(name: string, value: unknown): string {
  const path = join(inputs, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

const day = { source: "synthetic", days: 1 };
const paperConfig = file("paper.json", { name: "paper", seed: 7, profiles: day });
const runConfig = file("run.json", {
  name: "r",
  ledgers: ["ideal"],
  scenarios: ["grid", "all"],
  profiles: day,
});
const sweepConfig = file("sweep.json", {
  name: "s",
  base: { ledgers: ["ideal"], scenarios: ["grid"], profiles: day },
  vary: { seed: [1, 2] },
});

const quietRun = (dir: string, replace = false) =>
  run({ config: runConfig, out: dir, quiet: true, ...(replace ? { replace } : {}) });

/** The folder's files are exactly its manifest's, with its hashes; no temporary sibling remains. */
function assertConsistent(dir: string, command: string): Manifest {
  const manifest = readManifest(dir);
  assert.ok(manifest !== null, `${dir} has a manifest`);
  assert.equal(manifest.command, command);
  assert.deepEqual(listFiles(dir), Object.keys(manifest.files));
  for (const [name, hash] of Object.entries(manifest.files))
    assert.equal(sha256(readFileSync(join(dir, name))), hash, `${name}: hash`);
  assert.deepEqual(
    readdirSync(root).filter((name) => name.startsWith(".")),
    [],
    "no temporary folder left",
  );
  return manifest;
}

async function assertRefused(work: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.match(error.message, pattern);
    return true;
  });
}

const RUN_FILES = [
  "agents.arrow",
  "agents.parquet",
  ...["fig09", "fig11", "fig12", "fig13", "fig14"].flatMap((f) => [`${f}.png`, `${f}.svg`, `${f}.vl.json`]),
  "periods.arrow",
  "periods.parquet",
  "report.html",
  "summary.json",
  "trades.arrow",
  "trades.parquet",
  "transactions.arrow",
  "transactions.parquet",
];

test("reproduce, then run, run --replace, report and sweep into the same folder", async () => {
  await reproduce(out, {
    datasets: [{ id: "a", label: "dataset a", config: paperConfig }],
    seeds: 2,
    participants: [15, 150],
    map: false,
    jobs: 1,
  });
  const first = assertConsistent(out, "reproduce");
  assert.ok("a/report.html" in first.files && "a/scalability.svg" in first.files);
  const before = readFileSync(join(out, "manifest.json"), "utf8");

  // run into the reproduction's folder: refused before simulating, the folder untouched.
  await assertRefused(quietRun(out), /out: written by p2psim reproduce, not p2psim run; give --replace/);
  assert.equal(readFileSync(join(out, "manifest.json"), "utf8"), before);
  assertConsistent(out, "reproduce");

  // run --replace: exactly the run's files, nothing of the reproduction left.
  await quietRun(out, true);
  const ran = assertConsistent(out, "run");
  assert.deepEqual(Object.keys(ran.files), RUN_FILES);
  const html = readFileSync(join(out, "report.html"), "utf8");
  assert.match(
    html,
    /data-not-run="scalability">The scalability study: not run in this folder \(p2psim reproduce runs it\)/,
  );
  assert.match(html, /data-not-run="table1">Table I: not run in this folder/);

  // the same run again replaces the folder whole (same command, same config).
  await quietRun(out);
  assert.deepEqual(assertConsistent(out, "run").files, ran.files);

  // report: redraws and updates the manifest's hashes (the summary edited by hand here).
  const summaryPath = join(out, "summary.json");
  writeFileSync(summaryPath, readFileSync(summaryPath, "utf8").replace('"name": "r"', '"name": "renamed"'));
  await report({ dir: out });
  const redrawn = assertConsistent(out, "run");
  assert.match(readFileSync(join(out, "report.html"), "utf8"), /p2p-energy-sim: renamed/);
  assert.notEqual(redrawn.files["report.html"], ran.files["report.html"]);
  assert.equal(redrawn.configHash, ran.configHash);

  // sweep into the run's folder: refused, the folder untouched.
  await assertRefused(
    sweep({ "sweep.json": sweepConfig, out, quiet: true, jobs: 1 }),
    /out: written by p2psim run, not p2psim sweep/,
  );
  assert.deepEqual(assertConsistent(out, "run").files, redrawn.files);
});

test("into fresh folders run, sweep and report each work", async () => {
  const fresh = join(root, "fresh-run");
  await quietRun(fresh);
  assert.deepEqual(Object.keys(assertConsistent(fresh, "run").files), RUN_FILES);
  await report({ dir: fresh });
  assertConsistent(fresh, "run");
  const swept = join(root, "fresh-sweep");
  await sweep({ "sweep.json": sweepConfig, out: swept, quiet: true, jobs: 1 });
  const manifest = assertConsistent(swept, "sweep");
  assert.ok("cells/c00001/periods.arrow" in manifest.files && "periods.arrow" in manifest.files);
  assert.ok(Object.keys(manifest.inputs).some((p) => p.endsWith("sweep.json")));
  // report redraws a sweep's own report and keeps its manifest true.
  await report({ dir: swept });
  assertConsistent(swept, "sweep");
});

test("a folder of unknown files, a file in the way or an unwritable place is refused before simulating", async () => {
  const junk = join(root, "junk");
  mkdirSync(junk);
  writeFileSync(join(junk, "notes.txt"), "mine");
  await assertRefused(quietRun(junk), /junk: holds files but no manifest\.json \(not written by p2psim\)/);
  await assertRefused(report({ dir: junk }), /junk: no manifest\.json/);
  const inTheWay = join(root, "in-the-way");
  writeFileSync(inTheWay, "");
  await assertRefused(quietRun(inTheWay), /in-the-way: a file is in the way/);
  await assertRefused(quietRun(join(inTheWay, "below")), /below: cannot create the folder/);
  // A file added to a run's folder: its manifest no longer describes it.
  const changed = join(root, "changed");
  await quietRun(changed);
  writeFileSync(join(changed, "extra.csv"), "x");
  await assertRefused(
    quietRun(changed),
    /changed: written by p2psim run but changed since \(extra\.csv is not in its manifest\)/,
  );
  await quietRun(changed, true);
  assert.deepEqual(Object.keys(assertConsistent(changed, "run").files), RUN_FILES);
});

test("the manifest records provenance: the simulator, its dependencies, Node, the command line and the inputs", () => {
  const manifest = readManifest(join(root, "fresh-run"))!;
  const simulator = manifest.simulator as {
    name: string;
    version: string;
    gitCommit: string | null;
    dirty: unknown;
  };
  assert.equal(simulator.name, "p2p-energy-sim");
  assert.match(simulator.gitCommit ?? "", /^[0-9a-f]{40}$/);
  assert.equal(typeof simulator.dirty, "boolean");
  const dependencies = manifest.dependencies as Record<string, string>;
  assert.match(dependencies["apache-arrow"] ?? "", /^\d+\.\d+\.\d+/);
  assert.equal(manifest.node, process.version);
  assert.ok(Array.isArray(manifest.argv));
  assert.deepEqual(manifest.inputs, { [runConfig]: sha256(readFileSync(runConfig)) });
});

test("the compiled CLI refuses another command's folder with one line and exit code 2", () => {
  const bin = new URL("../../bin/p2psim.js", import.meta.url).pathname;
  const folder = join(root, "fresh-sweep");
  const r = spawnSync(process.execPath, [bin, "run", runConfig, "--out", folder, "--quiet"], {
    encoding: "utf8",
  });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(
    r.stderr,
    /fresh-sweep: written by p2psim sweep, not p2psim run; give --replace to replace it/,
  );
});
