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
  /**
   * A registered inter-microgrid (level-2) process's name (sim/grid/level2-processes.ts):
   * "iterated" (the microgrids re-bid in level 1's auction) and "one-shot" (one sealed clearing).
   */
  interMicrogrid: string;
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
  limitPrices: "grid",
  initialAggressiveness: "eager",
  bidder: "aa",
  mechanism: "uniform",
  discriminatoryK: 0.5,
  interMicrogrid: "iterated",
}) as Readonly<MarketConfig>;

/** Partial overrides (learning may be given in part). */
export type MarketConfigInput = Partial<Omit<MarketConfig, "learning">> & {
  learning?: Partial<LearningConfig>;
};

/** `record` without its undefined fields (so an explicit undefined never replaces a default). */
export function definedFields<T extends object>(record: T | undefined): Partial<T> {
  if (record === undefined) return {};
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The defaults with `overrides` applied (undefined fields keep their defaults). */
export function marketConfig(overrides: MarketConfigInput = {}): MarketConfig {
  return {
    ...DEFAULT_MARKET_CONFIG,
    ...definedFields(overrides),
    learning: { ...DEFAULT_MARKET_CONFIG.learning, ...definedFields(overrides.learning) },
  };
}

const ONE_OF = {
  equations: ["corrected", "as-printed"],
  fallback: ["as-described", "as-printed"],
  limitPrices: ["split-midpoint", "uniform", "grid"],
  initialAggressiveness: ["eager", "random", "neutral"],
} as const;

/**
 * Throws a RangeError naming the first field of `config` that no market can run with. The
 * experiment configs check the same bounds (zod); this guards scripts that build configs in code.
 */
export function checkMarketConfig(config: MarketConfig): void {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new RangeError(`market.${field}: expected ${expected}, got ${JSON.stringify(got) ?? String(got)}`);
  };
  const positive = (field: "theta" | "epsilon", v: number) =>
    (v > 0 && Number.isFinite(v)) || fail(field, "a positive number", v);
  const count = (field: "k" | "maxRounds", v: number) =>
    (Number.isSafeInteger(v) && v >= 1) || fail(field, "a whole number >= 1", v);
  const unit = (field: string, v: number) => (v >= 0 && v <= 1) || fail(field, "a number in [0, 1]", v);
  positive("theta", config.theta);
  positive("epsilon", config.epsilon);
  count("k", config.k);
  count("maxRounds", config.maxRounds);
  unit("discriminatoryK", config.discriminatoryK);
  for (const field of ["bidder", "mechanism", "interMicrogrid"] as const) {
    const v = config[field];
    if (typeof v !== "string" || v === "") fail(field, "a registered plugin's name", v);
  }
  for (const [field, allowed] of Object.entries(ONE_OF)) {
    const v = config[field as keyof typeof ONE_OF];
    if (!(allowed as readonly string[]).includes(v)) fail(field, `one of ${allowed.join(", ")}`, v);
  }
  const l = config.learning;
  if (l.rule !== "as-described" && l.rule !== "as-printed")
    fail("learning.rule", "as-described or as-printed", l.rule);
  if (l.winners !== "keep" && l.winners !== "lower") fail("learning.winners", "keep or lower", l.winners);
  unit("learning.beta", l.beta);
  unit("learning.freeRaiseProbability", l.freeRaiseProbability);
  if (!(l.lambdaR >= 0 && Number.isFinite(l.lambdaR))) fail("learning.lambdaR", "a number >= 0", l.lambdaR);
  if (!(l.lambdaA >= 0 && Number.isFinite(l.lambdaA))) fail("learning.lambdaA", "a number >= 0", l.lambdaA);
}
