export {
  BUY,
  SELL,
  NO_ORDER,
  SIDE_NAMES,
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
  checkMarketConfig,
  definedFields,
  type MarketConfig,
  type MarketConfigInput,
  type LearningConfig,
  type LearningRule,
  type FallbackRule,
  type LimitPriceDistribution,
  type InitialAggressiveness,
  type WinnerRule,
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
export { zicBid, ZICBidder, zicPlugin } from "./zic.js";
export { AABidder, aaPlugin, type Learner } from "./aa.js";
export { ZIPBidder, zipPlugin, ZIP_PARAMETERS } from "./zip.js";
export {
  memberStreams,
  type Bidder,
  type BidderPlugin,
  type BidderSetup,
  type MemberStreams,
  type MemberView,
  type RoundSignal,
} from "./bidder.js";
export { bidders } from "./bidders.js";
export {
  type Mechanism,
  type MechanismPlugin,
  type MechanismResult,
  type MechanismSetup,
} from "./mechanism.js";
export { mechanisms } from "./mechanisms.js";
export { UniformMechanism, uniformPlugin } from "./uniform.js";
export { DiscriminatoryMechanism, discriminatoryPlugin } from "./discriminatory.js";
export { Auction, type AuctionOutcome, type AuctionSetup } from "./auction.js";
export {
  openMarket,
  nextRound,
  runConsensus,
  type MarketAgents,
  type ConsensusOptions,
  type ConsensusOutcome,
  type RoundReport,
} from "./consensus.js";
export {
  competitiveEquilibrium,
  allocativeEfficiency,
  smithAlpha,
  surplus,
  type Equilibrium,
} from "./performance.js";
