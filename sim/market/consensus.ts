// The price-consensus loop (paper III.B.2) with every order visible from the start: a short driver
// of the auction state machine (auction.ts) that the world runs per microgrid. Used by the
// trader conformance suite, the benches and scripts that study the market alone.
//
// Assumptions and units: prices p/kWh, quantities Wh, agents indexed densely 0..n-1. Pure: no
// kernel, no clock; the caller gives the rounds it can afford (market.maxRounds, further capped by
// a budget derived from its deadline) and three streams per agent (bidder.ts, MemberStreams).
import { BUY, SELL, type MarketLimits, DEFAULT_LIMITS } from "./book.js";
import { Auction, type AuctionOutcome } from "./auction.js";
import type { BidderPlugin, MemberStreams } from "./bidder.js";
import { marketConfig, type MarketConfigInput } from "./config.js";
import type { MechanismPlugin } from "./mechanism.js";

/** The traders of one market, as parallel arrays indexed by agent. */
export interface MarketAgents {
  n: number;
  /** BUY | SELL. */
  side: Uint8Array;
  /** Wh offered this period (integer >= 0; 0 = not trading). */
  quantity: Float64Array;
  /** Private limit price, p/kWh, inside (Pgs, Pgb). */
  limit: Float64Array;
}

export interface ConsensusOptions {
  config?: MarketConfigInput;
  limits?: MarketLimits;
  /** Plugins to use instead of the registered ones the config names (e.g. a deliberately broken AA). */
  bidder?: BidderPlugin;
  mechanism?: MechanismPlugin;
  /** Rounds the caller's deadline allows (>= 1; further caps config.maxRounds). */
  roundBudget?: number;
}

/** One round as the market published it. */
export interface RoundReport {
  round: number;
  mcp: number;
  volume: number;
  orders: number;
  /** Consecutive rounds so far that count towards consensus. */
  stable: number;
}

export interface ConsensusOutcome {
  source: AuctionOutcome;
  /** The published price of the period (p/kWh; NaN without trade). */
  price: number;
  /** Wh traded, and the book's totals. */
  volume: number;
  demand: number;
  supply: number;
  rounds: number;
  /** Per agent: Wh filled, Wh left, and the mean price of its fill (NaN for none). */
  fill: Float64Array;
  residual: Float64Array;
  tradePrice: Float64Array;
  history: { mcp: Float64Array; volume: Float64Array; orders: Int32Array };
}

function checkAgents(agents: MarketAgents, streams: readonly MemberStreams[]): void {
  const { n } = agents;
  if (agents.side.length < n || agents.quantity.length < n || agents.limit.length < n) {
    throw new RangeError(`market agents: arrays shorter than n = ${n}`);
  }
  if (streams.length < n) throw new RangeError(`market agents: ${streams.length} streams for ${n} agents`);
}

/** An auction over `agents`, opened with their sides, quantities and limits, every order visible. */
export function openMarket(
  agents: MarketAgents,
  streams: readonly MemberStreams[],
  options: ConsensusOptions = {},
): Auction {
  checkAgents(agents, streams);
  const auction = new Auction(agents.n, {
    streams,
    config: marketConfig(options.config),
    limits: options.limits ?? DEFAULT_LIMITS,
    ...(options.bidder ? { bidder: options.bidder } : {}),
    ...(options.mechanism ? { mechanism: options.mechanism } : {}),
  });
  const net = new Float64Array(agents.n);
  for (let a = 0; a < agents.n; a++) {
    const q = agents.quantity[a]!;
    net[a] = agents.side[a] === SELL ? q : agents.side[a] === BUY ? -q : 0;
  }
  auction.open(net, undefined, agents.limit);
  auction.revealSubmitted(false);
  return auction;
}

/**
 * Runs one round of an auction whose orders are all visible and reveals the updated ones, as a
 * channel without latency does. Returns the round's report and whether the period settled.
 */
export function nextRound(auction: Auction, last: boolean): { report: RoundReport; settled: boolean } {
  const settled = auction.round(last);
  if (!settled) auction.revealSubmitted(true);
  return {
    report: {
      round: auction.rounds,
      mcp: auction.mcp,
      volume: auction.volume,
      orders: auction.orders,
      stable: auction.stableRounds,
    },
    settled,
  };
}

/** Rounds until consensus or the round limit, then the fallback: the whole period on one market. */
export function runConsensus(
  agents: MarketAgents,
  streams: readonly MemberStreams[],
  options: ConsensusOptions = {},
): ConsensusOutcome {
  const budget = options.roundBudget ?? Number.POSITIVE_INFINITY;
  if (!(budget >= 1)) throw new RangeError(`roundBudget: expected at least one round, got ${budget}`);
  const auction = openMarket(agents, streams, options);
  const limit = Math.min(auction.config.maxRounds, budget);
  const mcp: number[] = [];
  const volume: number[] = [];
  const orders: number[] = [];
  for (let k = 1; ; k++) {
    // A one-sided period has no auction: it settles at once.
    const { report, settled } = nextRound(auction, k >= limit || auction.oneSided);
    mcp.push(report.mcp);
    volume.push(report.volume);
    orders.push(report.orders);
    if (settled) break;
  }
  const residual = new Float64Array(agents.n);
  for (let a = 0; a < agents.n; a++) residual[a] = agents.quantity[a]! - auction.fill[a]!;
  return {
    source: auction.outcome,
    price: auction.mcp,
    volume: auction.volume,
    demand: auction.demand,
    supply: auction.supply,
    rounds: auction.rounds,
    fill: Float64Array.from(auction.fill),
    residual,
    tradePrice: Float64Array.from(auction.tradePrice),
    history: {
      mcp: Float64Array.from(mcp),
      volume: Float64Array.from(volume),
      orders: Int32Array.from(orders),
    },
  };
}
