// The package as a user gets it: `npm pack`, the tarball installed into an empty folder, then a
// plain Node ESM script that imports "p2p-energy-sim", the installed `p2psim` command and the
// exports map. Needs dist/ (`make setup` builds it; `make unit` depends on it).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund"];
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

// The consumer's commands run without the test's loader (tsx): what a user has is plain node.
const { NODE_OPTIONS: _, ...ENV } = process.env;

let dir = "";
let app = "";
let packed: { filename: string; files: { path: string }[] };

function run(command: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: ENV, encoding: "utf8", timeout });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.status, 0, `${what} failed (${String(r.error ?? r.signal ?? r.status)}):\n${r.stderr}`);
  return r.stdout;
}

before(() => {
  for (const built of ["dist/sim/index.js", "dist/experiments/cli/main.js"])
    assert.ok(existsSync(join(ROOT, built)), `${built} is missing: run make setup (or npm run build)`);
  dir = mkdtempSync(join(tmpdir(), "p2psim-pack-"));
  // dist/ is fresh (make builds it before the tests), so skip prepack's second build.
  const out = ok(
    run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir, ...NPM_FLAGS], ROOT),
    "npm pack",
  );
  packed = (JSON.parse(out) as (typeof packed)[])[0]!;
  app = join(dir, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  ok(run("npm", ["install", ...NPM_FLAGS, join(dir, packed.filename)], app), "npm install of the tarball");
  copyFileSync(fileURLToPath(new URL("./consumer.mjs", import.meta.url)), join(app, "consumer.mjs"));
});

after(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

test("the tarball ships the compiled code and its data, not the TypeScript sources or tests", () => {
  const paths = packed.files.map((f) => f.path);
  for (const needed of [
    "package.json",
    "README.md",
    "LICENSE",
    "CITATION.cff",
    "bin/p2psim.js",
    "dist/sim/index.js",
    "dist/sim/index.d.ts",
    "dist/sim/ledger/ethereum-gas.json",
    "dist/experiments/cli/main.js",
    "dist/experiments/paper/paper.json",
    "dist/experiments/report/fonts/DejaVuSans.ttf",
  ])
    assert.ok(paths.includes(needed), `${needed} is not in the tarball`);
  const stray = paths.filter(
    (p) =>
      !(p.startsWith("dist/") || p.startsWith("bin/")) &&
      !["package.json", "README.md", "LICENSE", "CITATION.cff"].includes(p),
  );
  assert.deepEqual(stray, []);
  assert.deepEqual(
    paths.filter((p) => p.endsWith(".ts") && !p.endsWith(".d.ts")),
    [],
  );
});

test("a plain Node ESM script imports the package and runs the paper's model for one day", () => {
  // consumer.mjs asserts the tables (rows, prices, energy balance); here, what it reports back.
  const out = ok(run(process.execPath, ["consumer.mjs"], app), "consumer.mjs");
  const seen = JSON.parse(out) as {
    periodRows: number;
    tradeRows: number;
    events: number;
    finitePrices: number;
  };
  assert.equal(seen.periodRows, 48 * 3);
  assert.equal(seen.events, 48);
  assert.ok(seen.tradeRows > 0);
  assert.ok(seen.finitePrices > 0);
});

test("the installed p2psim runs under plain node, without tsx", () => {
  assert.ok(!existsSync(join(app, "node_modules", "tsx")), "tsx was installed as a dependency");
  const bin = join(app, "node_modules", ".bin", "p2psim");
  // Not a benchmark (speed is measured, not asserted), only a bound for a sane start-up.
  const help = run(bin, ["--help"], app, 30_000);
  assert.match(ok(help, "p2psim --help"), /p2psim run \[config\]/);
  assert.equal(ok(run(bin, ["--version"], app), "p2psim --version").trim(), VERSION);
  const bad = run(bin, ["frobnicate"], app);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split("\n").length, 1, bad.stderr);
});

test("exports refuse deep imports of internal modules", () => {
  const deep = run(
    process.execPath,
    ["--input-type=module", "-e", 'await import("p2p-energy-sim/dist/sim/kernel/index.js")'],
    app,
  );
  assert.notEqual(deep.status, 0);
  assert.match(deep.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
  const pkg = run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      'import { createRequire } from "node:module"; process.stdout.write(createRequire(import.meta.url)("p2p-energy-sim/package.json").version)',
    ],
    app,
  );
  assert.equal(ok(pkg, "p2p-energy-sim/package.json"), VERSION);
});
