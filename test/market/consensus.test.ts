import { test } from "node:test";
import assert from "node:assert/strict";
import {
  BUY,
  consensusRound,
  createConsensus,
  DEFAULT_LIMITS,
  drawLimitPrice,
  finishConsensus,
  runConsensus,
  SELL,
  type MarketAgents,
} from "../../sim/market/index.js";
import { Streams, type RandomStream } from "../../sim/kernel/random.js";

/** A microgrid-like market: `buyers` then `sellers`, limits from the default distribution. */
function market(
  seed: number,
  buyers: number,
  sellers: number,
): { agents: MarketAgents; streams: RandomStream[] } {
  const n = buyers + sellers;
  const root = new Streams(seed);
  const agents: MarketAgents = {
    n,
    side: new Uint8Array(n),
    quantity: new Float64Array(n),
    limit: new Float64Array(n),
  };
  const streams: RandomStream[] = [];
  for (let a = 0; a < n; a++) {
    const side = a < buyers ? BUY : SELL;
    const draws = root.get(`agent/${a}/setup`);
    agents.side[a] = side;
    agents.quantity[a] = draws.int(100, 2000);
    agents.limit[a] = drawLimitPrice(side, DEFAULT_LIMITS, "split-midpoint", draws);
    streams.push(root.get(`agent/${a}/market`));
  }
  return { agents, streams };
}

test("runConsensus is deterministic for a seed", () => {
  const a = market(11, 6, 4);
  const b = market(11, 6, 4);
  const x = runConsensus(a.agents, a.streams);
  const y = runConsensus(b.agents, b.streams);
  assert.deepEqual(x, y);
});

test("the outcome conserves energy: buyer fills = seller fills = volume, no fill above its quantity", () => {
  const { agents, streams } = market(12, 5, 5);
  const out = runConsensus(agents, streams);
  let bought = 0;
  let sold = 0;
  for (let a = 0; a < agents.n; a++) {
    const f = out.fill[a] as number;
    assert.ok(f >= 0 && f <= (agents.quantity[a] as number));
    assert.equal(out.residual[a], (agents.quantity[a] as number) - f);
    if (agents.side[a] === BUY) bought += f;
    else sold += f;
  }
  assert.equal(bought, out.volume);
  assert.equal(sold, out.volume);
});

test("consensus is declared after k consecutive rounds with |dMCP| < epsilon, not before", () => {
  const { agents, streams } = market(13, 5, 5);
  const out = runConsensus(agents, streams, { config: { k: 3 } });
  assert.equal(out.source, "consensus");
  const mcp = Array.from(out.history.mcp);
  const small = mcp.slice(1).map((p, i) => Math.abs(p - (mcp[i] as number)) < 0.01);
  assert.deepEqual(small.slice(-3), [true, true, true]);
  for (let t = 0; t + 3 < small.length; t++) assert.ok(!(small[t] && small[t + 1] && small[t + 2]));
  assert.equal(out.price, mcp[mcp.length - 1]);
});

test("each round reports MCP, volume and the number of orders", () => {
  const { agents, streams } = market(14, 4, 3);
  const state = createConsensus(agents, streams);
  const report = consensusRound(state);
  assert.equal(report.round, 1);
  assert.equal(report.orders, 7);
  assert.ok(report.mcp > DEFAULT_LIMITS.pgs && report.mcp < DEFAULT_LIMITS.pgb);
  assert.ok(report.volume >= 0);
  assert.deepEqual(state.history.orders, [7]);
});

test("stopping at maxRounds falls back to eq. (1) on the last cleared book", () => {
  const { agents, streams } = market(15, 5, 5);
  const out = runConsensus(agents, streams, { config: { maxRounds: 1 } });
  assert.equal(out.source, "fallback");
  assert.equal(out.rounds, 1);
});

test("a round budget of 0 falls back on the first bids; the budget caps maxRounds", () => {
  const { agents, streams } = market(16, 5, 5);
  const none = runConsensus(agents, streams, { roundBudget: 0 });
  assert.deepEqual([none.source, none.rounds], ["fallback", 0]);
  const two = runConsensus(market(16, 5, 5).agents, market(16, 5, 5).streams, { roundBudget: 2 });
  assert.ok(two.rounds <= 2);
});

