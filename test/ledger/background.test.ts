import { test } from "node:test";
import assert from "node:assert/strict";
import { Streams } from "../../sim/kernel/index.js";
import {
  BackgroundDemand,
  DEFAULT_ETHEREUM_CONFIG,
  NO_FAULTS,
  erfc,
  lognormalSurvival,
} from "../../sim/ledger/index.js";
import { meanCv } from "./fixtures.js";

test("erfc matches reference values to 2e-7 (Abramowitz & Stegun 7.1.26)", () => {
  assert.ok(Math.abs(erfc(0) - 1) < 2e-7);
  assert.ok(Math.abs(erfc(0.5) - 0.4795001222) < 2e-7);
  assert.ok(Math.abs(erfc(-1) - 1.8427007929) < 2e-7);
  assert.ok(Math.abs(erfc(2) - 0.004677735) < 2e-7);
});

test("background gas demand per block has the configured mean and CV", () => {
  const bg = new BackgroundDemand(DEFAULT_ETHEREUM_CONFIG.background, new Streams(3).get("bg"), NO_FAULTS);
  const xs = Float64Array.from({ length: 20_000 }, () => bg.demandAt(0));
  const { mean, cv } = meanCv(xs);
  assert.ok(Math.abs(mean / 20e6 - 1) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(cv - 0.3) < 0.01, `cv ${cv}`);
});

test("the default fee caps put the EIP-1559 equilibrium at 17 gwei: 75 % of 20 M gas pays 17 gwei", () => {
  const bg = new BackgroundDemand(DEFAULT_ETHEREUM_CONFIG.background, new Streams(3).get("bg"), NO_FAULTS);
  assert.ok(Math.abs(bg.payingShare(17) - 0.75) < 0.001);
  assert.ok(Math.abs(lognormalSurvival(23.82, 23.82, 0.5) - 0.5) < 1e-9);
  assert.equal(bg.tipAbove(0), 1);
});
