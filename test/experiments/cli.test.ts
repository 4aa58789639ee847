import { test } from "node:test";
import assert from "node:assert/strict";
import { p2psim, assertOneLineError } from "./cli-helpers.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

test("--help and --version exit 0", () => {
  const help = p2psim("--help");
  assert.equal(help.code, 0);
  assert.match(help.out, /p2psim run \[config\]/);
  const version = p2psim("--version");
  assert.equal(version.code, 0);
  assert.match(version.out.trim(), /^\d+\.\d+\.\d+$/);
});

test("unknown commands, unknown flags and missing arguments exit 2 with one line", () => {
  assertOneLineError(p2psim("frobnicate"), /Unknown command: frobnicate/);
  assertOneLineError(p2psim("validate", "x.json", "--bogus"), /Unknown argument: bogus/);
  assertOneLineError(p2psim("validate"), /Not enough non-option arguments/);
  assertOneLineError(p2psim("run"), /give a config file, or --profiles/);
});

test("a bad config exits 2 naming the file and the field", () => {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-cli-"));
  const file = join(dir, "bad.json");
  writeFileSync(file, JSON.stringify({ market: { theta: "two" } }));
  assertOneLineError(p2psim("validate", file), /bad\.json: field "market\.theta"/);
  writeFileSync(file, "{ not json");
  assertOneLineError(p2psim("run", file), /bad\.json: not valid JSON/);
  assertOneLineError(p2psim("run", join(dir, "missing.json")), /missing\.json: cannot read the file/);
});

test("the paper preset with 4 microgrids exits 2 with one line naming the field and the uniform preset", () => {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-cli-"));
  const file = join(dir, "four.json");
  writeFileSync(file, JSON.stringify({ profiles: { source: "synthetic", preset: "paper", microgrids: 4 } }));
  assertOneLineError(
    p2psim("run", file, "--out", join(dir, "out")),
    /four\.json: field "profiles\.microgrids": the paper preset has 3 microgrids, got 4; use "preset": "uniform"/,
  );
});

test("an unknown market.interMicrogrid exits 2 with one line listing the known processes", () => {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-cli-"));
  const file = join(dir, "level2.json");
  writeFileSync(file, JSON.stringify({ market: { interMicrogrid: "sealed-bid" } }));
  const pattern =
    /level2\.json: field "market\.interMicrogrid".*unknown inter-microgrid process "sealed-bid" \(known: iterated, one-shot\)/;
  assertOneLineError(p2psim("run", file), pattern);
  assertOneLineError(p2psim("validate", file), pattern);
});

test("validate prints the resolved config with defaults filled in", () => {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-cli-"));
  const file = join(dir, "ok.json");
  writeFileSync(file, JSON.stringify({ seed: 5 }));
  const r = p2psim("validate", file);
  assert.equal(r.code, 0, r.err);
  const resolved = JSON.parse(r.out) as { seed: number; limits: { pgb: number } };
  assert.equal(resolved.seed, 5);
  assert.equal(resolved.limits.pgb, 18.9);
});
