export { MicrogridAuction, type AuctionOutcome } from "./auction.js";
export {
  idealChannel,
  ledgerChannel,
  type ChannelEvents,
  type OrderChannel,
  type OrderKind,
  type OrderSubmission,
} from "./channel.js";
export {
  AUCTION_OUTCOMES,
  createMicrogridColumns,
  type AgentColumns,
  type MicrogridColumns,
  type PeriodOutcome,
} from "./outcome.js";
export type { Recorder } from "./recorder.js";
export { NO_ORDER, routeResiduals, type Level1Outcome, type RoutingOutcome } from "./routing.js";
export { createSettlement, settlePeriod, type AgentSettlement } from "./settlement.js";
export { components, PAPER_SCENARIOS, scenarioFromShorthand, type Scenario } from "./topology.js";
export { World, type ChannelFactory, type WorldConfig } from "./world.js";
