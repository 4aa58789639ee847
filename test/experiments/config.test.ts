import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseRunConfig } from "../../experiments/config/load.js";
import { SCHEMA_PATH, schemaText } from "../../experiments/config/write-schema.js";
import { InputError } from "../../experiments/cli/errors.js";

test("experiments/schema.json is in sync with the validator (make schema regenerates it)", () => {
  assert.equal(readFileSync(SCHEMA_PATH, "utf8"), schemaText());
});

test("an empty config resolves to the paper's defaults", () => {
  const c = parseRunConfig({}, "empty.json");
  assert.deepEqual(c.limits, { pgs: 3.2, pgb: 18.9 });
  assert.equal(c.market.theta, 2);
  assert.equal(c.market.equations, "corrected");
  assert.deepEqual(c.scenarios, ["grid", "MG1+MG2", "MG1+MG3", "MG2+MG3", "all"]);
});

test("bad fields are reported with the file and the field path", () => {
  assert.throws(
    () => parseRunConfig({ market: { learning: { beta: 2 } }, seed: 1.5 }, "cfg.json"),
    (e: unknown) =>
      e instanceof InputError &&
      /cfg\.json/.test(e.message) &&
      /market\.learning\.beta/.test(e.message) &&
      /"seed"/.test(e.message),
  );
});

test("unknown fields are rejected, not ignored", () => {
  assert.throws(() => parseRunConfig({ markt: {} }, "cfg.json"), /Unrecognized key.*markt/);
});

test("pgs must be below pgb", () => {
  assert.throws(
    () => parseRunConfig({ limits: { pgs: 20, pgb: 18.9 } }, "cfg.json"),
    /pgs must be below pgb/,
  );
});

test("the trading window must fit in the period and hold at least one round", () => {
  assert.throws(
    () => parseRunConfig({ trading: { windowMinutes: 30 } }, "cfg.json"),
    /trading\.windowMinutes.*shorter than periodMinutes/,
  );
  assert.throws(
    () => parseRunConfig({ trading: { windowMinutes: 1, roundSeconds: { iota: 90 } } }, "cfg.json"),
    /trading\.roundSeconds\.iota/,
  );
  assert.throws(() => parseRunConfig({ trading: { periodMinutes: 7 } }, "cfg.json"), /divides a day/);
});

test("ledger overrides are checked against the models' parameters", () => {
  assert.throws(
    () => parseRunConfig({ iota: { committeeSize: 4 } }, "cfg.json"),
    /field "iota\.committeeSize": unknown/,
  );
  assert.throws(
    () => parseRunConfig({ ethereum: { blocks: { gasLimit: "30M" } } }, "cfg.json"),
    /ethereum\.blocks\.gasLimit": expected a number/,
  );
  assert.deepEqual(parseRunConfig({ iota: { wasp: { committeeSize: 7 } } }, "cfg.json").iota, {
    wasp: { committeeSize: 7 },
  });
  assert.throws(
    () => parseRunConfig({ iota: { wasp: { committeeSize: 0 } } }, "cfg.json"),
    /committeeSize must be >= 1/,
  );
});

test("ledgers are registered names: an unknown one is an input error listing the known names", () => {
  assert.throws(
    () => parseRunConfig({ ledgers: ["iota", "hashgraph"] }, "cfg.json"),
    (e: unknown) =>
      e instanceof InputError &&
      e.message ===
        'cfg.json: field "ledgers.1": unknown ledger "hashgraph" (known: ethereum, ethereum-pos, ethereum-pos-2026, ideal, iota, iota-rebased, iota-rebased-isc, op-rollup)',
  );
  assert.throws(
    () => parseRunConfig({ trading: { roundSeconds: { hashgraph: 5 } } }, "cfg.json"),
    /field "trading\.roundSeconds\.hashgraph": unknown ledger "hashgraph" \(known: ethereum, ethereum-pos, ethereum-pos-2026, ideal, iota, iota-rebased, iota-rebased-isc, op-rollup\)/,
  );
  assert.throws(
    () => parseRunConfig({ ledgerOptions: { hashgraph: {} } }, "cfg.json"),
    /field "ledgerOptions\.hashgraph": unknown ledger "hashgraph"/,
  );
  assert.throws(
    () => parseRunConfig({ ledgerOptions: { iota: {} } }, "cfg.json"),
    /field "ledgerOptions\.iota": set in the top-level "iota" field/,
  );
});

test("round lengths default to each ledger's own and can be set per ledger", () => {
  assert.deepEqual(parseRunConfig({}, "cfg.json").trading.roundSeconds, {
    ethereum: 30,
    "ethereum-pos": 30,
    "ethereum-pos-2026": 30,
    ideal: 10,
    iota: 20,
    "iota-rebased": 10,
    "iota-rebased-isc": 10,
    "op-rollup": 10,
  });
  assert.deepEqual(
    parseRunConfig({ trading: { roundSeconds: { iota: 25 } } }, "cfg.json").trading.roundSeconds,
    {
      ethereum: 30,
      "ethereum-pos": 30,
      "ethereum-pos-2026": 30,
      ideal: 10,
      iota: 25,
      "iota-rebased": 10,
      "iota-rebased-isc": 10,
      "op-rollup": 10,
    },
  );
});
