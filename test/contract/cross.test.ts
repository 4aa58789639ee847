// Cross-implementation check: the Solidity clear() and the simulator's clearUniform must agree exactly
// (clearing interval, MCP, volume, demand, supply and every fill) on random books with integer Wh,
// prices on the 1e-4 p/kWh tick grid, frequent price ties, zero quantities and partial margins.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import type { OracleInput, OracleResult } from "../../experiments/gas/oracle.js";
import { Streams, type RandomStream } from "../../sim/kernel/random.js";
import { BUY, SELL, addOrder, clearUniform, createBook } from "../../sim/market/index.js";
import { runTs } from "./child.js";

const BOOKS = 200;
const MEMBERS = 40;
const MAX_ORDERS = 30;
const PGS = 32_000; // ticks
const PGB = 189_000;
const LIMITS = { pgs: PGS / 1e4, pgb: PGB / 1e4 }; // p/kWh: 3.2 and 18.9

interface TestOrder {
  owner: number; // member id
  side: typeof BUY | typeof SELL; // 0 | 1, as the contract's BUY and SELL
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
  // Mostly small books (the EVM side costs ~2 ms an order), a third of them up to MAX_ORDERS.
  const n = draw.int(0, draw.bernoulli(0.35) ? MAX_ORDERS : 16);
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
function fixedPoint(x: number, scale: number, what: string): string {
  const scaled = x * scale;
  const rounded = Math.round(scaled);
  assert.ok(Math.abs(scaled - rounded) < 1e-6, `${what} = ${x} p/kWh is not on the 1/${scale} grid`);
  return String(rounded);
}

const ORACLE = fileURLToPath(new URL("../../experiments/gas/oracle.ts", import.meta.url));
const CHILDREN = 2;

/** Runs the books through the contract in child processes, CHILDREN slices in parallel. */
async function clearOnChain(books: TestOrder[][]): Promise<OracleResult[]> {
  const per = Math.ceil(books.length / CHILDREN);
  const slices = Array.from({ length: CHILDREN }, (_, c) => books.slice(c * per, (c + 1) * per));
  const runs = await Promise.all(
    slices.map((slice) =>
      runTs(ORACLE, [], JSON.stringify({ members: MEMBERS, books: slice } satisfies OracleInput)),
    ),
  );
  return runs.flatMap((run) => {
    assert.equal(run.status, 0, `the EVM oracle failed:\n${run.stderr}`);
    return JSON.parse(run.stdout) as OracleResult[];
  });
}

test("the contract's clear() and clearUniform agree exactly on 200 random books", async () => {
  const streams = new Streams(6);
  const books = Array.from({ length: BOOKS }, (_, b) => randomBook(streams.fresh(`book-${b}`)));
  const chain = await clearOnChain(books);
  assert.equal(chain.length, BOOKS);
  let partialMargins = 0;
  books.forEach((orders, b) => {
    const book = createBook(orders.length);
    for (const o of orders) addOrder(book, o.side, o.price / 1e4, o.quantity, o.owner);
    const ts = clearUniform(book, LIMITS);
    const fills = new Array<string>(MEMBERS).fill("0");
    orders.forEach((o, i) => (fills[o.owner] = String(ts.fill[i])));
    const expected: OracleResult = {
      priceLow: fixedPoint(ts.priceLow, 1e4, "priceLow"),
      priceHigh: fixedPoint(ts.priceHigh, 1e4, "priceHigh"),
      mcpHalfTicks: fixedPoint(ts.mcp, 2e4, "mcp"),
      volume: String(ts.volume),
      demand: String(ts.demand),
      supply: String(ts.supply),
      clearReturn: [],
      fills,
    };
    expected.clearReturn = [expected.priceLow, expected.priceHigh, expected.mcpHalfTicks, expected.volume];
    assert.deepEqual(chain[b], expected, `book ${b}: ${JSON.stringify(orders)}`);
    if (orders.some((o, i) => (ts.fill[i] as number) > 0 && (ts.fill[i] as number) < o.quantity))
      partialMargins++;
  });
  // The generator must actually exercise the pro-rata split, or agreement would prove little.
  assert.ok(partialMargins >= BOOKS / 4, `only ${partialMargins} books had a partially filled order`);
});
