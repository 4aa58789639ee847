import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  aggressivenessFor,
  bidPrice,
  bidRange,
  BUY,
  DEFAULT_LIMITS,
  expCurve,
  quantizePrice,
  SELL,
  submitPrice,
  type BidEquations,
  type Side,
} from "../../sim/market/index.js";

const L = DEFAULT_LIMITS;
const R = [-1, -0.5, 0, 0.5, 1];
const round2 = (x: number): number => Math.round(x * 100) / 100;
const bids = (side: Side, eq: BidEquations, mcp = 10, c = 3.2, l = 18.9, theta = 2): number[] =>
  R.map((r) => round2(bidPrice(side, r, mcp, c, l, theta, eq)));

test("erratum 1 table (docs/errata.md), buyer (corrected): 3.2, 8.17, 10, 12.39, 18.9", () => {
  assert.deepEqual(bids(BUY, "corrected"), [3.2, 8.17, 10, 12.39, 18.9]);
});

test("erratum 1 table (docs/errata.md), seller (corrected): the mirror 18.9, 12.39, 10, 8.17, 3.2", () => {
  assert.deepEqual(bids(SELL, "corrected"), [18.9, 12.39, 10, 8.17, 3.2]);
});

test("as-printed equations put the limits at r = 0 and the MCP at |r| = 1 (buyer)", () => {
  assert.deepEqual(bids(BUY, "as-printed"), [10, 5.03, 18.9, 16.51, 10]);
});

test("as-printed equations, seller", () => {
  assert.deepEqual(bids(SELL, "as-printed"), [10, 16.51, 3.2, 5.03, 10]);
});

test("E_theta at x = theta |r| with theta = 2 is the paper's E(x) = (e^x - 1)/(e^2 - 1)", () => {
  for (const r of [0.1, 0.37, 0.8]) {
    assert.ok(Math.abs(expCurve(2 * r, 2) - (Math.exp(2 * r) - 1) / (Math.exp(2) - 1)) < 1e-15);
  }
  assert.equal(expCurve(3, 3), 1);
  assert.equal(expCurve(0, 3), 0);
});

test("bid range: a buyer's c is Pgs and l its limit; a seller's c is its limit and l is Pgb", () => {
  assert.deepEqual(bidRange(BUY, 15, L), { c: L.pgs, l: 15 });
  assert.deepEqual(bidRange(SELL, 6, L), { c: 6, l: L.pgb });
});

test("extramarginal buyer (limit below the MCP) bids its limit when r >= 0, never above", () => {
  for (const r of [0, 0.4, 1]) assert.equal(bidPrice(BUY, r, 12, L.pgs, 9, 2, "corrected"), 9);
  const passive = bidPrice(BUY, -0.5, 12, L.pgs, 9, 2, "corrected");
  assert.ok(passive > L.pgs && passive < 9);
});

test("extramarginal seller (limit above the MCP) asks its limit when r >= 0, never below", () => {
  for (const r of [0, 0.4, 1]) assert.equal(bidPrice(SELL, r, 8, 12, L.pgb, 2, "corrected"), 12);
});

// Random agents: an anchor anywhere in the band, a limit anywhere in the band, theta in (0.2, 6).
const agentArb = fc.record({
  side: fc.constantFrom<Side>(BUY, SELL),
  mcp: fc.double({ min: L.pgs, max: L.pgb, noNaN: true }),
  limit: fc.double({ min: L.pgs + 0.01, max: L.pgb - 0.01, noNaN: true }),
  theta: fc.double({ min: 0.2, max: 6, noNaN: true }),
});
const rArb = fc.double({ min: -1, max: 1, noNaN: true });

test("corrected bids stay within [c, l]", () => {
  fc.assert(
    fc.property(agentArb, rArb, ({ side, mcp, limit, theta }, r) => {
      const { c, l } = bidRange(side, limit, L);
      const p = bidPrice(side, r, mcp, c, l, theta, "corrected");
      assert.ok(p >= c - 1e-12 && p <= l + 1e-12, `${p} outside [${c}, ${l}]`);
    }),
    { numRuns: 1000 },
  );
});

