// The Bidder seam: how a member of an auction prices its order and learns from a round.
//
// Assumptions and units (p/kWh, Wh):
// - The auction owns its members' columns (side, quantity, private limit, bounds c..l, fills, the
//   visible order and the anchor it was formed with) and hands a bidder a read-only view of them.
//   A bidder keeps only its own state (AA's aggressiveness r, ZIP's margin), in columns of its own.
// - Each member has three streams, one per purpose, so purposes never disturb each other's draws:
//   `limit` (the private limit price), `start` (a bidder's first state) and `learn` (every draw
//   while trading). A bidder draws only from the member's streams.
// - A price a bidder returns is what the member submits: on the tick grid, within its bounds
//   [c, l] (never loss-making) and strictly inside (Pgs, Pgb) — `submitPrice` does all three.
// - Plugins are registered by name in `bidders` (./bidders.ts); configs and worker threads name
//   them, and a script may register its own before a run.
import type { RandomStream, Streams } from "../kernel/random.js";
import type { MarketLimits } from "./book.js";
import type { MarketConfig } from "./config.js";

/** The streams one member draws from. */
export interface MemberStreams {
  limit: RandomStream;
  start: RandomStream;
  learn: RandomStream;
}

/** The three streams of the member called `name` (e.g. "agent/H1"), derived from the root seed. */
export function memberStreams(root: Streams, name: string): MemberStreams {
  return {
    limit: root.get(`${name}/limit`),
    start: root.get(`${name}/start`),
    learn: root.get(`${name}/learn`),
  };
}

/** An auction's member columns as a bidder sees them (indexed by member; written by the auction). */
export interface MemberView {
  /** BUY, SELL or NO_ORDER (nothing to trade this period). */
  readonly side: Uint8Array;
  /** Wh offered this period. */
  readonly quantity: Float64Array;
  /** Private limit price and the member's bounds: a buyer trades in [Pgs, limit], a seller in [limit, Pgb]. */
  readonly limit: Float64Array;
  readonly c: Float64Array;
  readonly l: Float64Array;
  /** Wh filled in the last clearing. */
  readonly fill: Float64Array;
  /** The member's order as the market saw it in the last round, and the anchor it was formed with. */
  readonly visiblePrice: Float64Array;
  readonly visibleAnchor: Float64Array;
}

/** What a round published: its price and the book's totals (Wh). */
export interface RoundSignal {
  mcp: number;
  demand: number;
  supply: number;
}

export interface Bidder {
  /** A new period: member i (side, quantity, limit and bounds already set) forms its first state. */
  open(i: number): void;
  /** The price member i submits next, given the last published price `anchor`. */
  price(i: number, anchor: number): number;
  /** After a round with both sides in the book: member i, whose order was in it, learns. */
  learn(i: number, round: RoundSignal): void;
}

export interface BidderSetup {
  members: MemberView;
  streams: readonly MemberStreams[];
  config: MarketConfig;
  limits: MarketLimits;
}

export interface BidderPlugin {
  readonly name: string;
  /** One line for listings and docs. */
  readonly description: string;
  /** A bidder for the members of one auction (called once per auction, not per period). */
  create(setup: BidderSetup): Bidder;
}
