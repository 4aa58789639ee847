// The consensus loop as `runConsensus` drives it (every order visible from the start), and the
// auction state machine's round rules where visibility matters (a ledger confirms orders late).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AABidder,
  Auction,
  BUY,
  DEFAULT_LIMITS,
  drawLimitPrice,
  marketConfig,
  memberStreams,
  nextRound,
  openMarket,
  runConsensus,
  SELL,
  type MarketAgents,
  type MemberStreams,
} from "../../sim/market/index.js";
import { Streams } from "../../sim/kernel/random.js";

/** A microgrid-like market: `buyers` then `sellers`, limits from the default distribution. */
function market(
  seed: number,
  buyers: number,
  sellers: number,
): { agents: MarketAgents; streams: MemberStreams[] } {
  const n = buyers + sellers;
  const root = new Streams(seed);
  const agents: MarketAgents = {
    n,
    side: new Uint8Array(n),
    quantity: new Float64Array(n),
    limit: new Float64Array(n),
  };
  const streams: MemberStreams[] = [];
  for (let a = 0; a < n; a++) {
    const side = a < buyers ? BUY : SELL;
    const draws = root.get(`agent/${a}/setup`);
    agents.side[a] = side;
    agents.quantity[a] = draws.int(100, 2000);
    agents.limit[a] = drawLimitPrice(side, DEFAULT_LIMITS, "split-midpoint", draws);
    streams.push(memberStreams(root, `agent/${a}`));
  }
  return { agents, streams };
}