test("fallback fills never make a buyer pay above its last bid or a seller receive below its ask", () => {
  const { agents, streams } = market(17, 6, 6);
  const state = createConsensus(agents, streams, { config: { fallback: "as-printed" } });
  consensusRound(state);
  const out = finishConsensus(state);
  for (let k = 0; k < state.book.n; k++) {
    const a = state.book.owner[k] as number;
    if ((out.fill[a] as number) === 0) continue;
    const bid = state.book.price[k] as number;
    assert.ok(agents.side[a] === BUY ? bid >= out.price : bid <= out.price);
  }
});

test("only bids that arrived are cleared; the others keep their r", () => {
  const { agents, streams } = market(18, 4, 4);
  const state = createConsensus(agents, streams);
  const arrived = new Uint8Array(agents.n).fill(1);
  arrived[0] = 0;
  arrived[5] = 0;
  const r0 = state.r[0];
  const report = consensusRound(state, arrived);
  assert.equal(report.orders, 6);
  assert.equal(state.fill[0], 0);
  assert.equal(state.r[0], r0);
});

test("agents offering nothing are left out of the book", () => {
  const { agents, streams } = market(19, 4, 4);
  agents.quantity[2] = 0;
  const state = createConsensus(agents, streams);
  assert.equal(consensusRound(state).orders, 7);
});

test("a round after consensus is refused", () => {
  const { agents, streams } = market(20, 4, 4);
  const state = createConsensus(agents, streams);
  while (!state.consensus && state.round < 100) consensusRound(state);
  assert.ok(state.consensus);
  assert.throws(() => consensusRound(state), /consensus already reached/);
});

test("ZIC bidders redraw their bids every round", () => {
  const { agents, streams } = market(21, 4, 4);
  const state = createConsensus(agents, streams, { config: { bidder: "zic" } });
  const before = Array.from(state.bid);
  consensusRound(state);
  assert.notDeepEqual(Array.from(state.bid), before);
  assert.ok(Array.from(state.r).every((r) => r === 0));
});

test("when demand far exceeds supply buyers become more aggressive (the paper's r -> 1 trend)", () => {
  const { agents, streams } = market(22, 12, 3);
  const state = createConsensus(agents, streams, { config: { epsilon: 0 } });
  const meanBuyerR = (): number => {
    let s = 0;
    for (let a = 0; a < 12; a++) s += state.r[a] as number;
    return s / 12;
  };
  const first = meanBuyerR();
  for (let t = 0; t < 30; t++) consensusRound(state);
  assert.ok(meanBuyerR() > first + 0.1, `${first} -> ${meanBuyerR()}`);
});

test("mismatched agent arrays or too few streams are refused", () => {
  const { agents, streams } = market(23, 2, 2);
  assert.throws(() => createConsensus(agents, streams.slice(1)), RangeError);
  assert.throws(() => createConsensus({ ...agents, n: 9 }, streams), RangeError);
});

test("rounds on an empty or one-sided book never count towards consensus", () => {
  const agents: MarketAgents = {
    n: 2,
    side: Uint8Array.from([BUY, SELL]),
    quantity: Float64Array.from([1000, 1000]),
    limit: Float64Array.from([17, 5]),
  };
  const streams = [0, 1].map((a) => new Streams(1).get(`a/${a}`));
  const state = createConsensus(agents, streams, { limits: DEFAULT_LIMITS });
  const nothing = Uint8Array.from([0, 0]);
  const buyerOnly = Uint8Array.from([1, 0]);
  for (let k = 0; k < 5; k++)
    assert.equal(consensusRound(state, nothing).consensus, false, `empty round ${k}`);
  for (let k = 0; k < 5; k++)
    assert.equal(consensusRound(state, buyerOnly).consensus, false, `one-sided round ${k}`);
  assert.equal(state.stable, 0);
});
