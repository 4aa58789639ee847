// Market configuration: every choice the paper leaves open, with its default.
//
// Assumptions and units: prices p/kWh; epsilon p/kWh; rounds are counts. A plain type: it is
// validated (zod) at the experiment boundary, not here. Reasons for each default: docs/market.md.
import type { BidEquations } from "./bid.js";

export type LearningRule = "as-described" | "as-printed";
export type FallbackRule = "as-described" | "as-printed";
/**
 * How private limit prices are drawn (docs/market.md, "Limit prices"):
 * - "split-midpoint": buyers U[mid, Pgb), sellers U(Pgs, mid], mid = (Pgs + Pgb) / 2;
 * - "uniform": both sides U(Pgs, Pgb);
 * - "grid": buyers Pgb - tick, sellers Pgs + tick (the grid prices as reserve prices).
 */
export type LimitPriceDistribution = "split-midpoint" | "uniform" | "grid";
/**
 * How the first bids are placed: r uniform on [0, 1] ("eager": a random price between the
 * reference and the agent's own limit), on [-1, 1] ("random"), or r = 0 ("neutral").
 */
export type InitialAggressiveness = "eager" | "random" | "neutral";
/** What a bidder whose order was filled in full does: keep r, or (AA) lower it if it won with margin. */
export type WinnerRule = "keep" | "lower";

export interface LearningConfig {
  rule: LearningRule;
  /** AA short-term learning rate beta_1. */
  beta: number;
  /** AA relative and absolute perturbations lambda_r, lambda_a. */
  lambdaR: number;
  lambdaA: number;
  /** Probability that a bidder with freedom whose order lost raises r this round. */
  freeRaiseProbability: number;
  winners: WinnerRule;
}

export interface MarketConfig {
  theta: number;
  equations: BidEquations;
  learning: LearningConfig;
  /** Consensus: the MCP moved less than epsilon (p/kWh) for k consecutive rounds. */
  epsilon: number;
  k: number;
  maxRounds: number;
  fallback: FallbackRule;
  limitPrices: LimitPriceDistribution;
  initialAggressiveness: InitialAggressiveness;
  /** A registered bidder's name (./bidders.ts): "aa", "zic", "zip" built in. */
  bidder: string;
  /** A registered mechanism's name (./mechanisms.ts): "uniform", "discriminatory" built in. */
  mechanism: string;
  /** The discriminatory mechanism's k: a matched pair trades at ask + k (bid - ask). */
  discriminatoryK: number;
}

export const DEFAULT_MARKET_CONFIG: Readonly<MarketConfig> = Object.freeze({
  theta: 2,
  equations: "corrected",
  learning: Object.freeze({
    rule: "as-described",
    beta: 0.4,
    lambdaR: 0.02,
    lambdaA: 0.01,
    freeRaiseProbability: 0.5,
    winners: "keep",
  }),
  epsilon: 0.01,
  k: 2,
  maxRounds: 100,
  fallback: "as-described",
  limitPrices: "split-midpoint",
  initialAggressiveness: "eager",
  bidder: "aa",
  mechanism: "uniform",
  discriminatoryK: 0.5,
}) as Readonly<MarketConfig>;

/** Partial overrides (learning may be given in part). */
export type MarketConfigInput = Partial<Omit<MarketConfig, "learning">> & {
  learning?: Partial<LearningConfig>;
};

/** The defaults with `overrides` applied. */
export function marketConfig(overrides: MarketConfigInput = {}): MarketConfig {
  return {
    ...DEFAULT_MARKET_CONFIG,
    ...overrides,
    learning: { ...DEFAULT_MARKET_CONFIG.learning, ...overrides.learning },
  };
}
