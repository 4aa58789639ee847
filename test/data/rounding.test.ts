import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { resampleProblem, resampleWh, roundCumulativeInPlace, splitEvenly } from "../../sim/data/index.js";

const MIN = 60_000;
const energies = fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { maxLength: 200 });
const integerWh = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 200 });
const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((s, v) => s + v, 0);

test("cumulative rounding gives non-negative integers totalling the rounded exact total", () => {
  fc.assert(
    fc.property(energies, (xs) => {
      const values = Float64Array.from(xs);
      const total = roundCumulativeInPlace(values);
      assert.ok(values.every((v) => Number.isInteger(v) && v >= 0));
      assert.equal(sum(values), total);
      assert.ok(Math.abs(total - sum(xs)) <= 0.5 + 1e-6);
    }),
  );
});

test("cumulative rounding moves no period by 1 Wh or more", () => {
  fc.assert(
    fc.property(energies, (xs) => {
      const values = Float64Array.from(xs);
      roundCumulativeInPlace(values);
      values.forEach((v, i) => assert.ok(Math.abs(v - xs[i]!) < 1 + 1e-6, `${v} vs ${xs[i]}`));
    }),
  );
});

test("cumulative rounding of a slice leaves the rest of the array alone", () => {
  const values = Float64Array.from([0.4, 0.4, 0.4, 0.4, 0.4]);
  roundCumulativeInPlace(values, 1, 3);
  assert.deepEqual(Array.from(values), [0.4, 0, 1, 0, 0.4]);
});

test("splitEvenly sums exactly and its parts differ by at most 1 Wh", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 60 }), (total, parts) => {
      const out = new Float64Array(parts);
      splitEvenly(total, parts, out, 0);
      assert.equal(sum(out), total);
      assert.ok(Math.max(...out) - Math.min(...out) <= 1);
    }),
  );
});

test("resampling to shorter periods preserves the total exactly in Wh", () => {
  fc.assert(
    fc.property(integerWh, fc.constantFrom(1, 2, 3, 4, 6, 12), (xs, k) => {
      const out = resampleWh(Float64Array.from(xs), 60 * MIN, (60 * MIN) / k);
      assert.equal(out.length, xs.length * k);
      assert.equal(sum(out), sum(xs));
      assert.ok(out.every((v) => Number.isInteger(v) && v >= 0));
    }),
  );
});

test("resampling to longer periods preserves the total exactly in Wh", () => {
  fc.assert(
    fc.property(fc.constantFrom(1, 2, 3, 4, 6), integerWh, (k, xs) => {
      const whole = xs.slice(0, xs.length - (xs.length % k));
      const out = resampleWh(Float64Array.from(whole), 5 * MIN, 5 * MIN * k);
      assert.equal(out.length, whole.length / k);
      assert.equal(sum(out), sum(whole));
    }),
  );
});

test("splitting then summing back returns the original series", () => {
  fc.assert(
    fc.property(integerWh, fc.constantFrom(2, 3, 4), (xs, k) => {
      const fine = resampleWh(Float64Array.from(xs), 30 * MIN * k, 30 * MIN);
      assert.deepEqual(Array.from(resampleWh(fine, 30 * MIN, 30 * MIN * k)), xs);
    }),
  );
});

test("resampling refuses lengths that do not divide or leave a partial period", () => {
  assert.match(resampleProblem(45 * MIN, 30 * MIN, 4) ?? "", /not a whole multiple/);
  assert.match(resampleProblem(20 * MIN, 30 * MIN, 6) ?? "", /not a whole multiple/);
  assert.match(resampleProblem(15 * MIN, 30 * MIN, 5) ?? "", /do not make whole/);
  assert.equal(resampleProblem(15 * MIN, 30 * MIN, 6), undefined);
  assert.throws(() => resampleWh(new Float64Array(3), 15 * MIN, 30 * MIN), RangeError);
});
