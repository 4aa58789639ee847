import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  loadProfileCsv,
  parseHouseholds,
  ProfileError,
  type CsvProfileOptions,
  type Profile,
} from "../../sim/data/index.js";

const FIXTURES = new URL("../fixtures/profiles/", import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), "utf8");
const households = parseHouseholds(fixture("households.csv"), "households.csv");
const load = (name: string, options: Partial<CsvProfileOptions> = {}): Profile =>
  loadProfileCsv(fixture(name), name, { households, ...options });

function series(p: Profile, which: "pv" | "load", name: string): number[] {
  const a = p.agents.findIndex((x) => x.name === name);
  assert.ok(a >= 0, `no agent ${name}`);
  return Array.from(p[which].subarray(a * p.periods, (a + 1) * p.periods));
}

function throwsAt(fn: () => unknown, line: number | undefined, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ProfileError, `expected a ProfileError, got ${String(e)}`);
    assert.equal(e.line, line);
    if (line !== undefined) assert.match(e.message, new RegExp(`:${line}: line ${line}: `));
    assert.match(e.message, pattern);
    return true;
  });
}

test("households mapping: simple columns, blank kWp reads as null", () => {
  assert.deepEqual(households, [
    { household: "H1", microgrid: "MGA", pvKwp: 3 },
    { household: "H2", microgrid: "MGA", pvKwp: null },
    { household: "H3", microgrid: "MGB", pvKwp: 2.5 },
  ]);
});

test("households mapping: CityLearn column names are accepted and extra columns ignored", () => {
  const text =
    "household,suggested_microgrid,pv_nominal_kw_citylearn_schema,source_path\nB1,MG1,4.0,x.csv\nB2,MG2,5.0,y.csv\n";
  assert.deepEqual(parseHouseholds(text, "hh.csv"), [
    { household: "B1", microgrid: "MG1", pvKwp: 4 },
    { household: "B2", microgrid: "MG2", pvKwp: 5 },
  ]);
});

test("households mapping: a duplicate household is an error on its line", () => {
  throwsAt(
    () => parseHouseholds("household,microgrid\nA,M\nB,M\nA,N\n", "hh.csv"),
    4,
    /duplicate household 'A' \(first on line 2\)/,
  );
});

test("households mapping: a header without a microgrid column is an error on line 1", () => {
  throwsAt(() => parseHouseholds("household,group\nA,M\n", "hh.csv"), 1, /microgrid or suggested_microgrid/);
});

test("hourly data becomes 30-minute periods split evenly in integer Wh", () => {
  const p = load("hourly.csv");
  assert.equal(p.periods, 8);
  assert.equal(p.periodMs, 1_800_000);
  assert.equal(p.startIso, "2022-06-06T00:00:00+01:00");
  assert.equal(p.utcOffsetMin, 60);
  assert.deepEqual(series(p, "load", "H3"), [500, 501, 375, 375, 300, 300, 166, 167]);
  assert.deepEqual(series(p, "pv", "H1"), [0, 0, 50, 50, 175, 175, 600, 600]);
});

test("agents are grouped by microgrid in mapping order, with the mapping's kWp", () => {
  const p = load("hourly.csv");
  assert.deepEqual(p.microgrids, ["MGA", "MGB"]);
  assert.deepEqual(
    p.agents.map((a) => [a.id, a.name, a.microgrid, a.microgridIndex, a.pvKwp]),
    [
      [0, "H1", "MGA", 0, 3],
      [1, "H2", "MGA", 0, null],
      [2, "H3", "MGB", 1, 2.5],
    ],
  );
});

test("quarter-hourly data is summed into 30-minute periods", () => {
  const p = load("quarter-hourly.csv");
  assert.equal(p.periods, 4);
  // pv_kwh of the quarters is 0.001 * (1..8): pairs sum to 3, 7, 11, 15 Wh.
  assert.deepEqual(series(p, "pv", "H2"), [3, 7, 11, 15]);
  // load of H3: 0.022, 0.032, 0.042, 0.052 kWh each hour.
  assert.deepEqual(series(p, "load", "H3"), [54, 94, 54, 94]);
});

