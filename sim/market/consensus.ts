// Price consensus loop (paper III.B.2): rounds of clear -> publish MCP -> every agent updates r
// and its bid, until the MCP settles or the rounds run out (then eq. 1, the fallback).
//
// Assumptions and units: prices p/kWh, quantities Wh, agents indexed densely 0..n-1 (the agent
// index is its owner id in the book). Pure: no kernel, no clock; the caller gives the rounds it
// can afford (maxRounds, or a budget derived from its deadline) and one RandomStream per agent.
// - Consensus: |MCP_t - MCP_{t-1}| < epsilon for k consecutive rounds; the result is then the
//   last round's clearing. Otherwise, after the last allowed round, the fallback price of the
//   last cleared book with fills from clearAtPrice (fallback.ts).
// - First bids ("placed randomly"): by default r uniform on [0, 1] from the agent's stream, i.e. a
//   random price between the reference and the agent's own limit (docs/market.md explains why not
//   [-1, 1]), formed with the anchor (Pgs + Pgb) / 2 since no MCP exists yet. ZIC agents redraw
//   every round.
// - A round may be restricted to the bids that arrived in time (the ledger decides): an agent
//   whose bid did not arrive is not in that round's book, does not learn, but re-anchors its bid
//   on the published MCP like everyone else.
import { BUY, createBook, type MarketLimits, type OrderBook, type Side, DEFAULT_LIMITS } from "./book.js";
import { bidPrice, bidRange, submitPrice } from "./bid.js";
import { clearUniform, createClearingWorkspace, type ClearingWorkspace } from "./clear.js";
import { marketConfig, type LearningConfig, type MarketConfig, type MarketConfigInput } from "./config.js";
import { clearAtPrice, fallbackPrice } from "./fallback.js";
import { initialAggressiveness, updateAggressiveness, type BidShape, type RoundOutcome } from "./learning.js";
import { zicBid } from "./zic.js";
import type { RandomStream } from "../kernel/random.js";

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

export type Learner = (
  outcome: RoundOutcome,
  learning: LearningConfig,
  shape: BidShape,
  stream: RandomStream,
) => number;

export interface ConsensusOptions {
  config?: MarketConfigInput;
  limits?: MarketLimits;
  /** Replaces the AA update (tests use it to break the learner on purpose). */
  learner?: Learner;
}

export interface RoundReport {
  round: number;
  mcp: number;
  volume: number;
  orders: number;
  /** Consecutive rounds so far in which the MCP moved less than epsilon. */
  stable: number;
  consensus: boolean;
}

export interface ConsensusState {
  readonly agents: MarketAgents;
  readonly config: MarketConfig;
  readonly limits: MarketLimits;
  readonly streams: readonly RandomStream[];
  readonly learner: Learner;
  /** Aggressiveness and current submitted price per agent. */
  readonly r: Float64Array;
  readonly bid: Float64Array;
  /** The MCP the current bids were formed with. */
  anchor: number;
  /** Fill per agent in the last cleared round (Wh). */
  readonly fill: Float64Array;
  /** The last cleared book (owner = agent index). */
  readonly book: OrderBook;
  round: number;
  stable: number;
  consensus: boolean;
  readonly history: { mcp: number[]; volume: number[]; orders: number[] };
  readonly workspace: ClearingWorkspace;
}

export interface ConsensusOutcome {
  source: "consensus" | "fallback";
  /** The price every trade settles at (p/kWh). */
  price: number;
  /** Wh traded, and the book's totals. */
  volume: number;
  demand: number;
  supply: number;
  rounds: number;
  /** Per agent (Wh). */
  fill: Float64Array;
  residual: Float64Array;
  history: { mcp: Float64Array; volume: Float64Array; orders: Int32Array };
}

function checkAgents(agents: MarketAgents, streams: readonly RandomStream[]): void {
  const { n } = agents;
  if (agents.side.length < n || agents.quantity.length < n || agents.limit.length < n) {
    throw new RangeError(`market agents: arrays shorter than n = ${n}`);
  }
  if (streams.length < n) throw new RangeError(`market agents: ${streams.length} streams for ${n} agents`);
}

export function createConsensus(
  agents: MarketAgents,
  streams: readonly RandomStream[],
  options: ConsensusOptions = {},
): ConsensusState {
  checkAgents(agents, streams);
  const config = marketConfig(options.config);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const n = agents.n;
  const state: ConsensusState = {
    agents,
    config,
    limits,
    streams,
    learner: options.learner ?? updateAggressiveness,
    r: new Float64Array(n),
    bid: new Float64Array(n),
    anchor: (limits.pgs + limits.pgb) / 2,
    fill: new Float64Array(n),
    book: createBook(n),
    round: 0,
    stable: 0,
    consensus: false,
    history: { mcp: [], volume: [], orders: [] },
    workspace: createClearingWorkspace(n),
  };
  if (config.bidder === "aa") {
    for (let a = 0; a < n; a++)
      state.r[a] = initialAggressiveness(config.initialAggressiveness, streams[a] as RandomStream);
  }
  placeBids(state);
  return state;
}

