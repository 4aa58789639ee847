// The compiled CLI: help agrees with the README, validate resolves the ledger models' options, a
// run from measured CSV files needs no config, and neither run nor sweep prints progress when
// stderr is not a terminal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { p2psim, assertOneLineError } from "./cli-helpers.js";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DATA = new URL("../../experiments/data/citylearn-2022/", import.meta.url).pathname;
const EXAMPLE = new URL("../../experiments/examples/csv-week.json", import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), "p2psim-cli-run-"));
// The first day of the measured week.
const day = join(dir, "day.csv");
const lines = readFileSync(join(DATA, "main_week.csv"), "utf8").split("\n");
writeFileSync(day, [lines[0], ...lines.filter((l) => l.startsWith("2016-08-15"))].join("\n") + "\n");
const households = join(DATA, "households.csv");

test("help: sweep takes <sweep.json>, merge shows no default for its directories, every --quiet is described", () => {
  assert.match(p2psim("sweep", "--help").out, /p2psim sweep <sweep\.json>/);
  const merge = p2psim("merge", "--help").out;
  assert.doesNotMatch(merge, /default: \[\]/);
  for (const command of ["run", "sweep", "reproduce", "readings"]) {
    const quiet = p2psim(command, "--help")
      .out.split("\n")
      .find((l) => l.includes("--quiet"));
    assert.match(quiet ?? "", /--quiet\s+print nothing but errors/, `${command} --help`);
  }
  assert.match(p2psim("run", "--help").out, /--households/);
});

test("validate prints the ledger models' options, defaults merged with the overrides", () => {
  const file = join(dir, "eth.json");
  writeFileSync(file, JSON.stringify({ ethereum: { usdPerEth: 2000 } }));
  const r = p2psim("validate", file);
  assert.equal(r.code, 0, r.err);
  const config = JSON.parse(r.out) as {
    iota: { fee: { iotaPerRequest: number } };
    ethereum: { usdPerEth: number; gas: { placeBidFirst: number } };
  };
  assert.equal(config.ethereum.usdPerEth, 2000);
  assert.ok(config.ethereum.gas.placeBidFirst > 0);
  assert.equal(config.iota.fee.iotaPerRequest, 1);
});

test("the example CSV config validates", () => {
  const r = p2psim("validate", EXAMPLE);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /"source": "csv"/);
});

test("run --profiles --households works without a config, and prints no progress without a terminal", () => {
  const out = join(dir, "csv-run");
  const r = p2psim("run", "--profiles", day, "--households", households, "--out", out);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, "", "nothing on stderr when it is not a terminal");
  assert.ok(existsSync(join(out, "summary.json")));
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
    config: { name: string; profiles: { source: string }; limits: { pgb: number } };
  };
  assert.equal(manifest.config.name, "day");
  assert.equal(manifest.config.profiles.source, "csv");
  assert.equal(manifest.config.limits.pgb, 18.9, "the paper's defaults");
});

test("measured-data flags: one-line errors naming the flag or file", () => {
  assertOneLineError(p2psim("run", "--households", households), /^p2psim: --households: needs --profiles/);
  assertOneLineError(
    p2psim("run", "--profiles", join(dir, "missing.csv"), "--households", households),
    /^p2psim: --profiles: no such file .*missing\.csv/,
  );
  assertOneLineError(
    p2psim("run", "--profiles", day),
    /^p2psim: --profiles: without a config, also give --households/,
  );
  const bad = join(dir, "bad.csv");
  writeFileSync(bad, "when,who\n1,2\n");
  assertOneLineError(p2psim("run", "--profiles", bad, "--households", households), /bad\.csv:1/);
  assertOneLineError(p2psim("run"), /give a config file, or --profiles/);
});

test("sweep prints no progress without a terminal", () => {
  const file = join(dir, "sweep.json");
  writeFileSync(
    file,
    JSON.stringify({
      name: "quiet",
      base: { ledgers: ["ideal"], scenarios: ["grid", "all"], profiles: { source: "synthetic", days: 1 } },
      vary: { seed: [1, 2] },
    }),
  );
  const r = p2psim("sweep", file, "--jobs", "1", "--out", join(dir, "sweep"));
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, "");
  assert.ok(existsSync(join(dir, "sweep", "report.html")));
});
