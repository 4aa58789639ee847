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

  /** Starts a period from every agent's forecast net energy (Wh, indexed by agent). */
  openPeriod(forecastNet: Float64Array): void {
    this.open(forecastNet, this.members);
  }
}