test("as-printed bids stay within [c, l] too", () => {
  fc.assert(
    fc.property(agentArb, rArb, ({ side, mcp, limit, theta }, r) => {
      const { c, l } = bidRange(side, limit, L);
      const p = bidPrice(side, r, mcp, c, l, theta, "as-printed");
      assert.ok(p >= c - 1e-12 && p <= l + 1e-12);
    }),
    { numRuns: 500 },
  );
});

test("monotone in r: buyer bid non-decreasing, seller ask non-increasing (corrected)", () => {
  fc.assert(
    fc.property(agentArb, rArb, rArb, ({ side, mcp, limit, theta }, r1, r2) => {
      const { c, l } = bidRange(side, limit, L);
      const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
      const a = bidPrice(side, lo, mcp, c, l, theta, "corrected");
      const b = bidPrice(side, hi, mcp, c, l, theta, "corrected");
      assert.ok(side === BUY ? a <= b + 1e-12 : a >= b - 1e-12);
    }),
    { numRuns: 1000 },
  );
});

test("continuous in r, including at r = 0 (corrected)", () => {
  fc.assert(
    fc.property(agentArb, rArb, ({ side, mcp, limit, theta }, r) => {
      const { c, l } = bidRange(side, limit, L);
      const h = 1e-7;
      const a = bidPrice(side, Math.max(-1, r - h), mcp, c, l, theta, "corrected");
      const b = bidPrice(side, Math.min(1, r + h), mcp, c, l, theta, "corrected");
      // The slope is at most (l - c) theta e^theta / (e^theta - 1) < 16 x 7 per unit r.
      assert.ok(Math.abs(a - b) < 2 * h * 16 * 7 + 1e-12);
      const left = bidPrice(side, -1e-12, mcp, c, l, theta, "corrected");
      const right = bidPrice(side, 0, mcp, c, l, theta, "corrected");
      assert.ok(Math.abs(left - right) < 1e-9);
    }),
    { numRuns: 1000 },
  );
});

test("aggressivenessFor inverts bidPrice (corrected, intramarginal)", () => {
  fc.assert(
    fc.property(agentArb, rArb, ({ side, mcp, limit, theta }, r) => {
      const { c, l } = bidRange(side, limit, L);
      if (mcp < c || mcp > l) return;
      const p = bidPrice(side, r, mcp, c, l, theta, "corrected");
      const back = aggressivenessFor(side, p, mcp, c, l, theta, "corrected");
      assert.ok(Math.abs(bidPrice(side, back, mcp, c, l, theta, "corrected") - p) < 1e-9);
    }),
    { numRuns: 1000 },
  );
});

test("aggressivenessFor clamps to [-1, 1] outside the agent's reach", () => {
  assert.equal(aggressivenessFor(BUY, 18.5, 10, L.pgs, 15, 2, "corrected"), 1);
  assert.equal(aggressivenessFor(BUY, 3.0, 10, L.pgs, 15, 2, "corrected"), -1);
  assert.equal(aggressivenessFor(SELL, 3.0, 10, 6, L.pgb, 2, "corrected"), 1);
  assert.equal(aggressivenessFor(SELL, 19, 10, 6, L.pgb, 2, "corrected"), -1);
});

test("aggressivenessFor inverts the as-printed branches", () => {
  for (const side of [BUY, SELL] as const) {
    for (const r of [-0.7, -0.2, 0.3, 0.9]) {
      const p = bidPrice(side, r, 10, 3.2, 18.9, 2, "as-printed");
      assert.ok(Math.abs(aggressivenessFor(side, p, 10, 3.2, 18.9, 2, "as-printed") - r) < 1e-9);
    }
  }
});

test("quantizePrice rounds half away from zero to the 1e-4 tick and stays inside the limits", () => {
  assert.equal(quantizePrice(10.00014, L), 10.0001);
  assert.equal(quantizePrice(10.00016, L), 10.0002);
  assert.equal(quantizePrice(L.pgs, L), 3.2001);
  assert.equal(quantizePrice(L.pgb, L), 18.8999);
});

test("submitPrice never crosses the agent's own limit", () => {
  assert.equal(submitPrice(15.00009, { c: L.pgs, l: 15 }, L), 15);
  assert.equal(submitPrice(5.99996, { c: 6, l: L.pgb }, L), 6);
  assert.equal(submitPrice(L.pgs, { c: L.pgs, l: 15 }, L), 3.2001);
});
