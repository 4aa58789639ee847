// A discriminatory k-double auction (pay-your-pair-price; Satterthwaite and Williams 1989, Rustichini
// et al. 1994) as a Mechanism plugin: the second mechanism a user asks for beside uniform pricing.
//
// Assumptions and units (p/kWh, Wh):
// - Which orders trade, and how much, is the efficient allocation of the uniform clearing (the
//   same fills, so the volume is the largest possible and the comparison isolates pricing).
// - The filled Wh are then paired in price priority: the highest filled bid with the lowest filled
//   ask, chunk by chunk; ties break by book position, so the pairing is deterministic. A chunk
//   trades at ask + k (bid - ask), k = market.discriminatoryK in [0, 1] (k = 0.5 splits the
//   surplus evenly; k = 1 pays sellers their bid, k = 0 buyers the ask). Every filled bid is at or
//   above the clearing interval and every filled ask at or below it, so bid >= ask in every pair:
//   no buyer pays above its bid and no seller receives below its ask. Each chunk's money is paid
//   by one buyer and received by one seller, so money balances exactly.
// - The published price is the volume-weighted mean of the chunk prices (without trade, the
//   uniform clearing's price, which lies in the gap between the book's sides).
// - Without consensus the period ends with the same clearing of the last book: a k-double
//   auction needs no imposed price, so the paper's eq. (1) does not apply to it.
import { BUY, type OrderBook } from "./book.js";
import { clearUniform, createClearingWorkspace, type ClearingWorkspace } from "./clear.js";
import type { Mechanism, MechanismPlugin, MechanismResult, MechanismSetup } from "./mechanism.js";

export class DiscriminatoryMechanism implements Mechanism {
  readonly #k: number;
  readonly #limits;
  readonly #workspace: ClearingWorkspace;
  #price: Float64Array;
  #bids: Int32Array;
  #asks: Int32Array;

  constructor(setup: MechanismSetup) {
    const k = setup.config.discriminatoryK;
    if (!(k >= 0 && k <= 1)) throw new RangeError(`discriminatoryK: expected a number in [0, 1], got ${k}`);
    this.#k = k;
    this.#limits = setup.limits;
    this.#workspace = createClearingWorkspace(setup.capacity);
    this.#price = new Float64Array(setup.capacity);
    this.#bids = new Int32Array(setup.capacity);
    this.#asks = new Int32Array(setup.capacity);
  }

  clear(book: OrderBook): MechanismResult {
    const result = clearUniform(book, this.#limits, this.#workspace);
    if (this.#price.length < book.n) {
      this.#price = new Float64Array(book.n);
      this.#bids = new Int32Array(book.n);
      this.#asks = new Int32Array(book.n);
    }
    const price = this.#price;
    price.fill(Number.NaN, 0, book.n);
    const mean = this.#pair(book, result.fill);
    // Without trade there is no pair price: publish the uniform clearing's, a price in the book's gap.
    return { ...result, mcp: Number.isNaN(mean) ? result.mcp : mean, price };
  }

  fallback(book: OrderBook): MechanismResult {
    return this.clear(book);
  }

  /** Pairs the filled orders in price priority; writes each order's mean price; returns the mean. */
  #pair(book: OrderBook, fill: Float64Array): number {
    let nb = 0;
    let na = 0;
    for (let i = 0; i < book.n; i++) {
      if (!(fill[i]! > 0)) continue;
      if (book.side[i] === BUY) this.#bids[nb++] = i;
      else this.#asks[na++] = i;
    }
    const bids = this.#bids.subarray(0, nb).sort((a, b) => book.price[b]! - book.price[a]! || a - b);
    const asks = this.#asks.subarray(0, na).sort((a, b) => book.price[a]! - book.price[b]! || a - b);
    const money = this.#price;
    for (let x = 0; x < nb; x++) money[bids[x]!] = 0;
    for (let x = 0; x < na; x++) money[asks[x]!] = 0;
    let x = 0;
    let y = 0;
    let leftBid = nb > 0 ? fill[bids[0]!]! : 0;
    let leftAsk = na > 0 ? fill[asks[0]!]! : 0;
    let volume = 0;
    let value = 0;
    while (x < nb && y < na) {
      const b = bids[x]!;
      const a = asks[y]!;
      const wh = Math.min(leftBid, leftAsk);
      const p = book.price[a]! + this.#k * (book.price[b]! - book.price[a]!);
      money[b]! += wh * p;
      money[a]! += wh * p;
      volume += wh;
      value += wh * p;
      leftBid -= wh;
      leftAsk -= wh;
      if (leftBid <= 0 && ++x < nb) leftBid = fill[bids[x]!]!;
      if (leftAsk <= 0 && ++y < na) leftAsk = fill[asks[y]!]!;
    }
    // Money per order -> its mean price.
    for (let z = 0; z < nb; z++) money[bids[z]!] = money[bids[z]!]! / fill[bids[z]!]!;
    for (let z = 0; z < na; z++) money[asks[z]!] = money[asks[z]!]! / fill[asks[z]!]!;
    return volume > 0 ? value / volume : Number.NaN;
  }
}

export const discriminatoryPlugin: MechanismPlugin = {
  name: "discriminatory",
  description: "k-double auction: efficient fills, each matched pair at ask + k (bid - ask)",
  create: (setup) => new DiscriminatoryMechanism(setup),
};