test("runConsensus is deterministic for a seed", () => {
  const a = market(11, 6, 4);
  const b = market(11, 6, 4);
  assert.deepEqual(runConsensus(a.agents, a.streams), runConsensus(b.agents, b.streams));
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
  assert.ok(out.volume > 0);
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

test("each round reports its MCP, volume and the number of orders in the book", () => {
  const { agents, streams } = market(14, 4, 3);
  const auction = openMarket(agents, streams);
  const { report } = nextRound(auction, false);
  assert.equal(report.round, 1);
  assert.equal(report.orders, 7);
  assert.ok(report.mcp > DEFAULT_LIMITS.pgs && report.mcp < DEFAULT_LIMITS.pgb);
  let filled = 0;
  for (let i = 0; i < agents.n; i++) if (agents.side[i] === BUY) filled += auction.fill[i]!;
  assert.equal(report.volume, filled);
});

test("stopping at maxRounds falls back to eq. (1) on the last cleared book", () => {
  const { agents, streams } = market(15, 5, 5);
  const auction = openMarket(agents, streams, { config: { maxRounds: 3 } });
  let bids: Float64Array = new Float64Array(0);
  for (let k = 1, settled = false; !settled; k++) {
    bids = Float64Array.from(auction.visiblePrice);
    settled = nextRound(auction, false).settled;
  }
  assert.equal(auction.outcome, "fallback");
  assert.equal(auction.rounds, 3);
  // As described: (highest bid + lowest ask) / 2 over the last book.
  let maxBid = -Infinity;
  let minAsk = Infinity;
  for (let i = 0; i < agents.n; i++) {
    if (agents.side[i] === BUY) maxBid = Math.max(maxBid, bids[i]!);
    else minAsk = Math.min(minAsk, bids[i]!);
  }
  assert.equal(auction.mcp, (maxBid + minAsk) / 2);
});

test("a period that trades nothing publishes no price, and the next anchors on the last traded one", () => {
  const agents: MarketAgents = {
    n: 2,
    side: Uint8Array.from([BUY, SELL]),
    quantity: Float64Array.from([1000, 1000]),
    limit: Float64Array.from([15, 6]),
  };
  const root = new Streams(5);
  const auction = hidden(
    agents,
    [0, 1].map((a) => memberStreams(root, `a/${a}`)),
  );
  auction.revealSubmitted(false);
  for (let k = 1; !auction.round(k >= 30); k++) auction.revealSubmitted(true);
  assert.ok(auction.volume > 0);
  const traded = auction.mcp;
  assert.equal(auction.anchor, traded);
  // The next period cannot cross (the buyer's limit is below the seller's): no trade, no price.
  auction.open(Float64Array.of(-1000, 1000), undefined, Float64Array.of(5, 17));
  auction.revealSubmitted(false);
  for (let k = 1; !auction.round(k >= 30); k++) auction.revealSubmitted(true);
  assert.equal(auction.outcome, "no-trade");
  assert.ok(Number.isNaN(auction.mcp), `no-trade price ${auction.mcp}`);
  assert.equal(auction.anchor, traded, "the next period anchors on the last price that traded");
});

test("a book with updates still in flight never counts towards consensus", () => {
  const { agents, streams } = market(24, 4, 4);
  const auction = hidden(agents, streams);
  auction.revealSubmitted(false);
  // The updates after each round never become visible (a stalled ledger): the book stays stale.
  for (let k = 0; k < 10; k++) assert.equal(auction.round(false), false, `round ${k + 1}`);
  assert.equal(auction.stableRounds, 0);
  assert.equal(auction.round(true), true);
  assert.equal(auction.outcome, "fallback");
});

test("a one-sided market settles at once, without rounds", () => {
  const agents: MarketAgents = {
    n: 2,
    side: Uint8Array.from([BUY, BUY]),
    quantity: Float64Array.from([500, 700]),
    limit: Float64Array.from([15, 16]),
  };
  const root = new Streams(3);
  const out = runConsensus(
    agents,
    [0, 1].map((a) => memberStreams(root, `a/${a}`)),
    {
      config: { maxRounds: 1e9 },
    },
  );
  assert.deepEqual([out.source, out.rounds, out.demand, out.volume], ["no-trade", 0, 1200, 0]);
});

test("the round budget caps maxRounds; a budget below one round is refused", () => {
  const { agents, streams } = market(16, 5, 5);
  assert.ok(runConsensus(agents, streams, { roundBudget: 2 }).rounds <= 2);
  assert.throws(() => runConsensus(agents, streams, { roundBudget: 0 }), RangeError);
});

test("fallback fills never make a buyer pay above its last bid or a seller receive below its ask", () => {
  const { agents, streams } = market(17, 6, 6);
  const auction = openMarket(agents, streams, { config: { fallback: "as-printed" } });
  nextRound(auction, false);
  const bids = Float64Array.from(auction.visiblePrice);
  nextRound(auction, true);
  assert.equal(auction.outcome, "fallback");
  for (let i = 0; i < agents.n; i++) {
    if (auction.fill[i] === 0) continue;
    assert.ok(agents.side[i] === BUY ? bids[i]! >= auction.mcp : bids[i]! <= auction.mcp);
  }
});

/** An auction of `agents` whose orders the test reveals itself, as a ledger would. */
function hidden(agents: MarketAgents, streams: MemberStreams[]): Auction {
  const auction = new Auction(agents.n, { streams, config: marketConfig(), limits: DEFAULT_LIMITS });
  const net = Float64Array.from(agents.quantity, (q, i) => (agents.side[i] === SELL ? q : -q));
  auction.open(net, undefined, agents.limit);
  return auction;
}

test("only visible orders are cleared; a member whose order is not visible keeps its r", () => {
  const { agents, streams } = market(18, 4, 4);
  const auction = hidden(agents, streams);
  for (let i = 0; i < agents.n; i++)
    if (i !== 0 && i !== 5) auction.reveal(i, auction.submittedPrice[i]!, auction.submittedAnchor[i]!);
  const r0 = (auction.bidder as AABidder).r[0];
  auction.round(false);
  assert.equal(auction.orders, 6);
  assert.equal(auction.fill[0], 0);
  assert.equal((auction.bidder as AABidder).r[0], r0);
});

test("agents offering nothing are left out of the book", () => {
  const { agents, streams } = market(19, 4, 4);
  agents.quantity[2] = 0;
  const auction = openMarket(agents, streams);
  assert.equal(nextRound(auction, false).report.orders, 7);
});

test("a round after the period settled is refused", () => {
  const { agents, streams } = market(20, 4, 4);
  const auction = openMarket(agents, streams);
  while (!nextRound(auction, false).settled);
  assert.equal(auction.outcome, "consensus");
  assert.throws(() => auction.round(false), /settled already/);
});

test("ZIC bidders redraw their bids every round", () => {
  const { agents, streams } = market(21, 4, 4);
  const auction = openMarket(agents, streams, { config: { bidder: "zic" } });
  const before = Array.from(auction.submittedPrice);
  nextRound(auction, false);
  assert.notDeepEqual(Array.from(auction.submittedPrice), before);
});

test("when demand far exceeds supply buyers become more aggressive (the paper's r -> 1 trend)", () => {
  const { agents, streams } = market(22, 12, 3);
  const auction = openMarket(agents, streams, { config: { epsilon: 0 } });
  const r = (auction.bidder as AABidder).r;
  const meanBuyerR = (): number => r.subarray(0, 12).reduce((s, x) => s + x, 0) / 12;
  const first = meanBuyerR();
  for (let t = 0; t < 30; t++) nextRound(auction, false);
  assert.ok(meanBuyerR() > first + 0.1, `${first} -> ${meanBuyerR()}`);
});

test("mismatched agent arrays or too few streams are refused", () => {
  const { agents, streams } = market(23, 2, 2);
  assert.throws(() => runConsensus(agents, streams.slice(1)), RangeError);
  assert.throws(() => runConsensus({ ...agents, n: 9 }, streams), RangeError);
});

test("rounds on an empty or one-sided visible book never count towards consensus", () => {
  const agents: MarketAgents = {
    n: 2,
    side: Uint8Array.from([BUY, SELL]),
    quantity: Float64Array.from([1000, 1000]),
    limit: Float64Array.from([17, 5]),
  };
  const root = new Streams(1);
  const auction = hidden(
    agents,
    [0, 1].map((a) => memberStreams(root, `a/${a}`)),
  );
  for (let k = 0; k < 5; k++) assert.equal(auction.round(false), false, `empty round ${k}`);
  auction.reveal(0, auction.submittedPrice[0]!, auction.submittedAnchor[0]!);
  for (let k = 0; k < 5; k++) assert.equal(auction.round(false), false, `one-sided round ${k}`);
  assert.equal(auction.stableRounds, 0);
  assert.equal(auction.submittedAnchor[0], (DEFAULT_LIMITS.pgs + DEFAULT_LIMITS.pgb) / 2, "nobody re-priced");
});
