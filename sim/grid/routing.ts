// Hierarchical routing of what the microgrid auctions leave over (levels 2 and 3).
//
// Assumptions and units (Wh, p/kWh):
// - Level 1 (each microgrid's own auction) has run; every agent has an order side, a quantity, a
//   fill, its private limit price and the price of its last submitted order. The unfilled part of
//   an order is its residual.
// - Netting: a microgrid's residual buys and sells meet first (one position per microgrid), at
//   the midpoint of the two sides' weighted last prices. After netting a microgrid is a buyer or
//   a seller, never both.
// - Level 2: the microgrids of one connected component trade their net positions with the
//   configured inter-microgrid process (./level2.ts; market.interMicrogrid). Each microgrid is one
//   entity with a public price (the quantity-weighted mean of its residual members' last prices
//   on its side) and a private limit (the weighted mean of their limit prices); a process uses
//   either: "one-shot" (./one-shot.ts) clears the public prices once, "iterated" (./iterated.ts)
//   lets the entities re-bid from their limits in level 1's auction.
// - Level 3: what is still unfilled is imported at Pgb or exported at Pgs.
// - Uniform price correction: every member with a residual on a side gets the same price for it,
//   the microgrid's upper-level cost (or revenue) for that side divided by its residual Wh:
//     buy  = (netted Wh x Pn + level-2 Wh x P2 + imported Wh x Pgb) / residual buy Wh
//     sell = (netted Wh x Pn + level-2 Wh x P2 + exported Wh x Pgs) / residual sell Wh
//   where P2 is the price of the microgrid's level-2 energy: the group's sealed clearing price
//   under "one-shot", the microgrid's trade price in the level-2 auction under "iterated".
import { BUY, NO_ORDER, SELL, type MarketLimits } from "../market/index.js";
import type { InterMicrogridClearer, Level2Positions } from "./level2.js";

/** Per-agent state after level 1; arrays indexed by dense agent id. */
export interface Level1Outcome {
  /** Microgrid index of each agent. */
  microgridOf: Int32Array;
  /** BUY, SELL, or NO_ORDER. */
  side: Uint8Array;
  /** Order quantity (Wh). */
  quantity: Float64Array;
  /** Filled at level 1 (Wh). */
  fill: Float64Array;
  /** Price of the agent's last submitted order (p/kWh). */
  lastPrice: Float64Array;
  /** The agent's private limit price (p/kWh; meaningful for an agent with an order). */
  limit: Float64Array;
  /**
   * Price the agent's level-1 fill settled at (p/kWh): its microgrid's MCP under a uniform-price
   * auction, the agent's own under a discriminatory one; NaN when it filled nothing.
   */
  tradePrice: Float64Array;
}

export { NO_ORDER } from "../market/index.js";

/** What routing needs besides level 1's outcome. */
export interface RoutingSetup {
  microgrids: number;
  /** Connected groups of microgrids (a microgrid alone trades with the main grid only). */
  groups: readonly (readonly number[])[];
  limits: MarketLimits;
  /** The inter-microgrid process that clears each group at level 2. */
  level2: InterMicrogridClearer;
}

/** Per-microgrid outcome of levels 2 and 3 and the corrected prices. */
export interface RoutingOutcome {
  residualBuy: Float64Array;
  residualSell: Float64Array;
  /** Residual buys met by residual sells of the same microgrid (Wh), and their price (NaN if none). */
  netted: Float64Array;
  nettedPrice: Float64Array;
  /** Wh bought from / sold to other microgrids at level 2. */
  peerImport: Float64Array;
  peerExport: Float64Array;
  /**
   * Price of the microgrid's level-2 energy (NaN when it had none): the component's clearing price
   * under "one-shot" (reported for every microgrid in its book), its trade price under "iterated".
   */
  peerPrice: Float64Array;
  gridImport: Float64Array;
  gridExport: Float64Array;
  /** Uniform corrected price for residual buys / sells (NaN when there is no residual). */
  correctedBuy: Float64Array;
  correctedSell: Float64Array;
}

/** Sums each microgrid's residuals and their quantity-weighted last prices and limits. */
function residuals(level1: Level1Outcome, microgrids: number) {
  const buy = new Float64Array(microgrids);
  const sell = new Float64Array(microgrids);
  const buyValue = new Float64Array(microgrids);
  const sellValue = new Float64Array(microgrids);
  const buyLimit = new Float64Array(microgrids);
  const sellLimit = new Float64Array(microgrids);
  for (let a = 0; a < level1.side.length; a++) {
    const r = level1.quantity[a]! - level1.fill[a]!;
    if (r <= 0) continue;
    const m = level1.microgridOf[a]!;
    if (level1.side[a] === BUY) {
      buy[m]! += r;
      buyValue[m]! += r * level1.lastPrice[a]!;
      buyLimit[m]! += r * level1.limit[a]!;
    } else if (level1.side[a] === SELL) {
      sell[m]! += r;
      sellValue[m]! += r * level1.lastPrice[a]!;
      sellLimit[m]! += r * level1.limit[a]!;
    }
  }
  return { buy, sell, buyValue, sellValue, buyLimit, sellLimit };
}

type Residuals = ReturnType<typeof residuals>;

/** Keeps an aggregated price strictly inside the market limits, as every order must be. */
function insideLimits(price: number, limits: MarketLimits): number {
  const eps = (limits.pgb - limits.pgs) * 1e-9;
  return Math.min(limits.pgb - eps, Math.max(limits.pgs + eps, price));
}

