// One auction's round-by-round state machine: the loop the world runs per microgrid and per
// period, and the one the conformance suite, the benches and `runConsensus` drive.
//
// Assumptions and units (Wh, p/kWh):
// - Members are dense indices 0..n-1; the caller maps its agents to them. At `open` a member with
//   a positive net (Wh) sells it, a negative one buys it, zero sits the period out. Its private
//   limit price is given by the caller (a schedule) or drawn from its `limit` stream
//   (market.limitPrices); its bounds follow: a buyer trades in [Pgs, limit], a seller in
//   [limit, Pgb]. The bidder then forms its first state and price, anchored on the last
//   published price (the middle of the grid band before any).
// - An order takes part in a round only once it is visible (`reveal`): a ledger may confirm it
//   late, or never; a member keeps its last visible order while a newer one is in flight.
// - A round clears the visible book with the mechanism and publishes its price. It counts towards
//   consensus only when the book has both sides, no order became visible since the previous round,
//   no member's latest order is still in flight (the book is not stale), and the price moved less
//   than epsilon: an empty, one-sided or stale book says nothing new about the market. Consensus
//   after k such rounds in a row; the round's clearing stands.
// - After a two-sided round every member with a visible order learns (the bidder's rule) and
//   prices its next order on the new anchor; after a one-sided round nothing happened, so nobody
//   learns or re-prices.
// - The last round (the trading window's, or maxRounds) without consensus ends with the
//   mechanism's fallback on the last book (eq. 1 for the uniform price) if it had both sides, and
//   no trade otherwise. A period with one side only has no auction at all: no trade.
// - Members whose order never became visible trade nothing here: their whole quantity is residual.
// - A period that trades nothing publishes no price (NaN), and the next period anchors on the price
//   of the last period that traded.
import {
  addOrder,
  BUY,
  createBook,
  NO_ORDER,
  resetBook,
  SELL,
  type MarketLimits,
  type Side,
} from "./book.js";
import type { Bidder, BidderPlugin, MemberStreams, MemberView, RoundSignal } from "./bidder.js";
import { bidders } from "./bidders.js";
import type { MarketConfig } from "./config.js";
import { drawLimitPrice } from "./limit-price.js";
import type { Mechanism, MechanismPlugin, MechanismResult } from "./mechanism.js";
import { mechanisms } from "./mechanisms.js";

export type AuctionOutcome = "consensus" | "fallback" | "no-trade";

export interface AuctionSetup {
  /** One entry per member. */
  streams: readonly MemberStreams[];
  config: MarketConfig;
  limits: MarketLimits;
  /** Plugins to use instead of the registered ones that config.bidder / config.mechanism name. */
  bidder?: BidderPlugin;
  mechanism?: MechanismPlugin;
}

export class Auction implements MemberView {
  readonly n: number;
  readonly side: Uint8Array;
  readonly quantity: Float64Array;
  readonly limit: Float64Array;
  readonly c: Float64Array;
  readonly l: Float64Array;
  readonly fill: Float64Array;
  /** Mean price of each member's fill when the period settled (p/kWh; NaN for no fill). */
  readonly tradePrice: Float64Array;
  /** The order the market currently sees, and the anchor it was formed with. */
  readonly visiblePrice: Float64Array;
  readonly visibleAnchor: Float64Array;
  readonly visible: Uint8Array;
  /** The order last submitted (may not be visible yet). */
  readonly submittedPrice: Float64Array;
  readonly submittedAnchor: Float64Array;
  readonly bidder: Bidder;
  readonly mechanism: Mechanism;
  readonly config: MarketConfig;
  readonly #streams: readonly MemberStreams[];
  readonly #limits: MarketLimits;
  readonly #book;
  readonly #signal: RoundSignal = { mcp: 0, demand: 0, supply: 0 };
  #visibleAtLastRound = 0;
  /** The anchor the period opened with: the price of the last period that traded. */
  #openingAnchor = 0;
  /** Per-order prices of the result last applied (undefined: all at its mcp). */
  #prices: Float64Array | undefined;
  readonly #mechanismName: string;
  /** The published price of the result applied last. */
  #cleared = Number.NaN;
  /** The price bids are anchored on: the last published one. */
  anchor: number;
  /** The last two-sided round's price; once settled, the period's price (NaN without trade). */
  mcp = Number.NaN;
  rounds = 0;
  stableRounds = 0;
  /** Orders in the last round's book. */
  orders = 0;
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

