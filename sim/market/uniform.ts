// The paper's mechanism as a Mechanism plugin: uniform-price clearing every round (clear.ts) and,
// when the rounds run out without consensus, the eq. (1) price with fills at it (fallback.ts).
//
// Assumptions and units: p/kWh, Wh. Every filled Wh trades at the round's MCP (no per-order
// prices). The fallback rule is market.fallback (as described, or as printed).
import type { MarketLimits, OrderBook } from "./book.js";
import { clearUniform, createClearingWorkspace, type ClearingWorkspace } from "./clear.js";
import type { FallbackRule } from "./config.js";
import { clearAtPrice, fallbackPrice } from "./fallback.js";
import type { Mechanism, MechanismPlugin, MechanismResult, MechanismSetup } from "./mechanism.js";

export class UniformMechanism implements Mechanism {
  readonly #limits: MarketLimits;
  readonly #rule: FallbackRule;
  // Reused by every clearing: a result's fills are its buffers until the next clearing.
  readonly #workspace: ClearingWorkspace;

  constructor(setup: MechanismSetup) {
    this.#limits = setup.limits;
    this.#rule = setup.config.fallback;
    this.#workspace = createClearingWorkspace(setup.capacity);
  }

  clear(book: OrderBook): MechanismResult {
    return clearUniform(book, this.#limits, this.#workspace);
  }

  fallback(book: OrderBook): MechanismResult {
    const price = fallbackPrice(book, this.#limits, this.#rule);
    return clearAtPrice(book, this.#limits, price, this.#workspace);
  }
}

export const uniformPlugin: MechanismPlugin = {
  name: "uniform",
  description: "uniform-price double auction (the paper), eq. (1) price when rounds run out",
  create: (setup) => new UniformMechanism(setup),
};
