// Golden test: a small seeded world (3 microgrids x 3 agents x 1 day, all linked) whose
// per-period results are committed. A change shows as a readable list of the fields that moved.
// To accept a deliberate change: `make golden` (UPDATE_GOLDEN=1), then review the diff in git.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { Streams } from "../../sim/kernel/index.js";
import { generateProfile, makeProfileConfig, uniformMicrogrids } from "../../sim/data/index.js";
import { World, scenarioFromShorthand } from "../../sim/grid/index.js";
import { RunRecorder, type PeriodRows } from "../../sim/metrics/index.js";
import { marketConfig } from "../../sim/market/index.js";

const GOLDEN = new URL("../golden/grid-small.json", import.meta.url);
const LIMITS = { pgs: 3.2, pgb: 18.9 };

function smallRun(): PeriodRows {
  const profile = generateProfile(
    makeProfileConfig({ days: 1, microgrids: uniformMicrogrids(3, 3), shiftHoursByMicrogrid: { MG3: 12 } }),
    new Streams(7),
  );
  const recorder = new RunRecorder(profile.agents.length, LIMITS, profile.pv, profile.load, profile.periods);
  new World(
    profile,
    new Streams(7),
    {
      limits: LIMITS,
      market: marketConfig(),
      tradingWindowMs: 300_000,
      roundIntervalMs: 10_000,
      forecastErrorSd: 0,
      scenario: scenarioFromShorthand("all", profile.microgrids),
    },
    recorder,
  ).run();
  return recorder.periods;
}

type Row = Record<string, number | string | null>;

/** Rows as plain objects, numbers rounded to 1e-6 so the file reads well and diffs stay small. */
function rowsOf(p: PeriodRows): Row[] {
  const keys = Object.keys(p) as (keyof PeriodRows)[];
  return p.period.map((_, i) =>
    Object.fromEntries(
      keys.map((k) => {
        const v = p[k][i]!;
        return [k, typeof v === "number" ? (Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null) : v];
      }),
    ),
  );
}

function differences(expected: Row[], actual: Row[]): string[] {
  const out: string[] = [];
  if (expected.length !== actual.length)
    out.push(`row count: expected ${expected.length}, got ${actual.length}`);
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
    for (const key of Object.keys(expected[i]!)) {
      const e = expected[i]![key];
      const a = actual[i]![key];
      if (e !== a)
        out.push(
          `period ${actual[i]!.period} MG${Number(actual[i]!.microgrid) + 1} ${key}: expected ${e}, got ${a}`,
        );
    }
  }
  return out;
}

test("the small seeded world matches its golden per-period results", () => {
  const actual = rowsOf(smallRun());
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(GOLDEN)) {
    writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 1)}\n`);
    if (process.env.UPDATE_GOLDEN !== "1")
      assert.fail("golden file was missing: written; run again (make golden to update on purpose)");
    return;
  }
  const expected = JSON.parse(readFileSync(GOLDEN, "utf8")) as Row[];
  const diff = differences(expected, actual);
  assert.equal(
    diff.length,
    0,
    `golden results changed (${diff.length} fields); first ones:\n${diff.slice(0, 25).join("\n")}\nIf intended: make golden`,
  );
});
