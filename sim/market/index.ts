export {
  BUY,
  SELL,
  PRICE_TICK,
  DEFAULT_LIMITS,
  createBook,
  addOrder,
  resetBook,
  type Side,
  type MarketLimits,
  type OrderBook,
} from "./book.js";
export { OrderError } from "./errors.js";
export {
  clearUniform,
  createClearingWorkspace,
  type ClearingResult,
  type ClearingWorkspace,
} from "./clear.js";
export {
  bidPrice,
  bidRange,
  aggressivenessFor,
  expCurve,
  quantizePrice,
  submitPrice,
  type BidEquations,
  type BidRange,
} from "./bid.js";
export {
  DEFAULT_MARKET_CONFIG,
  marketConfig,
  type MarketConfig,
  type MarketConfigInput,
  type LearningConfig,
  type LearningRule,
  type FallbackRule,
  type LimitPriceDistribution,
  type InitialAggressiveness,
  type WinnerRule,
  type BidderKind,
} from "./config.js";
export { drawLimitPrice } from "./limit-price.js";
export {
  updateAggressiveness,
  initialAggressiveness,
  mustRaise,
  raise,
  lower,
  type RoundOutcome,
  type BidShape,
} from "./learning.js";
export { fallbackPrice, clearAtPrice } from "./fallback.js";
export { zicBid } from "./zic.js";
export {
  createConsensus,
  consensusRound,
  finishConsensus,
  runConsensus,
  type MarketAgents,
  type Learner,
  type ConsensusOptions,
  type ConsensusState,
  type ConsensusOutcome,
  type RoundReport,
  type RunOptions,
} from "./consensus.js";
export {
  competitiveEquilibrium,
  allocativeEfficiency,
  smithAlpha,
  surplus,
  type Equilibrium,
} from "./performance.js";
