// Devices through the command line: a config with a devices section runs end to end and writes the
// storage tables and summary.json's storage block; one without writes neither; bad device values
// and bad session rows exit 2 with one line naming the file and the field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { assertOneLineError, p2psim } from "./cli-helpers.js";
import { DEVICES, STORAGE } from "../../sim/metrics/index.js";

const DAY = { source: "synthetic", days: 1 };
const dir = mkdtempSync(join(tmpdir(), "p2psim-devices-"));

function write(name: string, config: unknown): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

test("a config with devices writes storage.arrow, devices.arrow and a storage block per scenario", () => {
  const file = write("with", {
    ledgers: ["ideal"],
    scenarios: ["grid", "all"],
    profiles: DAY,
    devices: {
      policy: "market-aware",
      compare: ["self-consumption"],
      battery: { share: 0.6 },
      ev: { share: 0.5, v2h: true },
    },
  });
  const out = join(dir, "out-with");
  const r = p2psim("run", file, "--out", out, "--quiet");
  assert.equal(r.code, 0, r.err);
  for (const table of [STORAGE, DEVICES]) {
    const t = tableFromIPC(readFileSync(join(out, table.file)));
    assert.deepEqual(
      t.schema.fields.map((f) => f.name),
      table.columns.map((c) => c.name),
    );
    assert.ok(t.numRows > 0, table.file);
    assert.ok(existsSync(join(out, table.file.replace(".arrow", ".parquet"))));
  }
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as {
    scenarios: { storage: { withoutStorage: { policy: null }; policies: { policy: string }[] } }[];
  };
  for (const s of summary.scenarios) {
    assert.equal(s.storage.withoutStorage.policy, null);
    assert.deepEqual(
      s.storage.policies.map((p) => p.policy),
      ["market-aware", "self-consumption"],
    );
  }
});

test("a config without devices writes no storage tables and no storage block", () => {
  const out = join(dir, "out-without");
  const r = p2psim(
    "run",
    write("without", { ledgers: ["ideal"], scenarios: ["all"], profiles: DAY }),
    "--out",
    out,
    "--quiet",
  );
  assert.equal(r.code, 0, r.err);
  assert.equal(existsSync(join(out, STORAGE.file)), false);
  assert.equal(existsSync(join(out, DEVICES.file)), false);
  assert.doesNotMatch(readFileSync(join(out, "summary.json"), "utf8"), /"storage"/);
});

const BAD: Record<string, [unknown, RegExp]> = {
  "soc-bounds": [{ battery: { socMin: 0.6, socMax: 0.5 } }, /devices\.battery\.socMax.*above socMin/],
  "share-above-one": [{ ev: { share: 1.5 } }, /devices\.ev\.share/],
  "unknown-policy": [{ policy: "hoard" }, /devices\.policy.*unknown device policy "hoard"/],
  "unknown-compare": [{ compare: ["hoard"] }, /devices\.compare\.0.*unknown device policy/],
  "override-of-unknown-microgrid": [
    { microgrids: { MG9: { battery: { share: 1 } } } },
    /devices\.microgrids\.MG9: unknown microgrid/,
  ],
  "bad-override": [
    { battery: {}, microgrids: { MG1: { battery: { initialSoc: 0.05 } } } },
    /devices\.microgrids\.MG1\.battery\.initialSoc/,
  ],
  "arrival-hour": [
    { ev: { sessions: { source: "synthetic", arrivalHourMean: 25 } } },
    /devices\.ev\.sessions\.arrivalHourMean/,
  ],
};

for (const [name, [devices, pattern]] of Object.entries(BAD)) {
  test(`devices ${name}: validate and run exit 2 with one line naming the file and field`, () => {
    const file = write(name, { ledgers: ["ideal"], profiles: DAY, devices });
    for (const r of [
      p2psim("validate", file),
      p2psim("run", file, "--out", join(dir, `out-${name}`), "--quiet"),
    ]) {
      assertOneLineError(r, pattern);
      assert.ok(r.err.includes(`${name}.json`), r.err);
    }
  });
}

test("a bad row of the sessions CSV exits 2 naming the file, line and field", () => {
  writeFileSync(
    join(dir, "sessions.csv"),
    "household,arrival,departure,energy_kwh\nMG1/0,2022-06-06T18:00:00+01:00,2022-06-07T07:00:00+01:00,lots\n",
  );
  const file = write("bad-sessions", {
    ledgers: ["ideal"],
    profiles: DAY,
    devices: { ev: { sessions: { source: "csv", file: "sessions.csv" } } },
  });
  assertOneLineError(
    p2psim("validate", file),
    /sessions\.csv:2: line 2: energy_kwh: expected a non-negative number/,
  );
});
