import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { LatencyHistogram, nearestRank } from "../../sim/ledger/index.js";
import { binOf, lowerEdgeOf } from "../../sim/ledger/latency-histogram.js";

test("every whole latency falls in the bin whose edges bracket it", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 39 }), (ms) => {
      const b = binOf(ms);
      assert.ok(lowerEdgeOf(b) <= ms, `${ms} below its bin's edge ${lowerEdgeOf(b)}`);
      assert.ok(lowerEdgeOf(b + 1) > ms, `${ms} reaches the next bin's edge ${lowerEdgeOf(b + 1)}`);
      assert.ok(lowerEdgeOf(b + 1) - lowerEdgeOf(b) <= Math.max(1, ms / 1024));
    }),
  );
});

test("bins are exact below 2048 ms and at powers of two", () => {
  for (const ms of [0, 1, 2047, 2048, 4096, 2 ** 20, 2 ** 30]) assert.equal(lowerEdgeOf(binOf(ms)), ms);
});

test("histogram percentiles are within 0.1 % below the exact nearest-rank ones; count, mean and max are exact", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 300 }),
      fc.constantFrom(0.05, 0.5, 0.95, 1),
      (values, q) => {
        const h = new LatencyHistogram();
        for (const v of values) h.add(v);
        const sorted = Float64Array.from(values).sort();
        const exact = nearestRank(sorted, q);
        const got = h.quantile(q);
        assert.ok(got <= exact && got >= exact * (1 - 1 / 1024), `q ${q}: ${got} vs ${exact}`);
        assert.equal(h.count, values.length);
        assert.equal(
          h.sumMs,
          values.reduce((a, b) => a + b, 0),
        );
        assert.equal(h.maxMs, sorted[sorted.length - 1]);
      },
    ),
  );
});

test("merging two histograms equals adding both samples to one", () => {
  const a = new LatencyHistogram();
  const b = new LatencyHistogram();
  const both = new LatencyHistogram();
  for (let i = 0; i < 1000; i++) {
    const v = (i * 7919) % 100_003;
    (i % 3 === 0 ? a : b).add(v);
    both.add(v);
  }
  const merged = a.clone();
  merged.merge(b);
  for (const q of [0.1, 0.5, 0.95]) assert.equal(merged.quantile(q), both.quantile(q));
  assert.equal(merged.count, both.count);
  assert.equal(merged.maxMs, both.maxMs);
});

test("an empty histogram reports NaN", () => {
  assert.ok(Number.isNaN(new LatencyHistogram().quantile(0.5)));
});
