// `validate` accepts exactly the configs `run` accepts: over generated configs (each field drawn
// from sensible and broken values), the checks validate makes (parse + prepareRun) fail exactly when
// a run (parse + simulate) fails, and both fail with input errors, never with a crash.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../experiments/cli/errors.js";
import { parseRunConfig } from "../../experiments/config/load.js";
import { prepareRun, simulate } from "../../experiments/run/simulate.js";

const dir = mkdtempSync(join(tmpdir(), "p2psim-vr-"));
writeFileSync(join(dir, "homes.csv"), "household,microgrid\nh1,MG1\nh2,MG2\n");
writeFileSync(
  join(dir, "day.csv"),
  ["timestamp,household,pv_kwh,load_kwh"]
    .concat(
      Array.from({ length: 4 }, (_, h) => [
        `2016-08-15T0${h}:00:00-07:00,h1,${h},0.5`,
        `2016-08-15T0${h}:00:00-07:00,h2,0,${h}`,
      ]).flat(),
    )
    .join("\n"),
);
writeFileSync(
  join(dir, "bad.csv"),
  "timestamp,household,pv_kwh,load_kwh\n2016-08-15T00:00:00-07:00,h9,1,1\n",
);

const profiles = fc.constantFrom<unknown>(
  { source: "synthetic", days: 1 },
  { source: "synthetic", days: 1, shiftHours: { MG9: 2 } },
  { source: "synthetic", days: 1, shiftHours: { MG1: 0.3 } },
  { source: "synthetic", days: 1, start: "not a date" },
  { source: "synthetic", days: 1, preset: "uniform", microgrids: 1, agentsPerMicrogrid: 2 },
  { source: "csv", file: "day.csv", households: "homes.csv" },
  { source: "csv", file: "bad.csv", households: "homes.csv" },
  { source: "csv", file: "missing.csv", households: "homes.csv" },
  { source: "csv", file: "day.csv", households: "homes.csv", shiftHours: { MG2: 1 }, shiftSeries: "load" },
);
const scenarios = fc.constantFrom<unknown>(
  undefined,
  ["grid"],
  ["all"],
  ["MG1+MG2"],
  ["MG1+MG3"],
  ["MG1+MG9"],
);
const faults = fc.constantFrom<unknown>(
  undefined,
  [{ kind: "l1-latency-spike", fromHour: 1, multiplier: 2 }],
  [{ kind: "wasp-node-down", microgrid: "MG7", node: 0, fromHour: 0 }],
  [{ kind: "eth-demand-spike", fromHour: 1, multiplier: 3 }],
);
const ledgers = fc.constantFrom<unknown>(["ideal"], ["iota"], ["ideal", "iota"]);

function outcome(step: () => unknown): "ok" | "input" {
  try {
    step();
    return "ok";
  } catch (error) {
    if (error instanceof InputError) return "input";
    throw error;
  }
}

test("validate's checks fail exactly when a run fails, and only with input errors", () => {
  fc.assert(
    fc.property(profiles, scenarios, faults, ledgers, (p, s, f, l) => {
      const raw = {
        profiles: p,
        ledgers: l,
        trading: { periodMinutes: 60, windowMinutes: 5 },
        ...(s === undefined ? {} : { scenarios: s }),
        ...(f === undefined ? {} : { faults: f }),
      };
      const validate = outcome(() => prepareRun(parseRunConfig(raw, "gen"), dir));
      const run = outcome(() => simulate(parseRunConfig(raw, "gen"), dir));
      assert.equal(validate, run, JSON.stringify(raw));
    }),
    { numRuns: 60, seed: 20261125 },
  );
});