/** Runs levels 2 and 3 for every component and applies the uniform price correction. */
export function routeResiduals(level1: Level1Outcome, setup: RoutingSetup): RoutingOutcome {
  const { microgrids, groups, limits } = setup;
  const res = residuals(level1, microgrids);
  const out: RoutingOutcome = {
    residualBuy: Float64Array.from(res.buy),
    residualSell: Float64Array.from(res.sell),
    netted: new Float64Array(microgrids),
    nettedPrice: new Float64Array(microgrids).fill(NaN),
    peerImport: new Float64Array(microgrids),
    peerExport: new Float64Array(microgrids),
    peerPrice: new Float64Array(microgrids).fill(NaN),
    gridImport: new Float64Array(microgrids),
    gridExport: new Float64Array(microgrids),
    correctedBuy: new Float64Array(microgrids).fill(NaN),
    correctedSell: new Float64Array(microgrids).fill(NaN),
  };
  for (let m = 0; m < microgrids; m++) net(m, res, limits, out);
  for (const group of groups) {
    if (group.length > 1) levelTwo(group, res, setup, out);
  }
  for (let m = 0; m < microgrids; m++) {
    out.gridImport[m] = res.buy[m]! - out.peerImport[m]!;
    out.gridExport[m] = res.sell[m]! - out.peerExport[m]!;
    if (out.residualBuy[m]! > 0) {
      const peer = peerValue(out, m, BUY);
      out.correctedBuy[m] = (peer.value + out.gridImport[m]! * limits.pgb) / out.residualBuy[m]!;
    }
    if (out.residualSell[m]! > 0) {
      const peer = peerValue(out, m, SELL);
      out.correctedSell[m] = (peer.value + out.gridExport[m]! * limits.pgs) / out.residualSell[m]!;
    }
  }
  return out;
}

/**
 * A microgrid has one position at its point of common coupling: residual buys and residual sells
 * of its own members meet first, at the midpoint of their weighted last bid and ask prices (they
 * did not cross at level 1, so neither side is favoured). Only the net goes up the hierarchy.
 */
function net(m: number, res: Residuals, limits: MarketLimits, out: RoutingOutcome): void {
  const wh = Math.min(res.buy[m]!, res.sell[m]!);
  if (wh <= 0) return;
  const bid = res.buyValue[m]! / res.buy[m]!;
  const ask = res.sellValue[m]! / res.sell[m]!;
  const buyLimit = res.buyLimit[m]! / res.buy[m]!;
  const sellLimit = res.sellLimit[m]! / res.sell[m]!;
  out.netted[m] = wh;
  out.nettedPrice[m] = insideLimits((bid + ask) / 2, limits);
  res.buy[m]! -= wh;
  res.sell[m]! -= wh;
  // The remaining position keeps its side's weighted price and limit.
  res.buyValue[m] = res.buy[m]! * bid;
  res.sellValue[m] = res.sell[m]! * ask;
  res.buyLimit[m] = res.buy[m]! * buyLimit;
  res.sellLimit[m] = res.sell[m]! * sellLimit;
}

/**
 * Wh of a microgrid's residual on `side` met by other agents (netted inside the microgrid or
 * traded at level 2), and their value (Wh x p/kWh).
 */
export function peerValue(r: RoutingOutcome, m: number, side: number): { wh: number; value: number } {
  return { wh: peerEnergy(r, m, side), value: peerWorth(r, m, side) };
}

/** peerValue(...).wh without the object (settlement asks it once per agent). */
export function peerEnergy(r: RoutingOutcome, m: number, side: number): number {
  return r.netted[m]! + (side === BUY ? r.peerImport[m]! : r.peerExport[m]!);
}

/** peerValue(...).value without the object. */
export function peerWorth(r: RoutingOutcome, m: number, side: number): number {
  const netted = r.netted[m]!;
  const level2 = side === BUY ? r.peerImport[m]! : r.peerExport[m]!;
  return (netted > 0 ? netted * r.nettedPrice[m]! : 0) + (level2 > 0 ? level2 * r.peerPrice[m]! : 0);
}

/** The group's net positions as level-2 entities (public prices and limits inside the limits). */
function positions(group: readonly number[], res: Residuals, limits: MarketLimits): Level2Positions {
  const n = group.length;
  const p: Level2Positions = {
    microgrids: group,
    side: new Uint8Array(n).fill(NO_ORDER),
    quantity: new Float64Array(n),
    price: new Float64Array(n),
    limit: new Float64Array(n),
  };
  group.forEach((m, i) => {
    const buys = res.buy[m]! > 0;
    if (!buys && !(res.sell[m]! > 0)) return;
    const q = buys ? res.buy[m]! : res.sell[m]!;
    p.side[i] = buys ? BUY : SELL;
    p.quantity[i] = q;
    p.price[i] = insideLimits((buys ? res.buyValue[m]! : res.sellValue[m]!) / q, limits);
    p.limit[i] = insideLimits((buys ? res.buyLimit[m]! : res.sellLimit[m]!) / q, limits);
  });
  return p;
}

/** Clears one group with the level-2 process and records each microgrid's level-2 energy. */
function levelTwo(group: readonly number[], res: Residuals, setup: RoutingSetup, out: RoutingOutcome): void {
  const p = positions(group, res, setup.limits);
  const result = setup.level2.clear(p);
  group.forEach((m, i) => {
    if (p.side[i] === NO_ORDER) return;
    out.peerPrice[m] = result.price[i]!;
    if (p.side[i] === BUY) out.peerImport[m] = result.fill[i]!;
    else out.peerExport[m] = result.fill[i]!;
  });
}
