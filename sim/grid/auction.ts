// One microgrid's level-1 auction: the market's auction state machine (sim/market/auction.ts)
// over the microgrid's members, plus the mapping from members to the world's agents.
//
// Assumptions: member i of microgrid m is agent members[i]; each member draws from its agent's
// streams (named after the agent, so adding an agent elsewhere never changes these draws). The
// world shows orders to the market as its channel confirms them (reveal / revealSubmitted).
import { Auction, type MarketConfig, type MarketLimits, type MemberStreams } from "../market/index.js";

export type { AuctionOutcome } from "../market/index.js";

export class MicrogridAuction extends Auction {
  /** Agent id of each member. */
  readonly members: Int32Array;

  constructor(
    members: Int32Array,
    streams: readonly MemberStreams[],
    market: MarketConfig,
    limits: MarketLimits,
  ) {
    super(members.length, { streams, config: market, limits });
    this.members = members;
  }

  /** Per member, its agent's given limit price for the period (scratch). */
  #limits: Float64Array | undefined;

  /**
   * Starts a period from every agent's forecast net energy (Wh, indexed by agent). `limits`
   * (indexed by agent), when given, sets an agent's private limit price; NaN keeps its own draw.
   */
  openPeriod(forecastNet: Float64Array, limits?: Float64Array): void {
    if (limits === undefined) {
      this.open(forecastNet, this.members);
      return;
    }
    const own = (this.#limits ??= new Float64Array(this.members.length));
    for (let i = 0; i < own.length; i++) own[i] = limits[this.members[i]!]!;
    this.open(forecastNet, this.members, own);
  }
}
