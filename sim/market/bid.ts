// AA bid functions (paper eqs. 2-3; docs/errata.md, erratum 1) and their inverse.
//
// Assumptions and units: prices p/kWh; aggressiveness r in [-1, 1]; theta > 0 (default 2).
// - c is the agent's lower price bound and l its upper bound: a buyer with private limit L_b has
//   c = Pgs, l = L_b (it never pays above its limit, and Pgs is the other side's extreme); a
//   seller with private limit L_s has c = L_s, l = Pgb.
// - E_theta(x) = (e^x - 1) / (e^theta - 1), evaluated at x = theta |r|; theta = 2 gives the paper's
//   E(x) = (e^x - 1) / (e^2 - 1) at x = 2|r| exactly (E_theta(theta) = 1, E_theta(0) = 0).
// - The anchor m is the published MCP clamped into [c, l]. For an intramarginal agent (MCP in
//   [c, l]) m = MCP and the formulas are the paper's. For an extramarginal one (a buyer whose
//   limit is below the MCP, a seller whose limit is above it) m is its own limit: it bids its
//   limit when r >= 0 and between the other side's extreme and its limit when r < 0, as in
//   Vytelingum et al. (2008), so no bid is ever loss-making.
//   corrected   buyer  r < 0: c + (m - c)(1 - E)   r >= 0: m + (l - m) E
//               seller r < 0: m + (l - m) E        r >= 0: c + (m - c)(1 - E)
//   as-printed  buyer  r < 0: c + (m - c) E        r >= 0: m + (l - m)(1 - E)
//               seller r < 0: m + (l - m)(1 - E)   r >= 0: c + (m - c) E
//   The printed branches are split at r = 0 the same way (r = 0 takes the r >= 0 branch); they
//   jump at r = 0 (a buyer bids l there) and run the wrong way, which is why they are not the
//   default.
import { BUY, PRICE_TICK, type MarketLimits, type Side } from "./book.js";

export type BidEquations = "corrected" | "as-printed";

/** An agent's price bounds (p/kWh): c lower, l upper. */
export interface BidRange {
  c: number;
  l: number;
}

/** c and l for an agent with private limit `limitPrice` on `side`. */
export function bidRange(side: Side, limitPrice: number, limits: MarketLimits): BidRange {
  return side === BUY ? { c: limits.pgs, l: limitPrice } : { c: limitPrice, l: limits.pgb };
}

/** E_theta(x) = (e^x - 1) / (e^theta - 1). */
export function expCurve(x: number, theta: number): number {
  return Math.expm1(x) / Math.expm1(theta);
}

/** The |r| at which E_theta(theta |r|) = e, for e in [0, 1] (clamped). */
function inverseCurve(e: number, theta: number): number {
  const clamped = e <= 0 ? 0 : e >= 1 ? 1 : e;
  const x = Math.log1p(clamped * Math.expm1(theta));
  const r = x / theta;
  return r > 1 ? 1 : r;
}

function anchorOf(mcp: number, c: number, l: number): number {
  return mcp < c ? c : mcp > l ? l : mcp;
}

/** Bid (buyer) or ask (seller) price for aggressiveness r, unquantised, within [c, l]. */
export function bidPrice(
  side: Side,
  r: number,
  mcp: number,
  c: number,
  l: number,
  theta: number,
  equations: BidEquations,
): number {
  const m = anchorOf(mcp, c, l);
  const e = expCurve(theta * Math.abs(r), theta);
  // Which of the two shapes a branch takes: "rise" goes c..m or m..l with E, "fall" with 1 - E.
  const printed = equations === "as-printed";
  if (side === BUY) {
    if (r < 0) return c + (m - c) * (printed ? e : 1 - e);
    return m + (l - m) * (printed ? 1 - e : e);
  }
  if (r < 0) return m + (l - m) * (printed ? 1 - e : e);
  return c + (m - c) * (printed ? e : 1 - e);
}

/**
 * The aggressiveness whose bid (formed with anchor `mcp`) is exactly `price`, clamped to [-1, 1]
 * (r_shout in AA). Prices beyond the agent's reach give the nearest end of the scale.
 */
export function aggressivenessFor(
  side: Side,
  price: number,
  mcp: number,
  c: number,
  l: number,
  theta: number,
  equations: BidEquations,
): number {
  const m = anchorOf(mcp, c, l);
  return equations === "as-printed"
    ? invertPrinted(side, price, m, c, l, theta)
    : invertCorrected(side, price, m, c, l, theta);
}

function fraction(x: number, from: number, to: number): number {
  return to > from ? (x - from) / (to - from) : 0;
}

function invertCorrected(side: Side, p: number, m: number, c: number, l: number, theta: number): number {
  // Buyer: non-decreasing c -> m -> l over r = -1 -> 0 -> 1; the seller mirrors it.
  const up = side === BUY ? 1 : -1;
  if (p >= l) return up;
  if (p <= c) return -up;
  if (p < m) {
    const r = inverseCurve(1 - fraction(p, c, m), theta);
    return side === BUY ? -r : r;
  }
  if (p > m) {
    const r = inverseCurve(fraction(p, m, l), theta);
    return side === BUY ? r : -r;
  }
  return 0;
}

function invertPrinted(side: Side, p: number, m: number, c: number, l: number, theta: number): number {
  if (side === BUY) {
    if (p < m) return -inverseCurve(fraction(p, c, m), theta);
    return inverseCurve(1 - fraction(p, m, l), theta);
  }
  if (p > m) return -inverseCurve(1 - fraction(p, m, l), theta);
  return inverseCurve(fraction(p, c, m), theta);
}

/** The lowest and highest prices on the tick grid strictly inside the market limits. */
/** Lowest and highest price on the tick grid strictly inside the limits (no allocation: hot path). */
function gridLow(limits: MarketLimits, tick: number): number {
  const perUnit = Math.round(1 / tick);
  return Math.ceil((limits.pgs + tick) * perUnit - 1e-9) / perUnit;
}

function gridHigh(limits: MarketLimits, tick: number): number {
  const perUnit = Math.round(1 / tick);
  return Math.floor((limits.pgb - tick) * perUnit + 1e-9) / perUnit;
}

/**
 * Puts a price on the tick grid (round half away from zero) and strictly inside the market
 * limits: [pgs + tick, pgb - tick]. This is what agents submit.
 */
export function quantizePrice(price: number, limits: MarketLimits, tick = PRICE_TICK): number {
  const perUnit = Math.round(1 / tick);
  const q = (Math.sign(price) * Math.round(Math.abs(price) * perUnit)) / perUnit;
  const lo = gridLow(limits, tick);
  const hi = gridHigh(limits, tick);
  return q < lo ? lo : q > hi ? hi : q;
}

/**
 * The price an agent submits: on the tick grid, within its own bounds [c, l] (so rounding never
 * makes it loss-making) and strictly inside the market limits. A bound off the grid (a limit not
 * drawn by drawLimitPrice) is itself the clamp, so the price may then sit off the grid.
 */
export function submitPrice(price: number, range: BidRange, limits: MarketLimits, tick = PRICE_TICK): number {
  const q = quantizePrice(price, limits, tick);
  const lo = Math.max(range.c, gridLow(limits, tick));
  const hi = Math.min(range.l, gridHigh(limits, tick));
  return q < lo ? lo : q > hi ? hi : q;
}
