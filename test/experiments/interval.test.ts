import { test } from "node:test";
import assert from "node:assert/strict";
import { interval, t975 } from "../../experiments/run/interval.js";

test("the 95 % interval of a sample uses Student's t with n - 1 degrees of freedom", () => {
  // mean 2, sample sd 1, n = 3: half width t(0.975, 2) / sqrt(3) = 4.303 / 1.732.
  const iv = interval([1, 2, 3]);
  assert.equal(iv.mean, 2);
  assert.ok(Math.abs(iv.hi - 2 - 4.303 / Math.sqrt(3)) < 1e-12);
  assert.ok(Math.abs(2 - iv.lo - 4.303 / Math.sqrt(3)) < 1e-12);
});

test("non-finite values are left out and counted as missing", () => {
  const iv = interval([1, NaN, 3, Infinity]);
  assert.deepEqual([iv.n, iv.missing, iv.mean], [2, 2, 2]);
});

test("one value gives a zero-width interval; none gives NaN", () => {
  assert.deepEqual(interval([5]), { mean: 5, lo: 5, hi: 5, n: 1, missing: 0 });
  assert.ok(Number.isNaN(interval([]).mean));
});

test("t quantiles fall towards the normal 1.96 as the sample grows", () => {
  assert.equal(t975(1), 12.706);
  assert.equal(t975(9), 2.262);
  assert.equal(t975(200), 1.96);
});
