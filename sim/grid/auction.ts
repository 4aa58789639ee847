// One microgrid's level-1 auction within a period, driven round by round by kernel events.
//
// Assumptions and units (Wh, p/kWh, ms):
// - At the period's start every member with a non-zero forecast becomes a buyer (BLO) or a seller
//   (SLO) for that quantity, draws a private limit price and an initial aggressiveness from its own
//   streams, and submits an order priced by the AA bid function anchored on the microgrid's last
//   MCP (the middle of the grid band before the first period).
// - A round closes at its deadline on the orders visible then (confirmed on the ledger, or all of
//   them without one). It publishes the MCP; every member with a visible order updates r by
//   Algorithm 1 + AA learning and submits its new price for the next round.
// - Consensus: the MCP moved less than epsilon for k consecutive rounds. Otherwise, after the last
//   round that fits the trading window (or maxRounds), eq. (1) sets the price and fills follow
//   clearAtPrice (no buyer pays above its bid, no seller receives below its ask).
// - Members whose order never became visible trade nothing at level 1: their whole quantity is
//   residual and goes up the hierarchy.
import type { RandomStream } from "../kernel/index.js";
import {
  addOrder,
  bidPrice,
  bidRange,
  BUY,
  clearAtPrice,
  clearUniform,
  createBook,
  createClearingWorkspace,
  drawLimitPrice,
  fallbackPrice,
  resetBook,
  SELL,
  submitPrice,
  updateAggressiveness,
  initialAggressiveness,
  zicBid,
  type BidRange,
  type ClearingResult,
  type ClearingWorkspace,
  type MarketConfig,
  type MarketLimits,
  type RoundOutcome,
  type Side,
} from "../market/index.js";
import { NO_ORDER } from "./routing.js";

export type AuctionOutcome = "consensus" | "fallback" | "no-trade";

/** The streams one agent draws from (one per purpose, so purposes never disturb each other). */
export interface AgentStreams {
  limit: RandomStream;
  start: RandomStream;
  learn: RandomStream;
}

export class MicrogridAuction {
  readonly members: Int32Array;
  readonly side: Uint8Array;
  readonly quantity: Float64Array;
  readonly fill: Float64Array;
  /** The order the market currently sees, and the MCP it was formed with. */
  readonly visiblePrice: Float64Array;
  readonly visibleAnchor: Float64Array;
  readonly visible: Uint8Array;
  /** The order last submitted (may not be visible yet). */
  readonly submittedPrice: Float64Array;
  readonly submittedAnchor: Float64Array;
  readonly r: Float64Array;
  readonly c: Float64Array;
  readonly l: Float64Array;
  readonly #streams: readonly AgentStreams[];
  readonly #market: MarketConfig;
  readonly #limits: MarketLimits;
  readonly #book;
  // Reused by every clearing of this auction: the results' fill arrays are its buffers, and
  // #apply copies them out before the next clearing.
  readonly #workspace: ClearingWorkspace;
  #visibleAtLastRound = 0;
  /** The MCP agents anchor their bids on: the last published one. */
  anchor: number;
  mcp = NaN;
  rounds = 0;
  stableRounds = 0;
  outcome: AuctionOutcome = "no-trade";
  demand = 0;
  supply = 0;
  volume = 0;
  /** No member buys, or no member sells, this period: there is no auction to run. */
  oneSided = false;
  /** Members whose order never became visible this period, and their Wh (all of it residual). */
  missedOrders = 0;
  missedWh = 0;
  done = false;

