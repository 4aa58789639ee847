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
