// EV sessions: drawn from each home's own stream (deterministic, inside the profile, never
// overlapping), or read from a CSV whose bad rows are refused naming the line and the field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Streams } from "../../sim/kernel/index.js";
import { generateProfile, makeProfileConfig, ProfileError, uniformMicrogrids } from "../../sim/data/index.js";
import { parseSessionsCsv, SESSION_DEFAULTS, syntheticSessions } from "../../sim/devices/index.js";

const profile = generateProfile(
  makeProfileConfig({ start: "2022-06-06T00:00:00+01:00", days: 3, microgrids: uniformMicrogrids(1, 2) }),
  new Streams(1),
);

test("synthetic sessions: one a night, ordered, inside the profile, energy within the usable capacity", () => {
  const draw = () =>
    syntheticSessions(0, profile, SESSION_DEFAULTS, 36_000, new Streams(3).fresh("agent/x/ev"));
  const sessions = draw();
  assert.deepEqual(sessions, draw());
  assert.ok(sessions.length >= 2 && sessions.length <= 4, `${sessions.length} sessions`);
  let last = 0;
  for (const s of sessions) {
    assert.ok(s.arrival >= last && s.departure > s.arrival && s.arrival < profile.periods);
    assert.ok(s.neededWh >= 0 && s.neededWh <= 36_000);
    last = s.departure;
  }
});

const HEADER = "household,arrival,departure,energy_kwh";
const name = profile.agents[0]!.name;

test("CSV sessions map to periods: plugged in from the next period start, leaving at the period containing the departure", () => {
  const text = `${HEADER}\n${name},2022-06-06T18:10:00+01:00,2022-06-07T07:20:00+01:00,8.5\n`;
  const [s] = parseSessionsCsv(text, "s.csv", profile);
  assert.deepEqual(s, { agent: 0, arrival: 37, departure: 62, neededWh: 8500 });
});

for (const [label, row, pattern] of [
  [
    "unknown household",
    "nobody,2022-06-06T18:00:00+01:00,2022-06-07T07:00:00+01:00,1",
    /s\.csv:2: line 2: household: unknown household 'nobody'/,
  ],
  ["bad arrival", `${name},yesterday,2022-06-07T07:00:00+01:00,1`, /line 2: arrival: expected an ISO-8601/],
  [
    "departure before arrival",
    `${name},2022-06-06T18:00:00+01:00,2022-06-06T17:00:00+01:00,1`,
    /line 2: departure: expected a time after the arrival/,
  ],
  [
    "negative energy",
    `${name},2022-06-06T18:00:00+01:00,2022-06-07T07:00:00+01:00,-3`,
    /line 2: energy_kwh: expected a non-negative number of kWh/,
  ],
  [
    "missing field",
    `${name},2022-06-06T18:00:00+01:00,2022-06-07T07:00:00+01:00`,
    /line 2: row: expected 4 fields, got 3/,
  ],
] as const) {
  test(`CSV sessions: ${label} is refused naming the line and field`, () => {
    assert.throws(
      () => parseSessionsCsv(`${HEADER}\n${row}\n`, "s.csv", profile),
      (e: unknown) => e instanceof ProfileError && pattern.test(e.message),
    );
  });
}

test("CSV sessions of one household must not overlap", () => {
  const text = [
    HEADER,
    `${name},2022-06-06T18:00:00+01:00,2022-06-07T07:00:00+01:00,1`,
    `${name},2022-06-07T06:00:00+01:00,2022-06-07T09:00:00+01:00,1`,
  ].join("\n");
  assert.throws(
    () => parseSessionsCsv(text, "s.csv", profile),
    /line 3: arrival: overlaps the household's session on line 2/,
  );
});
