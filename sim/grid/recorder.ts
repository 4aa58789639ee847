// What the world reports after each period; implementations live in sim/metrics (observation is
// kept apart from dynamics).
import type { MicrogridAuction } from "./auction.js";
import type { Level1Outcome, RoutingOutcome } from "./routing.js";

export interface Recorder {
  /**
   * One settled period: the microgrid auctions (final state), every agent's level-1 outcome, the
   * MCP per microgrid, the routing of residuals, and each agent's forecast and actual net (Wh).
   */
  period(
    t: number,
    auctions: readonly MicrogridAuction[],
    level1: Level1Outcome,
    mcp: Float64Array,
    routing: RoutingOutcome,
    forecastNet: Float64Array,
    actualNet: Float64Array,
  ): void;
}
