// Market performance measures for trader conformance: competitive equilibrium, allocative
// efficiency and Smith's convergence coefficient alpha.
//
// Assumptions and units: prices p/kWh, quantities Wh; surplus in Wh x p/kWh (only ratios of it
// are reported). Agents' private limits are their true valuations (buyers) and costs (sellers).
import { BUY, createBook, type MarketLimits } from "./book.js";
import { clearUniform } from "./clear.js";
import type { MarketAgents } from "./consensus.js";

export interface Equilibrium {
  /** Midpoint of the competitive price interval [low, high] (p/kWh). */
  price: number;
  low: number;
  high: number;
  /** Competitive volume (Wh) and the largest total surplus any allocation achieves. */
  volume: number;
  surplus: number;
}

/** The competitive equilibrium: the uniform clearing of the book of true limit prices. */
export function competitiveEquilibrium(agents: MarketAgents, limits: MarketLimits): Equilibrium {
  const book = createBook(agents.n);
  for (let a = 0; a < agents.n; a++) {
    book.price[a] = agents.limit[a] as number;
    book.quantity[a] = agents.quantity[a] as number;
    book.owner[a] = a;
    book.side[a] = agents.side[a] as number;
  }
  book.n = agents.n;
  const res = clearUniform(book, limits);
  return {
    price: res.mcp,
    low: res.priceLow,
    high: res.priceHigh,
    volume: res.volume,
    surplus: surplus(agents, res.fill),
  };
}

/** Total surplus of an allocation: sum of buyer fill x limit minus seller fill x limit. */
export function surplus(agents: MarketAgents, fill: Float64Array): number {
  let s = 0;
  for (let a = 0; a < agents.n; a++) {
    const v = (fill[a] as number) * (agents.limit[a] as number);
    s += agents.side[a] === BUY ? v : -v;
  }
  return s;
}

/** Realised surplus over the competitive surplus (1 when nothing can be gained, NaN if none). */
export function allocativeEfficiency(agents: MarketAgents, fill: Float64Array, eq: Equilibrium): number {
  return eq.surplus > 0 ? surplus(agents, fill) / eq.surplus : Number.NaN;
}

/**
 * Smith's alpha for one round of a uniform-price market: 100 x the root-mean-square deviation of
 * the prices of the matched orders (bids and asks with a positive fill, weighted by Wh filled)
 * from the equilibrium price, over the equilibrium price. With a single clearing price the trade
 * prices would all equal the MCP, so the orders' own prices are what shows how tightly bidders
 * have converged on the equilibrium.
 */
export function smithAlpha(
  price: Float64Array,
  fill: Float64Array,
  n: number,
  equilibriumPrice: number,
): number {
  let weight = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const f = fill[i] as number;
    if (f <= 0) continue;
    const d = (price[i] as number) - equilibriumPrice;
    weight += f;
    sum += f * d * d;
  }
  return weight > 0 ? (100 * Math.sqrt(sum / weight)) / equilibriumPrice : Number.NaN;
}
