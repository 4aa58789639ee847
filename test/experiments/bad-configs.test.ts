// A corpus of configs the schema's types accept but no run can mean: each is refused up front by
// both `validate` and `run`, with exit 2 and one line naming the file and the field, no stack trace
// and nothing written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { p2psim } from "./cli-helpers.js";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DAY = { source: "synthetic", days: 1 };

/** name -> [config, what the one line must say]. */
const CORPUS: Record<string, [unknown, RegExp]> = {
  "duplicate-ledger": [{ ledgers: ["ideal", "ideal"], profiles: DAY }, /ledgers\.1.*listed twice/],
  "duplicate-scenario": [
    { scenarios: ["grid", "grid"], ledgers: ["ideal"], profiles: DAY },
    /scenarios\.1.*"grid" is listed twice/,
  ],
  "duplicate-scenario-id": [
    {
      scenarios: [
        { id: "x", links: [], involved: ["MG1"] },
        { id: "x", links: [], involved: ["MG2"] },
      ],
      ledgers: ["ideal"],
      profiles: DAY,
    },
    /scenarios\.1.*"x" is listed twice/,
  ],
  "bogus-iota-energy-reading": [
    { iota: { energy: { reading: "bogus" } }, ledgers: ["iota"], profiles: DAY },
    /energy\.reading must be one of printed, kWh, iota-2022/,
  ],
  "negative-gas": [
    { ethereum: { gas: { clearBase: -5 } }, ledgers: ["ethereum"], profiles: DAY },
    /ethereum\.gas\.clearBase.*>= 0/,
  ],
  "infinite-price": [
    { limits: { pgs: 1e-300, pgb: 1e300 }, ledgers: ["ideal"], profiles: DAY },
    /limits\.pgb/,
  ],
  "huge-pgb": [{ limits: { pgb: 1e308 }, ledgers: ["ideal"], profiles: DAY }, /limits\.pgb/],
  "huge-theta": [{ market: { theta: 1e308 }, ledgers: ["ideal"], profiles: DAY }, /market\.theta/],
  "iota-chains": [{ iota: { chains: 1 }, ledgers: ["iota"], profiles: DAY }, /iota\.chains.*set by the run/],
  "ethereum-chains": [
    { ethereum: { chains: 1 }, ledgers: ["ethereum"], profiles: DAY },
    /ethereum\.chains.*set by the run/,
  ],
  "a-million-days": [
    { ledgers: ["ideal"], profiles: { source: "synthetic", days: 1_000_000 } },
    /profiles\.days/,
  ],
  "too-many-agents": [
    {
      ledgers: ["ideal"],
      profiles: {
        source: "synthetic",
        preset: "uniform",
        microgrids: 100_000,
        agentsPerMicrogrid: 1000,
        days: 7,
      },
    },
    /agent-periods, more than one run holds/,
  ],
  "fault-after-the-end": [
    {
      ledgers: ["iota"],
      faults: [{ kind: "l1-latency-spike", fromHour: 1000, multiplier: 2 }],
      profiles: DAY,
    },
    /faults\[0\]\.fromHour: 1000 is at or after the run's end \(24 h\)/,
  ],
  "fault-on-no-ledger-of-the-run": [
    { ledgers: ["ideal"], faults: [{ kind: "eth-demand-spike", fromHour: 1, multiplier: 2 }], profiles: DAY },
    /faults\[0\]\.kind: "eth-demand-spike" acts on ethereum/,
  ],
  "bad-start": [
    { ledgers: ["ideal"], profiles: { ...DAY, start: "yesterday" } },
    /start: expected an ISO-8601/,
  ],
  "shift-of-unknown-microgrid": [
    { ledgers: ["ideal"], profiles: { ...DAY, shiftHours: { MG9: 3 } } },
    /shiftHours\.MG9/,
  ],
  "scenario-with-unknown-microgrid": [
    { ledgers: ["ideal"], scenarios: ["MG1+MG7"], profiles: DAY },
    /unknown microgrid "MG7"/,
  ],
  "huge-schema-string": [{ $schema: "x".repeat(5000), ledgers: ["ideal"], profiles: DAY }, /\$schema/],
};

const dir = mkdtempSync(join(tmpdir(), "p2psim-bad-"));

for (const [name, [config, pattern]] of Object.entries(CORPUS)) {
  test(`${name}: validate and run both exit 2 with one line naming the file`, () => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(config));
    const out = join(dir, `out-${name}`);
    for (const r of [p2psim("validate", file), p2psim("run", file, "--out", out, "--quiet")]) {
      assert.equal(r.code, 2, r.err);
      const lines = r.err.trim().split("\n");
      assert.equal(lines.length, 1, r.err);
      assert.ok(lines[0]!.includes(`${name}.json`), `names the file: ${lines[0]}`);
      assert.match(lines[0]!, pattern);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
    assert.equal(existsSync(out), false, "nothing written");
  });
}

test("JSON nested 100,000 deep is refused in one line without a stack overflow", () => {
  const file = join(dir, "deep.json");
  writeFileSync(file, `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`);
  const r = p2psim("validate", file);
  assert.equal(r.code, 2);
  assert.match(r.err.trim(), /^p2psim: .*deep\.json: nested 100000 levels deep \(at most 64\)/);
});

test('--seed "", a bare --seed and --out "" exit 2 with one line', () => {
  const file = join(dir, "day.json");
  writeFileSync(file, JSON.stringify({ ledgers: ["ideal"], scenarios: ["grid"], profiles: DAY }));
  for (const args of [["--seed", ""], ["--seed"], ["--seed", "1.5"], ["--out", ""]]) {
    const r = p2psim("run", file, ...args, "--quiet");
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err.trim(), /^p2psim: --(seed|out): expected/);
  }
});

test('a config name is a name, not a path: ".." is refused', () => {
  const file = join(dir, "dotdot.json");
  writeFileSync(file, JSON.stringify({ name: "..", ledgers: ["ideal"], profiles: DAY }));
  const r = p2psim("validate", file);
  assert.equal(r.code, 2);
  assert.match(r.err, /field "name": a name, not a path/);
});

test("a CSV row of 4,000,000 kWh in one hour is refused naming the file, line and column", () => {
  const csv = join(dir, "huge.csv");
  writeFileSync(
    csv,
    "timestamp,household,pv_kwh,load_kwh\n2016-08-15T00:00:00-07:00,h1,0,1\n2016-08-15T01:00:00-07:00,h1,0,4000000\n",
  );
  writeFileSync(join(dir, "homes.csv"), "household,microgrid\nh1,MG1\n");
  const file = join(dir, "huge.json");
  writeFileSync(
    file,
    JSON.stringify({
      ledgers: ["ideal"],
      scenarios: ["grid"],
      profiles: { source: "csv", file: "huge.csv", households: "homes.csv" },
    }),
  );
  for (const r of [
    p2psim("validate", file),
    p2psim("run", file, "--quiet", "--out", join(dir, "out-huge")),
  ]) {
    assert.equal(r.code, 2, r.err);
    assert.match(r.err.trim(), /huge\.csv.*line 3.*load_kwh: 4000000 kWh in 60 minutes.*above the 250 kW/);
  }
});