  constructor(
    members: Int32Array,
    streams: readonly AgentStreams[],
    market: MarketConfig,
    limits: MarketLimits,
  ) {
    const n = members.length;
    this.members = members;
    this.side = new Uint8Array(n);
    this.quantity = new Float64Array(n);
    this.fill = new Float64Array(n);
    this.visiblePrice = new Float64Array(n);
    this.visibleAnchor = new Float64Array(n);
    this.visible = new Uint8Array(n);
    this.submittedPrice = new Float64Array(n);
    this.submittedAnchor = new Float64Array(n);
    this.r = new Float64Array(n);
    this.c = new Float64Array(n);
    this.l = new Float64Array(n);
    this.#streams = streams;
    this.#market = market;
    this.#limits = limits;
    this.#book = createBook(n);
    this.#workspace = createClearingWorkspace(n);
    this.anchor = (limits.pgs + limits.pgb) / 2;
  }

  /** Starts a period: sides, quantities, limits and first prices from the forecast net energy (Wh). */
  open(forecastNet: Float64Array): void {
    this.mcp = NaN;
    this.rounds = 0;
    this.stableRounds = 0;
    this.outcome = "no-trade";
    this.done = false;
    this.visible.fill(0);
    this.fill.fill(0);
    this.#visibleAtLastRound = 0;
    let buyers = 0;
    let sellers = 0;
    for (let i = 0; i < this.members.length; i++) {
      const net = forecastNet[this.members[i]!]!;
      if (net < 0) buyers++;
      else if (net > 0) sellers++;
      this.side[i] = net > 0 ? SELL : net < 0 ? BUY : NO_ORDER;
      this.quantity[i] = Math.abs(net);
      if (net === 0) continue;
      const s = this.#streams[i]!;
      const side = this.side[i] as Side;
      const range = bidRange(
        side,
        drawLimitPrice(side, this.#limits, this.#market.limitPrices, s.limit),
        this.#limits,
      );
      this.c[i] = range.c;
      this.l[i] = range.l;
      this.r[i] = initialAggressiveness(this.#market.initialAggressiveness, s.start);
      this.#price(i);
    }
    this.oneSided = buyers === 0 || sellers === 0;
  }

  /** Forms member i's next price from its r and the current anchor (ZIC: a fresh random price). */
  #price(i: number): void {
    const side = this.side[i] as Side;
    this.submittedAnchor[i] = this.anchor;
    if (this.#market.bidder === "zic") {
      const limit = side === BUY ? this.l[i]! : this.c[i]!;
      this.submittedPrice[i] = zicBid(side, limit, this.#limits, this.#streams[i]!.learn);
      return;
    }
    const raw = bidPrice(
      side,
      this.r[i]!,
      this.anchor,
      this.c[i]!,
      this.l[i]!,
      this.#market.theta,
      this.#market.equations,
    );
    const range = this.#range;
    range.c = this.c[i]!;
    range.l = this.l[i]!;
    this.submittedPrice[i] = submitPrice(raw, range, this.#limits);
  }

  /** Member i's order, priced `price` with anchor `anchor`, became visible. */
  reveal(i: number, price: number, anchor: number): void {
    this.visible[i] = 1;
    this.visiblePrice[i] = price;
    this.visibleAnchor[i] = anchor;
  }

  /**
   * Reveals the submitted order of every member that has one (`updates`: of every member whose
   * order is visible, as after a round; otherwise of every member with a quantity, as at the
   * period's start). For a channel that shows orders as they are sent.
   */
  revealSubmitted(updates: boolean): void {
    for (let i = 0; i < this.members.length; i++) {
      if (updates ? this.visible[i] !== 1 : !(this.quantity[i]! > 0)) continue;
      this.reveal(i, this.submittedPrice[i]!, this.submittedAnchor[i]!);
    }
  }

  #fillBook(): void {
    resetBook(this.#book);
    for (let i = 0; i < this.members.length; i++) {
      if (this.visible[i] === 1)
        addOrder(this.#book, this.side[i] as Side, this.visiblePrice[i]!, this.quantity[i]!, i);
    }
  }

  #apply(result: ClearingResult): void {
    this.fill.fill(0);
    for (let k = 0; k < this.#book.n; k++) this.fill[this.#book.owner[k]!] = result.fill[k]!;
    this.demand = result.demand;
    this.supply = result.supply;
    this.volume = result.volume;
  }

  /**
   * Closes a round on the visible orders. Returns true when the auction is settled (consensus, or
   * `last` and the fallback applied); otherwise members have new prices to submit.
   * - A period with orders on one side only has no auction: it settles as "no-trade" at the last
   *   round without learning (the world does not even schedule its rounds).
   * - A round counts towards consensus only when the visible book has both sides and no new order
   *   became visible since the previous round: an empty or one-sided book (orders still in flight
   *   on the ledger) publishes a price that says nothing about the market.
   * - While the visible book is one-sided, members neither learn nor re-price: nothing happened.
   */
  round(last: boolean): boolean {
    if (this.oneSided) return last ? this.#noTrade() : false;
    this.#fillBook();
    const result = clearUniform(this.#book, this.#limits, this.#workspace);
    this.rounds++;
    this.#apply(result);
    const twoSided = result.demand > 0 && result.supply > 0;
    const sameBook = this.#book.n === this.#visibleAtLastRound;
    this.#visibleAtLastRound = this.#book.n;
    const moved = Math.abs(result.mcp - this.mcp);
    this.stableRounds = twoSided && sameBook && moved < this.#market.epsilon ? this.stableRounds + 1 : 0;
    if (twoSided) this.mcp = result.mcp;
    if (this.stableRounds >= this.#market.k) return this.#settle("consensus", result.mcp);
    if (last || this.rounds >= this.#market.maxRounds) return twoSided ? this.#fallback() : this.#noTrade();
    if (!twoSided) return false;
    if (this.#market.bidder === "aa") this.#learn(result);
    this.anchor = result.mcp;
    for (let i = 0; i < this.members.length; i++) if (this.visible[i] === 1) this.#price(i);
    return false;
  }

  /**
   * Ends the period at `price`, whose fills have been applied. The next period's first bids anchor
   * on the price of the last period that traded.
   */
  #settle(outcome: AuctionOutcome, price: number): true {
    this.missedOrders = 0;
    this.missedWh = 0;
    for (let i = 0; i < this.members.length; i++) {
      if (this.quantity[i]! > 0 && this.visible[i] !== 1) {
        this.missedOrders++;
        this.missedWh += this.quantity[i]!;
      }
    }
    this.outcome = this.volume > 0 ? outcome : "no-trade";
    this.mcp = price;
    if (this.volume > 0) this.anchor = price;
    this.done = true;
    return true;
  }

  /** Nothing trades at level 1: every order is residual, and no price is published (NaN). */
  #noTrade(): true {
    this.fill.fill(0);
    this.volume = 0;
    this.demand = 0;
    this.supply = 0;
    for (let i = 0; i < this.members.length; i++) {
      if (this.side[i] === BUY) this.demand += this.quantity[i]!;
      else if (this.side[i] === SELL) this.supply += this.quantity[i]!;
    }
    return this.#settle("no-trade", NaN);
  }

  #fallback(): true {
    const price = fallbackPrice(this.#book, this.#limits, this.#market.fallback);
    const result = clearAtPrice(this.#book, this.#limits, price, this.#workspace);
    this.#apply(result);
    return this.#settle("fallback", price);
  }

  #learn(result: ClearingResult): void {
    const o = this.#outcome;
    for (let i = 0; i < this.members.length; i++) {
      if (this.visible[i] !== 1) continue;
      o.side = this.side[i] as Side;
      o.r = this.r[i]!;
      o.bid = this.visiblePrice[i]!;
      o.anchor = this.visibleAnchor[i]!;
      o.quantity = this.quantity[i]!;
      o.fill = this.fill[i]!;
      o.mcp = result.mcp;
      o.demand = result.demand;
      o.supply = result.supply;
      o.c = this.c[i]!;
      o.l = this.l[i]!;
      this.r[i] = updateAggressiveness(o, this.#market.learning, this.#market, this.#streams[i]!.learn);
    }
  }

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
}
