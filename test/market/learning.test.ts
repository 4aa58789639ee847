import { test } from "node:test";
import assert from "node:assert/strict";
import {
  BUY,
  DEFAULT_MARKET_CONFIG,
  initialAggressiveness,
  lower,
  marketConfig,
  mustRaise,
  raise,
  SELL,
  updateAggressiveness,
  type RoundOutcome,
} from "../../sim/market/index.js";
import { RandomStream, Streams } from "../../sim/kernel/random.js";

const learning = DEFAULT_MARKET_CONFIG.learning;
const shape = { theta: 2, equations: "corrected" as const };

function outcome(over: Partial<RoundOutcome>): RoundOutcome {
  return {
    side: BUY,
    r: 0.2,
    bid: 10,
    anchor: 10,
    quantity: 100,
    fill: 0,
    mcp: 11,
    demand: 500,
    supply: 300,
    c: 3.2,
    l: 16,
    ...over,
  };
}

/** A stream whose draws are all `u` (to pin the free-update coin). */
const fixed = (u: number): RandomStream => new RandomStream("fixed", () => u);

test("AA short-term learning: raise moves r toward (1 + lambda_r) r_shout + lambda_a by beta", () => {
  const r = raise(0.1, 0.5, learning);
  assert.ok(Math.abs(r - (0.1 + 0.4 * (0.5 * 1.02 + 0.01 - 0.1))) < 1e-12);
});

test("lower moves r toward (1 - lambda_r) r_shout - lambda_a by beta", () => {
  const r = lower(0.6, 0.2, learning);
  assert.ok(Math.abs(r - (0.6 + 0.4 * (0.2 * 0.98 - 0.01 - 0.6))) < 1e-12);
});

test("raise never lowers r, even for a negative r_shout, and stays within [-1, 1]", () => {
  for (const [r, s] of [
    [-0.9, -0.95],
    [0.3, -0.2],
    [0.99, 1],
  ] as const) {
    const next = raise(r, s, learning);
    assert.ok(next > r && next <= 1, `${r} -> ${next}`);
  }
});

test("as-described: a losing buyer must raise when demand exceeds supply", () => {
  assert.equal(mustRaise(outcome({ fill: 0 }), "as-described"), true);
  assert.equal(mustRaise(outcome({ fill: 40 }), "as-described"), true);
  assert.equal(mustRaise(outcome({ fill: 100 }), "as-described"), false);
  assert.equal(mustRaise(outcome({ fill: 0, demand: 300, supply: 500 }), "as-described"), false);
});

test("as-described: a losing seller must raise when supply exceeds demand", () => {
  const o = outcome({ side: SELL, bid: 12, demand: 300, supply: 500, c: 6, l: 18.9 });
  assert.equal(mustRaise(o, "as-described"), true);
  assert.equal(mustRaise({ ...o, demand: 600 }, "as-described"), false);
});

test("as-printed: a buyer is forced when demand < supply and its bid is below the MCP", () => {
  assert.equal(mustRaise(outcome({ demand: 300, supply: 500 }), "as-printed"), true);
  assert.equal(mustRaise(outcome({}), "as-printed"), false);
});

test("as-printed: a seller is forced when demand > supply and its ask is below the MCP", () => {
  assert.equal(mustRaise(outcome({ side: SELL, bid: 9, c: 6, l: 18.9 }), "as-printed"), true);
  assert.equal(mustRaise(outcome({ side: SELL, bid: 12, c: 6, l: 18.9 }), "as-printed"), false);
});

test("a forced loser becomes more aggressive (r_shout from the anchor its bid was formed with)", () => {
  const next = updateAggressiveness(outcome({}), learning, shape, fixed(0.99));
  assert.ok(next > 0.2);
});

test("a free loser raises r when its coin says so and keeps it otherwise", () => {
  const o = outcome({ demand: 300, supply: 500 });
  assert.ok(updateAggressiveness(o, learning, shape, fixed(0.1)) > 0.2);
  assert.equal(updateAggressiveness(o, learning, shape, fixed(0.9)), 0.2);
});

test("a winner keeps r by default", () => {
  const o = outcome({ fill: 100, bid: 12, mcp: 11 });
  assert.equal(updateAggressiveness(o, learning, shape, fixed(0.5)), 0.2);
});

test("winners = 'lower': a winner with margin becomes less aggressive, one at the MCP keeps r", () => {
  const lowerCfg = marketConfig({ learning: { winners: "lower" } }).learning;
  const withMargin = outcome({ fill: 100, bid: 12, anchor: 11, mcp: 11 });
  assert.ok(updateAggressiveness(withMargin, lowerCfg, shape, fixed(0.5)) < 0.2);
  const atMcp = outcome({ fill: 100, bid: 11, mcp: 11 });
  assert.equal(updateAggressiveness(atMcp, lowerCfg, shape, fixed(0.5)), 0.2);
});

test("an agent that offered nothing keeps its r", () => {
  assert.equal(updateAggressiveness(outcome({ quantity: 0 }), learning, shape, fixed(0.1)), 0.2);
});

test("learning is deterministic given the agent's stream", () => {
  const o = outcome({ demand: 300, supply: 500 });
  const run = (): number[] => {
    const s = new Streams(7).fresh("agent/3/learn");
    return [1, 2, 3].map(() => updateAggressiveness(o, learning, shape, s));
  };
  assert.deepEqual(run(), run());
});

test("initial aggressiveness: eager in [0, 1], random in [-1, 1], neutral 0", () => {
  const s = new Streams(1).fresh("init");
  for (let i = 0; i < 200; i++) {
    const e = initialAggressiveness("eager", s);
    const r = initialAggressiveness("random", s);
    assert.ok(e >= 0 && e <= 1 && r >= -1 && r <= 1);
  }
  assert.equal(initialAggressiveness("neutral", s), 0);
});
