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
export {
  noLevel2Trade,
  type InterMicrogridClearer,
  type InterMicrogridContext,
  type InterMicrogridProcess,
  type Level2Clearing,
  type Level2Outcome,
  type Level2Positions,
} from "./level2.js";
export { interMicrogridProcesses } from "./level2-processes.js";
export { clearOneShot, oneShotProcess } from "./one-shot.js";
export { IteratedClearer, iteratedProcess } from "./iterated.js";
export {
  NO_ORDER,
  routeResiduals,
  type Level1Outcome,
  type RoutingOutcome,
  type RoutingSetup,
} from "./routing.js";
export { createSettlement, settlePeriod, type AgentSettlement } from "./settlement.js";
export { components, PAPER_SCENARIOS, scenarioFromShorthand, type Scenario } from "./topology.js";
export { World, type ChannelFactory, type WorldConfig, type WorldDevices } from "./world.js";
