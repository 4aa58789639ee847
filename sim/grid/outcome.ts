// What the world reports after each period: one read-only record of columns (typed arrays indexed
// by microgrid or by dense agent id). The world reuses its arrays from period to period, so a
// reader copies what it keeps before the next period is reported.
//
// Units: Wh, p/kWh, pence.
import type { AuctionOutcome } from "./auction.js";
import type { Level1Outcome, RoutingOutcome } from "./routing.js";
import type { AgentSettlement } from "./settlement.js";
import type { DeviceFleet } from "../devices/index.js";

/** How a microgrid's level-1 auction ended, by code (MicrogridColumns.outcome). */
export const AUCTION_OUTCOMES = [
  "consensus",
  "fallback",
  "no-trade",
] as const satisfies readonly AuctionOutcome[];

/** Per microgrid (index = microgrid), its level-1 auction. */
export interface MicrogridColumns {
  /** Market clearing price (p/kWh; NaN when none was published). */
  readonly mcp: Float64Array;
  /** Rounds the auction cleared. */
  readonly rounds: Int32Array;
  /** Index into AUCTION_OUTCOMES. */
  readonly outcome: Uint8Array;
  /** Wh bid and offered in the auction's last clearing (every order, when nothing traded). */
  readonly demandWh: Float64Array;
  readonly supplyWh: Float64Array;
  /** Wh matched at level 1. */
  readonly volumeWh: Float64Array;
  /** Orders that never became visible to the auction, and their Wh (all of it residual). */
  readonly missedOrders: Int32Array;
  readonly missedWh: Float64Array;
}

/** Per agent (index = dense agent id): its level-1 order and fill, forecast and actual energy. */
export interface AgentColumns extends Readonly<Level1Outcome> {
  /** Forecast net production (Wh, positive = surplus): the agent's order is |forecast| on its side. */
  readonly forecastWh: Float64Array;
  /** Actual net production (Wh), settled against the forecast with the main grid. */
  readonly actualWh: Float64Array;
}

/** One settled period. */
export interface PeriodOutcome {
  /** Period index from the profile's start. */
  readonly period: number;
  readonly microgrids: MicrogridColumns;
  readonly agents: AgentColumns;
  /** Levels 2 and 3 and the corrected prices, per microgrid. */
  readonly routing: RoutingOutcome;
  /** What each agent bought, sold, paid and received this period. */
  readonly settlement: AgentSettlement;
  /** The devices after the period (absent when the run has none): read it, never change it. */
  readonly devices?: DeviceFleet;
}

export function createMicrogridColumns(microgrids: number): MicrogridColumns {
  const f = () => new Float64Array(microgrids);
  return {
    mcp: f(),
    rounds: new Int32Array(microgrids),
    outcome: new Uint8Array(microgrids),
    demandWh: f(),
    supplyWh: f(),
    volumeWh: f(),
    missedOrders: new Int32Array(microgrids),
    missedWh: f(),
  };
}
