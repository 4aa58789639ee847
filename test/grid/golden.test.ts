// Golden test: a small seeded world (3 microgrids x 3 agents x 1 day, all linked) whose
// per-period results are committed: the recorder's columns of periods.arrow, named and ordered as
// the result schema has them (sim/metrics/schema.ts). A change shows as a readable list of the
// fields that moved.
// To accept a deliberate change: `make golden` (UPDATE_GOLDEN=1), then review the diff in git.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { Streams } from "../../sim/kernel/index.js";
import { generateProfile, makeProfileConfig, uniformMicrogrids } from "../../sim/data/index.js";
import { World, scenarioFromShorthand } from "../../sim/grid/index.js";
import { camelName, PERIODS, RunRecorder, type PeriodRows } from "../../sim/metrics/index.js";
import { marketConfig } from "../../sim/market/index.js";

const GOLDEN = new URL("../golden/grid-small.json", import.meta.url);
const LIMITS = { pgs: 3.2, pgb: 18.9 };

function smallRun(): PeriodRows {
  const profile = generateProfile(
    makeProfileConfig({ days: 1, microgrids: uniformMicrogrids(3, 3), shiftHoursByMicrogrid: { MG3: 12 } }),
    new Streams(7),
  );
  const recorder = new RunRecorder(profile.agents.length, profile.pv, profile.load, profile.periods);
  new World({
    profile,
    streams: new Streams(7),
    config: {
      limits: LIMITS,
      market: marketConfig(),
      tradingWindowMs: 300_000,
      roundIntervalMs: 10_000,
      forecastErrorSd: 0,
      scenario: scenarioFromShorthand("all", profile.microgrids),
    },
    recorder,
  }).run();
  return recorder.periods;
}

type Row = Record<string, number | string | null>;

/** The recorder's columns of periods.arrow, in the schema's order, with their fixed dictionaries. */
const COLUMNS = PERIODS.columns.flatMap((c) =>
  "store" in c ? [{ key: camelName(c.name), dictionary: "dictionary" in c ? c.dictionary : undefined }] : [],
);

/**
 * Rows as plain objects, numbers rounded to 1e-6 so the file reads well and diffs stay small, codes
 * of a fixed dictionary spelled out.
 */
function rowsOf(p: PeriodRows): Row[] {
  const columns = p as Record<string, ArrayLike<number>>;
  return Array.from(p.period, (_, i) =>
    Object.fromEntries(
      COLUMNS.map(({ key, dictionary }) => {
        const v = columns[key]![i]!;
        if (dictionary !== undefined) return [key, dictionary[v]!];
        return [key, Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null];
      }),
    ),
  );
}

function differences(expected: Row[], actual: Row[]): string[] {
  const out: string[] = [];
  if (expected.length !== actual.length)
    out.push(`row count: expected ${expected.length}, got ${actual.length}`);
  const known = new Set(Object.keys(expected[0] ?? {}));
  for (const key of Object.keys(actual[0] ?? {}))
    if (expected.length > 0 && !known.has(key)) out.push(`column ${key}: not in the golden file`);
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
