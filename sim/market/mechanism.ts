// The Mechanism seam: how a microgrid's book is cleared in a round, and how the period ends when
// the rounds run out without consensus.
//
// Assumptions and units (p/kWh, Wh):
// - A mechanism decides fills and what each filled order pays or receives. Whatever it does, no
//   buyer pays above its bid, no seller receives below its ask, every Wh bought is a Wh sold, and
//   the money buyers pay is the money sellers receive (test/market/mechanism.properties.test.ts).
// - It publishes one price per round (`mcp`): the price bidders anchor on and learn from, and the
//   one the consensus rule watches. A uniform-price mechanism trades every Wh at it; others report
//   each order's own price in `price` (the volume-weighted mean price of its fill).
import type { MarketLimits, OrderBook } from "./book.js";
import type { ClearingResult } from "./clear.js";
import type { MarketConfig } from "./config.js";

export interface MechanismResult extends ClearingResult {
  /**
   * Per order (indexed like the book), the mean price of its fill (p/kWh); absent when every
   * filled Wh trades at `mcp`. Buffers may be the mechanism's own: copy before clearing again.
   */
  price?: Float64Array;
}

export interface Mechanism {
  /** Clears the book of a round. */
  clear(book: OrderBook): MechanismResult;
  /** The last round's book when the period ends without consensus. */
  fallback(book: OrderBook): MechanismResult;
}

export interface MechanismSetup {
  /** Orders a book may hold (the auction's member count). */
  capacity: number;
  limits: MarketLimits;
  config: MarketConfig;
}

export interface MechanismPlugin {
  readonly name: string;
  readonly description: string;
  /** A mechanism for one auction (called once per auction; may keep reusable buffers). */
  create(setup: MechanismSetup): Mechanism;
}
