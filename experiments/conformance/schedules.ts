// Smith-style supply and demand schedules with a known competitive equilibrium, and a driver that
// runs a trader on them through the auction state machine the world uses (openMarket / nextRound).
//
// Smith's alpha for a round: 100 x RMS deviation of the transaction prices from P* over P*, each
// traded Wh weighted equally. Under a uniform price every Wh trades at the MCP, so it is
// 100 |MCP - P*| / P* for a round with trade.
import {
  allocativeEfficiency,
  competitiveEquilibrium,
  DEFAULT_LIMITS,
  memberStreams,
  nextRound,
  openMarket,
  smithAlpha,
  type ConsensusOptions,
  type MarketAgents,
} from "../../sim/market/index.js";
import { Streams } from "../../sim/kernel/random.js";

type Step = [price: number, wh: number];

function steps(first: number, step: number, count: number, wh = 1000): Step[] {
  return Array.from({ length: count }, (_, i) => [Math.round((first + step * i) * 1e4) / 1e4, wh]);
}

function schedule(buyers: Step[], sellers: Step[]): MarketAgents {
  const all = [...buyers.map((s) => [0, ...s]), ...sellers.map((s) => [1, ...s])];
  return {
    n: all.length,
    side: Uint8Array.from(all.map((r) => r[0] as number)),
    limit: Float64Array.from(all.map((r) => r[1] as number)),
    quantity: Float64Array.from(all.map((r) => r[2] as number)),
  };
}

// Competitive price intervals (p/kWh): symmetric [11.0, 11.1]; flat supply 9; steep demand 13.5;
// excess demand [16.3, 16.5]; excess supply [5.5, 5.6].
export const SCHEDULES: Record<string, MarketAgents> = {
  symmetric: schedule(steps(17.1, -1, 10), steps(5, 1, 10)),
  "flat supply": schedule(steps(17.5, -1, 10), steps(9, 0, 10)),
  "steep demand": schedule(steps(18, -1.5, 4, 2500), steps(5, 0.5, 20, 500)),
  "excess demand": schedule(steps(17.5, -0.2, 20), steps(5, 1, 6)),
  "excess supply": schedule(steps(17.5, -1, 6), steps(5, 0.1, 20)),
};
export const SEEDS = [1, 2, 3, 4, 5];

export interface ScheduleRun {
  /** 100 x half the width of the competitive price interval over P*: alpha's floor. */
  alphaFloor: number;
  /** |P - P*| / P* of the period's price. */
  error: number;
  efficiency: number;
  /** Smith's alpha of every round with trade. */
  alphas: number[];
  /** Smith's alpha over all the period's final trades (their own prices under a discriminatory mechanism). */
  finalAlpha: number;
  rounds: number;
}

export function runSchedule(agents: MarketAgents, seed: number, options: ConsensusOptions = {}): ScheduleRun {
  const eq = competitiveEquilibrium(agents, DEFAULT_LIMITS);
  const root = new Streams(seed);
  const streams = Array.from({ length: agents.n }, (_, a) => memberStreams(root, `agent/${a}`));
  const auction = openMarket(agents, streams, options);
  const alphas: number[] = [];
  for (let settled = false; !settled;) {
    const step = nextRound(auction, false);
    settled = step.settled;
    alphas.push(
      smithAlpha(Float64Array.of(step.report.mcp), Float64Array.of(step.report.volume), 1, eq.price),
    );
  }
  const traded = Array.from(auction.fill.keys()).filter((i) => auction.fill[i]! > 0);
  const finalAlpha = smithAlpha(
    Float64Array.from(traded, (i) => auction.tradePrice[i]!),
    Float64Array.from(traded, (i) => auction.fill[i]!),
    traded.length,
    eq.price,
  );
  return {
    alphaFloor: (100 * (eq.high - eq.low)) / 2 / eq.price,
    error: Math.abs(auction.mcp - eq.price) / eq.price,
    efficiency: allocativeEfficiency(agents, auction.fill, eq),
    alphas: alphas.filter((a) => !Number.isNaN(a)),
    finalAlpha,
    rounds: auction.rounds,
  };
}
