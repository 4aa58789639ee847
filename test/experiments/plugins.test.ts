// A config names plugin modules (`plugins`); the CLI imports them before reading the config, in
// the main process and in every sweep worker thread, so a user's bidder runs by name everywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = new URL("../../bin/p2psim.js", import.meta.url).pathname;
const PACKAGE = new URL("../../dist/sim/index.js", import.meta.url).href;

function p2psim(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A folder with a plugin module registering the bidder "truthful" and a config that names it. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-plugins-"));
  writeFileSync(
    join(dir, "truthful.mjs"),
    `import { bidders, submitPrice } from ${JSON.stringify(PACKAGE)};
bidders.register({
  name: "truthful",
  description: "bids its limit",
  create: (setup) => ({
    open() {},
    learn() {},
    price: (i) => submitPrice(setup.members.limit[i], { c: setup.members.c[i], l: setup.members.l[i] }, setup.limits),
  }),
});
`,
  );
  const config = {
    name: "truthful",
    plugins: ["./truthful.mjs"],
    market: { bidder: "truthful" },
    profiles: { source: "synthetic", days: 1 },
    scenarios: ["all"],
    ledgers: ["ideal"],
  };
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  writeFileSync(
    join(dir, "sweep.json"),
    JSON.stringify({ name: "truthful-sweep", base: "config.json", vary: { seed: [1, 2, 3] } }),
  );
  return dir;
}

test("p2psim run imports the config's plugin modules, so the config can name their bidder", () => {
  const dir = project();
  const r = p2psim("run", join(dir, "config.json"), "--out", join(dir, "out"), "--quiet");
  assert.equal(r.code, 0, r.err);
  const manifest = JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8")) as {
    config: { market: { bidder: string } };
  };
  assert.equal(manifest.config.market.bidder, "truthful");
});

test("every sweep worker thread imports them too", () => {
  const dir = project();
  const r = p2psim("sweep", join(dir, "sweep.json"), "--jobs", "2", "--out", join(dir, "sweep"), "--quiet");
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(dir, "sweep", "periods.arrow")), "the sweep merged its cells");
  for (const cell of ["c00000", "c00001", "c00002"])
    assert.ok(existsSync(join(dir, "sweep", "cells", cell, "manifest.json")), `cell ${cell} finished`);
});

test("a plugin module that cannot be loaded, and a bidder nobody registered, exit 2 with one line", () => {
  const dir = project();
  writeFileSync(join(dir, "missing.json"), JSON.stringify({ plugins: ["./nope.mjs"] }));
  const missing = p2psim("validate", join(dir, "missing.json"));
  assert.equal(missing.code, 2);
  assert.match(
    missing.err.trim(),
    /^p2psim: \S+missing\.json: plugins\[0\]: cannot load "\.\/nope\.mjs": Cannot find/,
  );
  assert.equal(missing.err.trim().split("\n").length, 1);
  writeFileSync(join(dir, "unknown.json"), JSON.stringify({ market: { bidder: "truthful" } }));
  const unknown = p2psim("validate", join(dir, "unknown.json"));
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown bidder "truthful" \(known: aa, zic, zip\)/);
});