  constructor(n: number, setup: AuctionSetup) {
    if (setup.streams.length < n)
      throw new RangeError(`auction: ${setup.streams.length} streams for ${n} members`);
    this.n = n;
    this.side = new Uint8Array(n);
    this.quantity = new Float64Array(n);
    this.limit = new Float64Array(n);
    this.c = new Float64Array(n);
    this.l = new Float64Array(n);
    this.fill = new Float64Array(n);
    this.tradePrice = new Float64Array(n);
    this.visiblePrice = new Float64Array(n);
    this.visibleAnchor = new Float64Array(n);
    this.visible = new Uint8Array(n);
    this.submittedPrice = new Float64Array(n);
    this.submittedAnchor = new Float64Array(n);
    this.#streams = setup.streams;
    this.config = setup.config;
    this.#limits = setup.limits;
    this.#book = createBook(n);
    this.anchor = (setup.limits.pgs + setup.limits.pgb) / 2;
    const bidder = setup.bidder ?? bidders.get(setup.config.bidder);
    const mechanism = setup.mechanism ?? mechanisms.get(setup.config.mechanism);
    this.bidder = bidder.create({
      members: this,
      streams: setup.streams,
      config: setup.config,
      limits: setup.limits,
    });
    this.#mechanismName = mechanism.name;
    this.mechanism = mechanism.create({ capacity: n, limits: setup.limits, config: setup.config });
  }

  /**
   * Starts a period. Member i's net energy is `net[index[i]]` (`net[i]` without an index): > 0
   * sells, < 0 buys (Wh). `limitPrices[i]`, when given and not NaN, is its private limit instead of a draw.
   */
  open(net: ArrayLike<number>, index?: Int32Array, limitPrices?: ArrayLike<number>): void {
    this.mcp = Number.NaN;
    this.rounds = 0;
    this.stableRounds = 0;
    this.orders = 0;
    this.outcome = "no-trade";
    this.done = false;
    this.visible.fill(0);
    this.fill.fill(0);
    this.#visibleAtLastRound = 0;
    this.#openingAnchor = this.anchor;
    let buyers = 0;
    let sellers = 0;
    for (let i = 0; i < this.n; i++) {
      const e = net[index === undefined ? i : index[i]!]!;
      this.side[i] = e > 0 ? SELL : e < 0 ? BUY : NO_ORDER;
      this.quantity[i] = Math.abs(e);
      if (e === 0) continue;
      if (e < 0) buyers++;
      else sellers++;
      this.#openMember(i, limitPrices === undefined ? undefined : limitPrices[i]!);
    }
    this.oneSided = buyers === 0 || sellers === 0;
  }

  #openMember(i: number, given: number | undefined): void {
    const side = this.side[i] as Side;
    const limits = this.#limits;
    const limit =
      given === undefined || Number.isNaN(given)
        ? drawLimitPrice(side, limits, this.config.limitPrices, this.#streams[i]!.limit)
        : given;
    this.limit[i] = limit;
    this.c[i] = side === BUY ? limits.pgs : limit;
    this.l[i] = side === BUY ? limit : limits.pgb;
    this.bidder.open(i);
    this.#price(i);
  }