test("scale options multiply PV and load (and the reported kWp)", () => {
  const p = load("hourly.csv", { loadScale: 0.5, pvScale: 2 });
  assert.deepEqual(series(p, "load", "H1").slice(0, 2), [125, 125]);
  assert.deepEqual(series(p, "pv", "H1").slice(6), [1200, 1200]);
  assert.equal(p.agents[0]?.pvKwp, 6);
});

test("a value too large for a period after scaling is an error naming the column and household", () => {
  throwsAt(
    () => load("hourly.csv", { loadScale: 1e7 }),
    undefined,
    /load_kwh: household H1 has \d+ Wh in period 0 after scaling, above the 2147483647 Wh/,
  );
});

test("a byte-order mark, CRLF line ends and quoted fields read like plain CSV", () => {
  const plain = load("hourly.csv");
  const fancy = load("quoted-crlf.csv");
  assert.deepEqual(Array.from(fancy.pv), Array.from(plain.pv));
  assert.deepEqual(Array.from(fancy.load), Array.from(plain.load));
});

test("an empty line inside the data is an error", () => {
  throwsAt(() => load("empty-line.csv"), 8, /empty line inside the data/);
});

test("a file with a header and no rows is an error", () => {
  throwsAt(
    () => loadProfileCsv("timestamp,household,pv_kwh,load_kwh\n", "x.csv", { households }),
    undefined,
    /no data rows/,
  );
});

test("data that does not start on a period boundary of the local clock is refused", () => {
  throwsAt(
    () => load("misaligned-start.csv"),
    2,
    /expected the first interval to start on a 30-min boundary/,
  );
});

test("measured agents report their load extrapolated to a year", () => {
  // H1 uses 1.65 kWh in 4 hours.
  assert.ok(Math.abs(load("hourly.csv").agents[0]!.annualKwh - (1.65 * 8760) / 4) < 1e-9);
});

test("a bad header is an error on line 1", () => {
  throwsAt(
    () => load("bad-header.csv"),
    1,
    /header: expected the columns timestamp,household,pv_kwh,load_kwh/,
  );
});

test("a missing interval is an error on the household's next row", () => {
  throwsAt(
    () => load("missing-interval.csv"),
    11,
    /household 'H2': missing interval starting 2022-06-06T02:00:00\+01:00, before this row/,
  );
});

test("a missing last interval is an error on the household's last row", () => {
  throwsAt(() => load("missing-trailing.csv"), 10, /household 'H3': missing interval .* after this row/);
});

test("a duplicate row is an error naming both lines", () => {
  throwsAt(() => load("duplicate.csv"), 14, /duplicate row .*first on line 5/);
});

test("a negative value is an error naming the field", () => {
  throwsAt(
    () => load("negative.csv"),
    6,
    /pv_kwh: expected a non-negative number of kWh, got negative '-0.1'/,
  );
});

test("a non-numeric value is an error naming the field", () => {
  throwsAt(() => load("non-numeric.csv"), 10, /load_kwh: expected a non-negative number of kWh, got 'n\/a'/);
});

test("an unknown household is an error", () => {
  throwsAt(() => load("unknown-household.csv"), 11, /household: unknown household 'H9'/);
});

test("a change of UTC offset is an error (time-zone or daylight-saving jump)", () => {
  throwsAt(() => load("offset-jump.csv"), 8, /expected UTC offset \+01:00 as on line 2, got Z/);
});

test("a timestamp off the source grid is an error", () => {
  throwsAt(() => load("off-grid.csv"), 12, /timestamp: 2022-06-06T03:30:00\+01:00 is not on the 60-min grid/);
});

test("a timestamp without an offset is an error", () => {
  throwsAt(() => load("no-offset.csv"), 5, /timestamp: expected an ISO-8601 timestamp with offset/);
});

test("a row with the wrong number of fields is an error", () => {
  throwsAt(() => load("field-count.csv"), 4, /expected 4 fields/);
});

test("a source interval that does not divide into periods is refused", () => {
  throwsAt(
    () => load("interval-45.csv"),
    undefined,
    /cannot resample: source interval 45 min is not a whole multiple of the 30-min period/,
  );
});

