// The adaptive-aggressiveness (AA) bidder of the paper (Vytelingum et al. 2008, as adapted in
// section III.B: eqs. 2-3 for the price, Algorithm 1 for the update), as a Bidder plugin.
//
// Assumptions and units: r in [-1, 1]; prices p/kWh. The first r comes from the member's `start`
// stream (market.initialAggressiveness); learning draws from its `learn` stream. The bid and
// learning equations, and their as-printed variants, are in bid.ts and learning.ts.
import { BUY, type MarketLimits, type Side } from "./book.js";
import { bidPrice, submitPrice, type BidRange } from "./bid.js";
import type { Bidder, BidderPlugin, BidderSetup, MemberStreams, MemberView, RoundSignal } from "./bidder.js";
import type { LearningConfig, MarketConfig } from "./config.js";
import { initialAggressiveness, updateAggressiveness, type BidShape, type RoundOutcome } from "./learning.js";
import type { RandomStream } from "../kernel/random.js";

/** The update of r after a round (Algorithm 1 + AA learning by default; tests may break it on purpose). */
export type Learner = (
  outcome: RoundOutcome,
  learning: LearningConfig,
  shape: BidShape,
  stream: RandomStream,
) => number;

export class AABidder implements Bidder {
  /** Aggressiveness per member. */
  readonly r: Float64Array;
  readonly #members: MemberView;
  readonly #streams: readonly MemberStreams[];
  readonly #config: MarketConfig;
  readonly #limits: MarketLimits;
  readonly #shape: BidShape;
  readonly #learner: Learner;
  // Reused on every call: the hot path allocates nothing.
  readonly #range: BidRange = { c: 0, l: 0 };
  readonly #outcome: RoundOutcome = {
    side: BUY,
    r: 0,
    bid: 0,
    anchor: 0,
    quantity: 0,
    fill: 0,
    mcp: 0,
    demand: 0,
    supply: 0,
    c: 0,
    l: 0,
  };

  constructor(setup: BidderSetup, learner: Learner = updateAggressiveness) {
    this.r = new Float64Array(setup.members.side.length);
    this.#members = setup.members;
    this.#streams = setup.streams;
    this.#config = setup.config;
    this.#limits = setup.limits;
    this.#shape = { theta: setup.config.theta, equations: setup.config.equations };
    this.#learner = learner;
  }

  open(i: number): void {
    this.r[i] = initialAggressiveness(this.#config.initialAggressiveness, this.#streams[i]!.start);
  }

  price(i: number, anchor: number): number {
    const m = this.#members;
    const raw = bidPrice(
      m.side[i] as Side,
      this.r[i]!,
      anchor,
      m.c[i]!,
      m.l[i]!,
      this.#shape.theta,
      this.#shape.equations,
    );
    this.#range.c = m.c[i]!;
    this.#range.l = m.l[i]!;
    return submitPrice(raw, this.#range, this.#limits);
  }

  learn(i: number, round: RoundSignal): void {
    const m = this.#members;
    const o = this.#outcome;
    o.side = m.side[i] as Side;
    o.r = this.r[i]!;
    o.bid = m.visiblePrice[i]!;
    o.anchor = m.visibleAnchor[i]!;
    o.quantity = m.quantity[i]!;
    o.fill = m.fill[i]!;
    o.mcp = round.mcp;
    o.demand = round.demand;
    o.supply = round.supply;
    o.c = m.c[i]!;
    o.l = m.l[i]!;
    this.r[i] = this.#learner(o, this.#config.learning, this.#shape, this.#streams[i]!.learn);
  }
}

/** AA with `learner` in place of the paper's update (the conformance tests break it on purpose). */
export function aaPlugin(name = "aa", learner?: Learner): BidderPlugin {
  return {
    name,
    description: "adaptive aggressiveness (Vytelingum et al. 2008; the paper's eqs. 2-3 and Algorithm 1)",
    create: (setup) => new AABidder(setup, learner),
  };
}
