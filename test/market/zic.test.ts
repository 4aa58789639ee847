import { test } from "node:test";
import assert from "node:assert/strict";
import { BUY, DEFAULT_LIMITS, SELL, zicBid } from "../../sim/market/index.js";
import { Streams } from "../../sim/kernel/random.js";

const L = DEFAULT_LIMITS;

test("ZIC buyers bid within (Pgs, limit], never loss-making", () => {
  const s = new Streams(5).fresh("zic");
  for (let i = 0; i < 1000; i++) {
    const p = zicBid(BUY, 12.5, L, s);
    assert.ok(p > L.pgs && p <= 12.5, `${p}`);
  }
});

test("ZIC sellers ask within [limit, Pgb)", () => {
  const s = new Streams(5).fresh("zic");
  for (let i = 0; i < 1000; i++) {
    const p = zicBid(SELL, 7.25, L, s);
    assert.ok(p >= 7.25 && p < L.pgb, `${p}`);
  }
});

test("ZIC bids cover their range (uniform, not stuck at one end)", () => {
  const s = new Streams(5).fresh("zic");
  const draws = Array.from({ length: 2000 }, () => zicBid(BUY, 13.2, L, s));
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  assert.ok(Math.abs(mean - (L.pgs + 13.2) / 2) < 0.3, `mean ${mean}`);
});