test("a period that is not a multiple of a shorter source interval is refused", () => {
  throwsAt(() => load("quarter-hourly.csv", { periodMs: 20 * 60_000 }), undefined, /cannot resample/);
});

test("a household of the mapping without rows is an error even with a missing policy", () => {
  const extra = [...households, { household: "H4", microgrid: "MGB", pvKwp: null }];
  throwsAt(
    () => loadProfileCsv(fixture("hourly.csv"), "hourly.csv", { households: extra, missing: "zero" }),
    undefined,
    /'H4' .* has no rows/,
  );
});

test("missing policy error (the default) rejects the first gap in mapping order", () => {
  throwsAt(
    () => load("missing-policies.csv"),
    6,
    /household 'H1': missing interval starting 2022-06-06T01:00/,
  );
});

test("missing policy zero fills gaps with 0 Wh", () => {
  const p = load("missing-policies.csv", { missing: "zero" });
  assert.deepEqual(series(p, "load", "H1"), [250, 250, 0, 0, 150, 150, 225, 225]);
  assert.deepEqual(series(p, "pv", "H2").slice(0, 2), [0, 0]);
  assert.deepEqual(series(p, "load", "H3").slice(6), [0, 0]);
});

test("missing policy interpolate is linear inside and holds the nearest sample at the edges", () => {
  const p = load("missing-policies.csv", { missing: "interpolate" });
  // H1 load 0.5, ?, 0.3 -> 0.4 kWh; H2 load ?, 0.3 -> held 0.3; H3 load 0.6, ? -> held 0.6.
  assert.deepEqual(series(p, "load", "H1").slice(2, 4), [200, 200]);
  assert.deepEqual(series(p, "pv", "H1").slice(2, 4), [87, 88]); // (0 + 0.35) / 2 = 0.175 kWh
  assert.deepEqual(series(p, "load", "H2").slice(0, 2), [150, 150]);
  assert.deepEqual(series(p, "load", "H3").slice(6), [300, 300]);
});

const CITYLEARN = new URL("../fixtures/citylearn-2022/", import.meta.url);

test("real CityLearn data loads: 6 households x 96 half-hours with totals preserved", () => {
  const text = readFileSync(new URL("two_days.csv", CITYLEARN), "utf8");
  const map = parseHouseholds(readFileSync(new URL("households.csv", CITYLEARN), "utf8"), "households.csv");
  const p = loadProfileCsv(text, "two_days.csv", { households: map });
  assert.equal(p.agents.length, 6);
  assert.equal(p.periods, 96);
  assert.deepEqual(p.microgrids, ["MG1", "MG2", "MG3"]);
  assert.deepEqual(
    p.agents.map((a) => a.name),
    ["Building_1", "Building_4", "Building_6", "Building_10", "Building_11", "Building_13"],
  );
  // The first hour of Building_1, 1.619283 kWh of load, splits into two half-hours.
  assert.deepEqual(series(p, "load", "Building_1").slice(0, 2), [809, 810]);
  const exact = new Map<string, { pv: number; load: number }>();
  for (const line of text.trim().split("\n").slice(1)) {
    const [, h, pv, ld] = line.split(",");
    const e = exact.get(h!) ?? { pv: 0, load: 0 };
    exact.set(h!, { pv: e.pv + Number(pv) * 1000, load: e.load + Number(ld) * 1000 });
  }
  for (const agent of p.agents) {
    const e = exact.get(agent.name)!;
    const sum = (w: "pv" | "load"): number => series(p, w, agent.name).reduce((s, v) => s + v, 0);
    assert.ok(e.pv > 0 && e.load > 0, `${agent.name} has no data`);
    assert.ok(Math.abs(sum("pv") - e.pv) <= 0.5 + 1e-6, `${agent.name} pv ${sum("pv")} vs ${e.pv}`);
    assert.ok(Math.abs(sum("load") - e.load) <= 0.5 + 1e-6, `${agent.name} load ${sum("load")} vs ${e.load}`);
  }
});
