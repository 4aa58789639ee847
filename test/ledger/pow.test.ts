import { test } from "node:test";
import assert from "node:assert/strict";
import { Streams } from "../../sim/kernel/index.js";
import {
  DEFAULT_IOTA_CONFIG,
  IssueWindow,
  adaptiveDifficulty,
  drawPowMs,
  expectedPowMs,
  type PowParams,
} from "../../sim/ledger/index.js";
import { meanCv } from "./fixtures.js";

const POW: PowParams = DEFAULT_IOTA_CONFIG.pow;

test("difficulty = base + floor(messages in window / messagesPerStep)", () => {
  assert.equal(adaptiveDifficulty(POW, 0), 21);
  assert.equal(adaptiveDifficulty(POW, 5), 21);
  assert.equal(adaptiveDifficulty(POW, 6), 22);
  assert.equal(adaptiveDifficulty(POW, 13), 23);
});

test("default parameters give a quarter of a second at a normal rate, doubling per extra bit", () => {
  assert.equal(expectedPowMs(POW, 21), 250);
  assert.equal(expectedPowMs(POW, 22), 500);
});

test("PoW time is exponential with mean 2^d / hash rate", () => {
  const rng = new Streams(5).get("pow");
  const xs = Float64Array.from({ length: 20_000 }, () => drawPowMs(POW, 21, rng));
  const { mean, cv } = meanCv(xs);
  assert.ok(Math.abs(mean - 250) < 6, `mean ${mean}`);
  assert.ok(Math.abs(cv - 1) < 0.03, `cv ${cv}`);
});

test("the issue window counts a node's messages of the last windowMs only", () => {
  const w = new IssueWindow();
  for (let t = 0; t < 20; t++) w.record(t * 10_000);
  assert.equal(w.recent(190_000, 60_000), 6); // 140k (exclusive) .. 190k
  assert.equal(w.recent(250_000, 60_000), 0);
  w.record(250_000);
  assert.equal(w.recent(250_000, 60_000), 1);
});
