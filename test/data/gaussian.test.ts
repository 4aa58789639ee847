import assert from "node:assert/strict";
import { test } from "node:test";
import { Streams } from "../../sim/kernel/index.js";
import { GaussianSource } from "../../sim/data/index.js";

test("the polar-method source draws standard normals (mean, variance, tail share)", () => {
  const g = new GaussianSource(new Streams(11).fresh("g"));
  const n = 200_000;
  let sum = 0;
  let sq = 0;
  let beyond2 = 0;
  for (let i = 0; i < n; i++) {
    const x = g.next();
    sum += x;
    sq += x * x;
    if (Math.abs(x) > 2) beyond2++;
  }
  assert.ok(Math.abs(sum / n) < 0.01, `mean ${sum / n}`);
  assert.ok(Math.abs(sq / n - 1) < 0.015, `variance ${sq / n}`);
  assert.ok(Math.abs(beyond2 / n - 0.0455) < 0.003, `P(|x|>2) ${beyond2 / n}`);
});

test("the source is a pure function of its stream", () => {
  const draw = (): number[] => {
    const g = new GaussianSource(new Streams(5).fresh("same"));
    return Array.from({ length: 7 }, () => g.next());
  };
  assert.deepEqual(draw(), draw());
});