  /** Member i's next order, priced on the current anchor. */
  #price(i: number): void {
    this.submittedAnchor[i] = this.anchor;
    this.submittedPrice[i] = this.bidder.price(i, this.anchor);
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
    for (let i = 0; i < this.n; i++) {
      if (updates ? this.visible[i] !== 1 : !(this.quantity[i]! > 0)) continue;
      this.reveal(i, this.submittedPrice[i]!, this.submittedAnchor[i]!);
    }
  }

  #fillBook(): void {
    resetBook(this.#book);
    for (let i = 0; i < this.n; i++) {
      if (this.visible[i] === 1)
        addOrder(this.#book, this.side[i] as Side, this.visiblePrice[i]!, this.quantity[i]!, i);
    }
  }

  #apply(result: MechanismResult): void {
    this.fill.fill(0);
    for (let k = 0; k < this.#book.n; k++) this.fill[this.#book.owner[k]!] = result.fill[k]!;
    this.#prices = result.price;
    this.#cleared = result.mcp;
    this.demand = result.demand;
    this.supply = result.supply;
    this.volume = result.volume;
  }

  /**
   * Closes a round on the visible orders. Returns true when the auction is settled (consensus, or
   * `last` and the fallback applied); otherwise members have new prices to submit.
   */
  round(last: boolean): boolean {
    if (this.done) throw new Error("auction: the period is settled already (open the next one)");
    if (this.oneSided) return last ? this.#noTrade() : false;
    this.#fillBook();
    const result = this.mechanism.clear(this.#book);
    this.rounds++;
    this.orders = this.#book.n;
    this.#apply(result);
    const twoSided = result.demand > 0 && result.supply > 0;
    const sameBook = this.#book.n === this.#visibleAtLastRound && this.#allUpdatesVisible();
    this.#visibleAtLastRound = this.#book.n;
    const moved = Math.abs(result.mcp - this.mcp);
    this.stableRounds = twoSided && sameBook && moved < this.config.epsilon ? this.stableRounds + 1 : 0;
    if (twoSided) this.mcp = result.mcp;
    if (this.stableRounds >= this.config.k) return this.#settle("consensus", result.mcp);
    if (last || this.rounds >= this.config.maxRounds) return twoSided ? this.#fallback() : this.#noTrade();
    if (!twoSided) return false;
    this.#learn(result);
    this.anchor = result.mcp;
    for (let i = 0; i < this.n; i++) if (this.visible[i] === 1) this.#price(i);
    return false;
  }

  /** Whether every member with a visible order shows its latest one (no update still in flight). */
  #allUpdatesVisible(): boolean {
    for (let i = 0; i < this.n; i++) {
      if (this.visible[i] !== 1) continue;
      if (
        this.visiblePrice[i] !== this.submittedPrice[i] ||
        this.visibleAnchor[i] !== this.submittedAnchor[i]
      )
        return false;
    }
    return true;
  }

  #learn(result: MechanismResult): void {
    const signal = this.#signal;
    signal.mcp = result.mcp;
    signal.demand = result.demand;
    signal.supply = result.supply;
    for (let i = 0; i < this.n; i++) if (this.visible[i] === 1) this.bidder.learn(i, signal);
  }

  /**
   * Ends the period at `price`, whose fills have been applied. The next period's first bids anchor
   * on the price of the last period that traded.
   */
  #settle(outcome: AuctionOutcome, price: number): true {
    this.missedOrders = 0;
    this.missedWh = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.quantity[i]! > 0 && this.visible[i] !== 1) {
        this.missedOrders++;
        this.missedWh += this.quantity[i]!;
      }
    }
    this.#tradePrices();
    const traded = this.volume > 0;
    this.outcome = traded ? outcome : "no-trade";
    // Without trade there is no price, and the next period anchors on the last one that traded.
    this.mcp = traded ? price : Number.NaN;
    this.anchor = traded ? price : this.#openingAnchor;
    this.done = true;
    return true;
  }

  /**
   * Each filled member's price: the mechanism's own for the order, or the round's MCP. A price that
   * is not finite, or that would trade a member past its order's price, is a defect of the
   * mechanism and fails loudly here rather than as NaN money later.
   */
  #tradePrices(): void {
    const prices = this.#prices;
    const book = this.#book;
    this.tradePrice.fill(Number.NaN);
    for (let k = 0; k < book.n; k++) {
      const i = book.owner[k]!;
      if (!(this.fill[i]! > 0)) continue;
      const p = prices === undefined ? this.#cleared : prices[k]!;
      const bid = book.price[k]!;
      const ok = Number.isFinite(p) && (book.side[k] === BUY ? p <= bid + 1e-9 : p >= bid - 1e-9);
      if (!ok)
        throw new Error(
          `mechanism "${this.#mechanismName}": member ${i} filled ${this.fill[i]} Wh at ${p} p/kWh against its ${book.side[k] === BUY ? "bid" : "ask"} of ${bid}`,
        );
      this.tradePrice[i] = p;
    }
  }

  /** Nothing trades: every order is residual, and no price is published (NaN). */
  #noTrade(): true {
    this.fill.fill(0);
    this.#book.n = 0;
    this.#prices = undefined;
    this.volume = 0;
    this.demand = 0;
    this.supply = 0;
    for (let i = 0; i < this.n; i++) {
      if (this.side[i] === BUY) this.demand += this.quantity[i]!;
      else if (this.side[i] === SELL) this.supply += this.quantity[i]!;
    }
    return this.#settle("no-trade", Number.NaN);
  }

  #fallback(): true {
    const result = this.mechanism.fallback(this.#book);
    this.#apply(result);
    return this.#settle("fallback", result.mcp);
  }
}