/** Every agent (re)forms its bid from its r and the current anchor (ZIC: a fresh draw). */
function placeBids(state: ConsensusState): void {
  const { agents, config, limits } = state;
  for (let a = 0; a < agents.n; a++) {
    const side = agents.side[a] as Side;
    const limit = agents.limit[a] as number;
    if (config.bidder === "zic") {
      state.bid[a] = zicBid(side, limit, limits, state.streams[a] as RandomStream);
      continue;
    }
    const range = bidRange(side, limit, limits);
    const raw = bidPrice(
      side,
      state.r[a] as number,
      state.anchor,
      range.c,
      range.l,
      config.theta,
      config.equations,
    );
    state.bid[a] = submitPrice(raw, range, limits);
  }
}

function fillBook(state: ConsensusState, arrived?: Uint8Array): void {
  const { agents, book } = state;
  book.n = 0;
  for (let a = 0; a < agents.n; a++) {
    const q = agents.quantity[a] as number;
    if (q === 0 || (arrived !== undefined && arrived[a] !== 1)) continue;
    const k = book.n++;
    book.price[k] = state.bid[a] as number;
    book.quantity[k] = q;
    book.owner[k] = a;
    book.side[k] = agents.side[a] as number;
  }
}

function learn(state: ConsensusState, mcp: number, demand: number, supply: number): void {
  const { agents, config, limits, book } = state;
  const shape: BidShape = { theta: config.theta, equations: config.equations };
  const o: RoundOutcome = {
    side: BUY,
    r: 0,
    bid: 0,
    anchor: state.anchor,
    quantity: 0,
    fill: 0,
    mcp,
    demand,
    supply,
    c: 0,
    l: 0,
  };
  for (let k = 0; k < book.n; k++) {
    const a = book.owner[k] as number;
    const side = agents.side[a] as Side;
    const range = bidRange(side, agents.limit[a] as number, limits);
    o.side = side;
    o.r = state.r[a] as number;
    o.bid = book.price[k] as number;
    o.quantity = book.quantity[k] as number;
    o.fill = state.fill[a] as number;
    o.c = range.c;
    o.l = range.l;
    state.r[a] = state.learner(o, config.learning, shape, state.streams[a] as RandomStream);
  }
}

/**
 * Runs one round on the current bids (only those with arrived[agent] === 1 when `arrived` is
 * given): clear, publish, learn, re-bid. Throws once consensus has been reached.
 */
export function consensusRound(state: ConsensusState, arrived?: Uint8Array): RoundReport {
  if (state.consensus) throw new Error("consensus already reached: call finishConsensus");
  fillBook(state, arrived);
  const res = clearUniform(state.book, state.limits, state.workspace);
  state.fill.fill(0);
  for (let k = 0; k < state.book.n; k++) state.fill[state.book.owner[k] as number] = res.fill[k] as number;
  const previous = state.history.mcp[state.history.mcp.length - 1];
  // Only a two-sided book with the same orders as the last round says the price has settled: an
  // empty or one-sided book (bids still in flight) publishes a price that means nothing.
  const informative =
    res.demand > 0 &&
    res.supply > 0 &&
    state.book.n === state.history.orders[state.history.orders.length - 1];
  state.stable =
    informative && previous !== undefined && Math.abs(res.mcp - previous) < state.config.epsilon
      ? state.stable + 1
      : 0;
  state.consensus = state.stable >= state.config.k;
  state.round++;
  state.history.mcp.push(res.mcp);
  state.history.volume.push(res.volume);
  state.history.orders.push(state.book.n);
  if (!state.consensus) {
    if (state.config.bidder === "aa") learn(state, res.mcp, res.demand, res.supply);
    state.anchor = res.mcp;
    placeBids(state);
  }
  return {
    round: state.round,
    mcp: res.mcp,
    volume: res.volume,
    orders: state.book.n,
    stable: state.stable,
    consensus: state.consensus,
  };
}

/** The outcome: the last clearing on consensus, otherwise eq. (1) on the last cleared book. */
export function finishConsensus(state: ConsensusState): ConsensusOutcome {
  if (state.round === 0) fillBook(state);
  const res = state.consensus
    ? clearUniform(state.book, state.limits, state.workspace)
    : clearAtPrice(state.book, state.limits, fallbackPrice(state.book, state.limits, state.config.fallback));
  const n = state.agents.n;
  const fill = new Float64Array(n);
  for (let k = 0; k < state.book.n; k++) fill[state.book.owner[k] as number] = res.fill[k] as number;
  const residual = new Float64Array(n);
  for (let a = 0; a < n; a++) residual[a] = (state.agents.quantity[a] as number) - (fill[a] as number);
  return {
    source: state.consensus ? "consensus" : "fallback",
    price: res.mcp,
    volume: res.volume,
    demand: res.demand,
    supply: res.supply,
    rounds: state.round,
    fill,
    residual,
    history: {
      mcp: Float64Array.from(state.history.mcp),
      volume: Float64Array.from(state.history.volume),
      orders: Int32Array.from(state.history.orders),
    },
  };
}

export interface RunOptions extends ConsensusOptions {
  /** Rounds the caller's deadline allows (further caps config.maxRounds). */
  roundBudget?: number;
}

/** Loops consensusRound until consensus or the round limit, then finishes. */
export function runConsensus(
  agents: MarketAgents,
  streams: readonly RandomStream[],
  options: RunOptions = {},
): ConsensusOutcome {
  const state = createConsensus(agents, streams, options);
  const limit = Math.min(state.config.maxRounds, options.roundBudget ?? Number.POSITIVE_INFINITY);
  while (state.round < limit && !state.consensus) consensusRound(state);
  return finishConsensus(state);
}
