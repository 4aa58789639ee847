import { test } from "node:test";
import assert from "node:assert/strict";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseRunConfig, loadRunConfig } from "../../experiments/config/load.js";
import { InputError } from "../../experiments/cli/errors.js";
import { buildProfile, simulate } from "../../experiments/run/simulate.js";
import { generateProfile, paperProfileConfig } from "../../sim/data/index.js";
import { Streams } from "../../sim/kernel/index.js";

const PAPER = fileURLToPath(new URL("../../experiments/paper/paper.json", import.meta.url));
const REAL = fileURLToPath(new URL("../../experiments/paper/paper-real.json", import.meta.url));
const profileOf = (profiles: object) =>
  buildProfile(parseRunConfig({ profiles: { source: "synthetic", days: 1, ...profiles } }, "cfg.json"), ".");

test("the paper config's synthetic week is exactly the generator's paper profile", () => {
  const config = loadRunConfig(PAPER);
  const profile = buildProfile(config, dirname(PAPER));
  const generated = generateProfile(paperProfileConfig(), new Streams(config.seed));
  assert.deepEqual(profile.pv, generated.pv);
  assert.deepEqual(profile.load, generated.load);
});

test("the resolved shift defaults to MG3's 12 h of generation for the paper preset only", () => {
  const resolve = (profiles: object) => parseRunConfig({ profiles }, "cfg.json").profiles;
  assert.deepEqual(resolve({ source: "synthetic" }), {
    source: "synthetic",
    preset: "paper",
    microgrids: 3,
    agentsPerMicrogrid: 5,
    start: "2022-06-06T00:00:00+01:00",
    days: 7,
    shiftHours: { MG3: 12 },
    shiftSeries: "pv",
  });
  assert.deepEqual(resolve({ source: "synthetic", preset: "uniform" }).shiftHours, {});
  assert.deepEqual(resolve({ source: "csv", file: "a.csv", households: "h.csv" }).shiftHours, {});
});

test("the uniform preset with one microgrid runs", () => {
  const config = parseRunConfig(
    {
      profiles: { source: "synthetic", preset: "uniform", microgrids: 1, agentsPerMicrogrid: 2, days: 1 },
      scenarios: ["grid"],
      ledgers: ["ideal"],
    },
    "cfg.json",
  );
  const result = simulate(config, ".");
  assert.deepEqual(result.profile.microgrids, ["MG1"]);
  assert.equal(result.runs.length, 1);
});

test("the paper preset honours agentsPerMicrogrid: 20 gives 60 agents", () => {
  const profile = profileOf({ preset: "paper", agentsPerMicrogrid: 20 });
  assert.equal(profile.agents.length, 60);
  assert.deepEqual(profile.microgrids, ["MG1", "MG2", "MG3"]);
});

test("the paper preset refuses another number of microgrids, pointing to the uniform preset", () => {
  assert.throws(
    () => parseRunConfig({ profiles: { source: "synthetic", microgrids: 4 } }, "cfg.json"),
    (e: unknown) =>
      e instanceof InputError &&
      /field "profiles\.microgrids": the paper preset has 3 microgrids, got 4; use "preset": "uniform"/.test(
        e.message,
      ),
  );
});

test("a shift naming a microgrid the profile does not have is an input error listing the known ones", () => {
  assert.throws(
    () => profileOf({ preset: "uniform", microgrids: 2, shiftHours: { MG3: 12 } }),
    (e: unknown) =>
      e instanceof InputError &&
      /profiles\.shiftHours\.MG3: unknown microgrid \(known: MG1, MG2\)/.test(e.message),
  );
});

test("shiftSeries load moves the named microgrid's consumption, not its generation", () => {
  const plain = profileOf({ shiftHours: {} });
  const shifted = profileOf({ shiftHours: { MG2: 12 }, shiftSeries: "load" });
  assert.deepEqual(shifted.pv, plain.pv);
  assert.notDeepEqual(shifted.load, plain.load);
});

test("the real-data config loads 15 households in 3 microgrids from the repository", () => {
  const config = loadRunConfig(REAL);
  assert.equal(config.profiles.source, "csv");
  assert.deepEqual(config.profiles.shiftHours, { MG3: 12 });
  const profile = buildProfile(config, dirname(REAL));
  assert.equal(profile.agents.length, 15);
  assert.deepEqual(profile.microgrids, ["MG1", "MG2", "MG3"]);
  assert.equal(profile.periods, 7 * 48);
  assert.equal(profile.startIso, "2016-08-15T00:00:00-07:00");
});
