// Aggressiveness update after a round (paper Algorithm 1 + AA short-term learning; docs/errata.md,
// erratum 2).
//
// Assumptions and units: prices p/kWh, quantities Wh, r in [-1, 1].
// - r_shout is the aggressiveness that would have placed this agent's order exactly at the new
//   MCP, inverting the bid function with the anchor the order was formed with (the MCP published
//   before it). Inverting with the new MCP as anchor would always give 0.
// - "Raise" moves r toward delta+ = s + lambda_r |s| + lambda_a, "lower" toward
//   delta- = s - lambda_r |s| - lambda_a, with r <- r + beta (delta - r). AA writes
//   (1 +/- lambda_r) s; the |s| form equals it for s >= 0 and keeps the direction right for s < 0.
//   s = max(r_shout, r) when raising and min(r_shout, r) when lowering, so a raise never lowers r.
// - An order "lost" when it was not filled in full (residual > 0; a bid left so is at or below
//   the MCP, an ask at or above it).
// - Forced ("must be more aggressive"): as-described, a losing buyer when demand > supply and a
//   losing seller when supply > demand; as-printed, a buyer when demand < supply and its bid is
//   below the MCP, a seller when demand > supply and its ask is below the MCP. A forced bidder
//   raises r.
// - Free: a loser raises r with probability freeRaiseProbability (one draw from its own stream)
//   and otherwise stays as it is (the paper: it may "continue being passive or become more
//   aggressive"). A winner (filled in full) keeps r by default: in a uniform-price market its
//   own bid did not set what it paid, so AA's reason to become less aggressive after a trade (a
//   better price next time) does not apply, and lowering only makes it lose the next round
//   (measured in docs/market.md). winners = "lower" restores AA's rule: a winner with margin (bid
//   above the MCP, ask below it) lowers r toward r_shout; one exactly at the MCP keeps r.
import { BUY, type Side } from "./book.js";
import { aggressivenessFor, type BidEquations } from "./bid.js";
import type { InitialAggressiveness, LearningConfig } from "./config.js";
import type { RandomStream } from "../kernel/random.js";

/** What one agent saw in a round. Reused by callers to avoid an object per agent per round. */
export interface RoundOutcome {
  side: Side;
  r: number;
  /** Price submitted (p/kWh) and the anchor (MCP) it was formed with. */
  bid: number;
  anchor: number;
  /** Wh offered and Wh filled. */
  quantity: number;
  fill: number;
  /** The round's MCP and the book's totals (Wh). */
  mcp: number;
  demand: number;
  supply: number;
  /** The agent's bounds c, l (p/kWh). */
  c: number;
  l: number;
}

export interface BidShape {
  theta: number;
  equations: BidEquations;
}

function clampR(r: number): number {
  return r < -1 ? -1 : r > 1 ? 1 : r;
}

export function raise(r: number, shout: number, learning: LearningConfig): number {
  const s = shout > r ? shout : r;
  const delta = s + learning.lambdaR * Math.abs(s) + learning.lambdaA;
  return clampR(r + learning.beta * (delta - r));
}

export function lower(r: number, shout: number, learning: LearningConfig): number {
  const s = shout < r ? shout : r;
  const delta = s - learning.lambdaR * Math.abs(s) - learning.lambdaA;
  return clampR(r + learning.beta * (delta - r));
}

/** Whether Algorithm 1 forces this agent to be more aggressive. */
export function mustRaise(o: RoundOutcome, rule: LearningConfig["rule"]): boolean {
  if (rule === "as-printed") {
    return o.side === BUY ? o.demand < o.supply && o.bid < o.mcp : o.demand > o.supply && o.bid < o.mcp;
  }
  const lost = o.fill < o.quantity;
  return lost && (o.side === BUY ? o.demand > o.supply : o.supply > o.demand);
}

/** The agent's next r. Agents that offered nothing keep theirs. */
export function updateAggressiveness(
  o: RoundOutcome,
  learning: LearningConfig,
  shape: BidShape,
  stream: RandomStream,
): number {
  if (o.quantity === 0) return o.r;
  const shout = aggressivenessFor(o.side, o.mcp, o.anchor, o.c, o.l, shape.theta, shape.equations);
  if (mustRaise(o, learning.rule)) return raise(o.r, shout, learning);
  if (o.fill < o.quantity) {
    return stream.bernoulli(learning.freeRaiseProbability) ? raise(o.r, shout, learning) : o.r;
  }
  if (learning.winners === "keep") return o.r;
  const margin = o.side === BUY ? o.bid > o.mcp : o.bid < o.mcp;
  return margin ? lower(o.r, shout, learning) : o.r;
}

/** First r: "eager" U[0, 1], "random" U[-1, 1] (one draw each), "neutral" 0 (no draw). */
export function initialAggressiveness(kind: InitialAggressiveness, stream: RandomStream): number {
  switch (kind) {
    case "eager":
      return stream.uniform(0, 1);
    case "random":
      return stream.uniform(-1, 1);
    default:
      return 0;
  }
}
