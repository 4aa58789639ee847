// The inter-microgrid (level-2) process seam: how the microgrids of one connected group trade their
// net residual positions among themselves before what is left goes to the main grid.
//
// Assumptions and units (Wh, p/kWh):
// - A process sees one group at a time: one entity per microgrid that delivered its residual,
//   after netting (routing.ts), so each entity is a buyer, a seller, or has nothing to trade.
// - Each entity carries a public price (the quantity-weighted mean of its members' last order
//   prices on its side) and a private limit (the quantity-weighted mean of its members' limit
//   prices), both strictly inside (Pgs, Pgb). A process uses either or both.
// - Whatever a process does, the Wh bought in a group equal the Wh sold, the money buyers pay
//   equals what sellers receive, no buying entity pays above its bid and no selling entity
//   receives below its ask (test/grid/level2.properties.test.ts).
// - Processes are registered by name in `interMicrogridProcesses` (./level2-processes.ts); a
//   config names one by `market.interMicrogrid`, and a script may register its own before a run.
import type { Streams } from "../kernel/index.js";
import type { Named } from "../kernel/registry.js";
import type { AuctionOutcome, MarketConfig, MarketLimits } from "../market/index.js";

/** One group's net residual positions, one entry per microgrid (indexed like `microgrids`). */
export interface Level2Positions {
  /** Microgrid index of each entity. */
  microgrids: readonly number[];
  /** BUY, SELL or NO_ORDER. */
  side: Uint8Array;
  /** Net residual (Wh). */
  quantity: Float64Array;
  /** Public price: weighted mean of the members' last order prices on the entity's side (p/kWh). */
  price: Float64Array;
  /** Private limit: weighted mean of the members' limit prices on the entity's side (p/kWh). */
  limit: Float64Array;
}

/** What a group traded at level 2, indexed like its positions. */
export interface Level2Clearing {
  /** Wh each entity bought (a buyer) or sold (a seller). */
  fill: Float64Array;
  /** Price of each entity's level-2 energy (p/kWh); NaN for an entity that did not trade. */
  price: Float64Array;
  /** Rounds the group's market ran (1 for a sealed clearing). */
  rounds: number;
  /** How it ended: a sealed clearing, or an iterated auction's outcome. */
  outcome: Level2Outcome;
}

export type Level2Outcome = AuctionOutcome | "sealed";

/** What a process is built from, once per world. */
export interface InterMicrogridContext {
  limits: MarketLimits;
  market: MarketConfig;
  /** The run's root streams; a process names its own streams after the microgrids. */
  streams: Streams;
  /** Microgrid names, indexed like the microgrids. */
  microgridNames: readonly string[];
}

/** Clears groups period after period (may keep state, e.g. a market's last price). */
export interface InterMicrogridClearer {
  clear(group: Level2Positions): Level2Clearing;
}

export interface InterMicrogridProcess extends Named {
  readonly name: string;
  /** One line for listings and docs. */
  readonly description: string;
  /**
   * True when the process trades the efficient volume of the orders it is given, so that a group
   * with more microgrids never trades less than any of its subgroups (then "All" trading the most
   * between peers is an identity of the model, not a finding).
   */
  readonly efficient: boolean;
  create(context: InterMicrogridContext): InterMicrogridClearer;
}

/** A clearing in which nothing trades. */
export function noLevel2Trade(n: number, outcome: Level2Outcome, rounds: number): Level2Clearing {
  return { fill: new Float64Array(n), price: new Float64Array(n).fill(Number.NaN), rounds, outcome };
}
