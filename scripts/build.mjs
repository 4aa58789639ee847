#!/usr/bin/env node
// Builds dist/ from scratch: compiles sim/ and experiments/ (tsconfig.build.json), then copies
// beside the compiled code the files it reads at run time. Run by `npm run build`, by `npm pack`
// (prepack) and by `make setup` when a source changed.
import { spawnSync } from "node:child_process";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");

// Read relative to import.meta.url by the compiled code (sim/ledger/ethereum-gas.json is a JSON
// import, which tsc copies itself); schema.json is exported for editors of config files.
const ASSETS = [
  "experiments/paper",
  "experiments/data",
  "experiments/report/fonts",
  "experiments/schema.json",
];

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (compiled.status !== 0) {
  rmSync(DIST, { recursive: true, force: true });
  process.exit(compiled.status ?? 1);
}
for (const asset of ASSETS) cpSync(join(ROOT, asset), join(DIST, asset), { recursive: true });

// The commit the build was made from, for the manifests of the folders the compiled CLI writes
// (experiments/io/provenance.ts): null when built outside a git checkout (e.g. from a tarball).
function git(args) {
  const r = spawnSync("git", ["-C", ROOT, ...args], { encoding: "utf8" });
  return r.status === 0 ? r.stdout : null;
}
const gitCommit = git(["rev-parse", "HEAD"])?.trim() ?? null;
const status = gitCommit === null ? null : git(["status", "--porcelain"]);
const dirty = status === null ? null : status.trim() !== "";
writeFileSync(join(DIST, "build-info.json"), `${JSON.stringify({ gitCommit, dirty }, null, 2)}\n`);
