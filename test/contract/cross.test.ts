// Cross-implementation check: the Solidity clear() and the simulator's clearUniform must agree exactly
// (clearing interval, MCP, volume, demand, supply and every fill) on random books with integer Wh,
// prices on the 1e-4 p/kWh tick grid, frequent price ties, zero quantities and partial margins.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Streams, type RandomStream } from "../../sim/kernel/random.js";
import { BUY, SELL, addOrder, clearUniform, createBook } from "../../sim/market/index.js";
import { asBigints, deployMarket } from "./harness.js";

const BOOKS = 240;
const MEMBERS = 40;
const MAX_ORDERS = 30;
const PGS = 32_000; // ticks
const PGB = 189_000;
const LIMITS = { pgs: PGS / 1e4, pgb: PGB / 1e4 }; // p/kWh: 3.2 and 18.9

interface TestOrder {
  owner: number; // member id
  side: typeof BUY | typeof SELL;
  price: number; // ticks
  quantity: number; // Wh
}

function shuffledIds(draw: RandomStream, n: number): number[] {
  const ids = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = draw.int(0, i);
    [ids[i], ids[j]] = [ids[j] as number, ids[i] as number];
  }
  return ids;
}

function quantityOf(draw: RandomStream, mode: number): number {
  if (mode === 0) return draw.int(0, 10); // tiny: remainders everywhere, some zeros
  if (mode === 1) return draw.int(1, 1000);
  if (mode === 2) return 3 * draw.int(1, 3); // few distinct values: equal remainders, ties by owner id
  return draw.bernoulli(0.1) ? 0 : draw.int(1, 1_000_000);
}

/** A book on a few price levels around a centre so levels hold several orders and sides cross. */
function randomBook(draw: RandomStream): TestOrder[] {
  const n = draw.int(0, MAX_ORDERS);
  const centre = draw.int(60_000, 160_000);
  const step = [1, 10, 1000][draw.int(0, 2)] as number;
  const spread = draw.int(0, 4);
  const buyShare = draw.uniform(0.2, 0.8);
  const mode = draw.int(0, 3);
  return shuffledIds(draw, MEMBERS)
    .slice(0, n)
    .map((owner) => {
      const side = draw.bernoulli(buyShare) ? BUY : SELL;
      let price = centre + step * draw.int(-spread, spread);
      if (draw.bernoulli(0.04)) price = side === BUY ? PGS + 1 : PGB - 1; // the far edges of the limits
      return { owner, side, price, quantity: quantityOf(draw, mode) };
    });
}

/** A price of the TypeScript result in ticks (or half-ticks with scale 2e4), required to be exact. */
function fixedPoint(x: number, scale: number, what: string): bigint {
  const scaled = x * scale;
  const rounded = Math.round(scaled);
  assert.ok(Math.abs(scaled - rounded) < 1e-6, `${what} = ${x} p/kWh is not on the 1/${scale} grid`);
  return BigInt(rounded);
}

test("the contract's clear() and clearUniform agree exactly on 240 random books", async () => {
  const { auction, operator, members } = await deployMarket(MEMBERS);
  const nonces = new Array<bigint>(MEMBERS).fill(0n);
  const streams = new Streams(6);
  let partialMargins = 0;
  for (let b = 0; b < BOOKS; b++) {
    const orders = randomBook(streams.fresh(`book-${b}`));
    const book = createBook(orders.length);
    for (const o of orders) {
      const signer = members[o.owner];
      assert.ok(signer !== undefined);
      nonces[o.owner] = (nonces[o.owner] as bigint) + 1n;
      const fn = o.side === BUY ? "placeBid" : "placeAsk";
      const placed = await auction.exec(signer.address, fn, [
        BigInt(o.price),
        BigInt(o.quantity),
        nonces[o.owner] as bigint,
      ]);
      assert.ok(placed.ok, `book ${b}: ${fn} reverted: ${JSON.stringify(placed.error)}`);
      addOrder(book, o.side, o.price / 1e4, o.quantity, o.owner);
    }
    const cleared = await auction.exec(operator.address, "clear", []);
    assert.ok(cleared.ok, `book ${b}: clear reverted: ${JSON.stringify(cleared.error)}`);
    const [, low, high, mcpHalf, volume, demand, supply] = asBigints(await auction.read("lastClearing"));
    const [fills] = await auction.read("fillsOf", [0n, BigInt(MEMBERS)]);
    assert.ok(Array.isArray(fills));

    const ts = clearUniform(book, LIMITS);
    const where = `book ${b}: ${JSON.stringify(orders)}`;
    assert.deepEqual(
      {
        priceLow: fixedPoint(ts.priceLow, 1e4, "priceLow"),
        priceHigh: fixedPoint(ts.priceHigh, 1e4, "priceHigh"),
        mcpHalfTicks: fixedPoint(ts.mcp, 2e4, "mcp"),
        volume: BigInt(ts.volume),
        demand: BigInt(ts.demand),
        supply: BigInt(ts.supply),
      },
      { priceLow: low, priceHigh: high, mcpHalfTicks: mcpHalf, volume, demand, supply },
      where,
    );
    assert.deepEqual(asBigints(cleared.values), [low, high, mcpHalf, volume], `${where}: clear() return values`);
    const fillByOwner = new Array<bigint>(MEMBERS).fill(0n);
    orders.forEach((o, i) => (fillByOwner[o.owner] = BigInt(ts.fill[i] as number)));
    assert.deepEqual(fills, fillByOwner, `${where}: fills by member id`);
    if (orders.some((o, i) => (ts.fill[i] as number) > 0 && (ts.fill[i] as number) < o.quantity)) partialMargins++;
  }
  // The generator must actually exercise the pro-rata split, or agreement would prove little.
  assert.ok(partialMargins >= BOOKS / 4, `only ${partialMargins} books had a partially filled order`);
});
