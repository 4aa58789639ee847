import { test } from "node:test";
import assert from "node:assert/strict";
import { BUY, DEFAULT_LIMITS, drawLimitPrice, PRICE_TICK, SELL } from "../../sim/market/index.js";
import { Streams } from "../../sim/kernel/random.js";

const L = DEFAULT_LIMITS;
const mid = (L.pgs + L.pgb) / 2;
const onGrid = (p: number): boolean => Math.abs(p * 1e4 - Math.round(p * 1e4)) < 1e-6;

test("split-midpoint: buyers' limits in [mid, Pgb), sellers' in (Pgs, mid], on the tick grid", () => {
  const s = new Streams(3).fresh("limits");
  for (let i = 0; i < 500; i++) {
    const b = drawLimitPrice(BUY, L, "split-midpoint", s);
    const a = drawLimitPrice(SELL, L, "split-midpoint", s);
    assert.ok(b >= mid - PRICE_TICK && b < L.pgb && onGrid(b), `buyer ${b}`);
    assert.ok(a > L.pgs && a <= mid + PRICE_TICK && onGrid(a), `seller ${a}`);
  }
});

test("uniform: both sides anywhere strictly inside (Pgs, Pgb)", () => {
  const s = new Streams(3).fresh("limits");
  let belowMid = 0;
  for (let i = 0; i < 500; i++) {
    const b = drawLimitPrice(BUY, L, "uniform", s);
    assert.ok(b > L.pgs && b < L.pgb);
    if (b < mid) belowMid++;
  }
  assert.ok(belowMid > 150 && belowMid < 350);
});

test("grid: the grid prices one tick inside, no draw", () => {
  const s = new Streams(3).fresh("limits");
  assert.equal(drawLimitPrice(BUY, L, "grid", s), 18.8999);
  assert.equal(drawLimitPrice(SELL, L, "grid", s), 3.2001);
});

test("a limit depends only on the agent's own stream", () => {
  const a = drawLimitPrice(BUY, L, "split-midpoint", new Streams(9).fresh("agent/4/limit"));
  const streams = new Streams(9);
  drawLimitPrice(BUY, L, "split-midpoint", streams.get("agent/3/limit"));
  assert.equal(drawLimitPrice(BUY, L, "split-midpoint", streams.get("agent/4/limit")), a);
});
