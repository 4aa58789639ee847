// The "iterated" inter-microgrid process: the microgrids of a group run the same round-by-round
// auction as the agents inside a microgrid (paper III.B.3, "a similar bidding process among the
// microgrids"), each microgrid with a net residual acting as one bidding entity.
//
// Assumptions and units (Wh, p/kWh):
// - The auction is level 1's (sim/market/auction.ts) with the run's market config: the configured
//   bidder (AA by default) and mechanism, consensus after k rounds moving less than epsilon, at
//   most maxRounds rounds, then the mechanism's fallback (eq. 1 for the uniform price).
// - An entity's private limit is the quantity-weighted mean of its members' limit prices on its
//   side (routing.ts): the microgrid bids on its members' behalf, and at any price up to that mean
//   (down to it, for sellers) the members' summed surplus from the energy is not negative. Every
//   member's own alternative is the main grid (Pgb or Pgs), so any level-2 trade improves on it.
//   The members' last level-1 prices are not used: the entity bids afresh from its limit.
// - Each microgrid draws from its own streams, "microgrid/<name>/level2/{limit,start,learn}"
//   (limit is never drawn: the limit is given), so adding an agent or a microgrid never changes
//   another microgrid's draws.
// - Rounds run inside the routing event: every order is visible at once and there is no ledger
//   latency between level-2 rounds (the microgrids' controllers exchange bids directly).
// - One auction per group composition, kept from period to period: like level 1, a period's first
//   bids anchor on the price of the group's last period that traded.
// - An entity's level-2 energy trades at its trade price from the auction (the group's clearing
//   price under the uniform mechanism); an entity that did not trade reports NaN.
import type { Streams } from "../kernel/index.js";
import {
  Auction,
  BUY,
  memberStreams,
  nextRound,
  SELL,
  type MarketConfig,
  type MarketLimits,
} from "../market/index.js";
import type {
  InterMicrogridContext,
  InterMicrogridProcess,
  Level2Clearing,
  Level2Positions,
} from "./level2.js";

export class IteratedClearer {
  readonly #context: InterMicrogridContext;
  readonly #auctions = new Map<string, Auction>();

  constructor(context: InterMicrogridContext) {
    this.#context = context;
  }

  clear(group: Level2Positions): Level2Clearing {
    const auction = this.#auctionFor(group.microgrids);
    const n = group.microgrids.length;
    const net = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const q = group.quantity[i]!;
      net[i] = group.side[i] === SELL ? q : group.side[i] === BUY ? -q : 0;
    }
    auction.open(net, undefined, group.limit);
    auction.revealSubmitted(false);
    const maxRounds = auction.config.maxRounds;
    for (let k = 1; !nextRound(auction, k >= maxRounds || auction.oneSided).settled; k++);
    return {
      fill: Float64Array.from(auction.fill),
      price: Float64Array.from(auction.tradePrice),
      rounds: auction.rounds,
      outcome: auction.outcome,
    };
  }

  #auctionFor(microgrids: readonly number[]): Auction {
    const key = microgrids.join(",");
    let auction = this.#auctions.get(key);
    if (auction === undefined) {
      const { streams, microgridNames, market, limits } = this.#context;
      auction = level2Auction({ streams, names: microgrids.map((m) => microgridNames[m]!), market, limits });
      this.#auctions.set(key, auction);
    }
    return auction;
  }
}

/** An auction whose members are the named microgrids, each with its own level-2 streams. */
function level2Auction(setup: {
  streams: Streams;
  names: readonly string[];
  market: MarketConfig;
  limits: MarketLimits;
}): Auction {
  const streams = setup.names.map((name) => memberStreams(setup.streams, `microgrid/${name}/level2`));
  return new Auction(setup.names.length, { streams, config: setup.market, limits: setup.limits });
}

export const iteratedProcess: InterMicrogridProcess = {
  name: "iterated",
  efficient: false,
  description:
    "the microgrids re-bid round by round in level 1's auction (bidder, consensus, fallback, mechanism)",
  create: (context) => new IteratedClearer(context),
};
