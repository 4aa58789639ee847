// The gas measurement protocol: which transactions are sent, in which state, and how the per-bid and
// per-clearing figures are read off them. Everything is deterministic: fixed keys, fixed seeds, an
// in-memory EVM, so a re-run reproduces every gas figure exactly.
//
// Scenarios (units: gas; prices in ticks of 1e-4 p/kWh; quantities in Wh):
// - "period": PERIOD_AGENTS members (even ids buy, odd ids sell) trade PERIODS rounds. In each round
//   every agent places an order, then updates it UPDATES times (bidding rounds), then the operator
//   clears. Round 0 is every agent's first order (fresh book storage); later rounds reuse it. Arrival
//   order is rotated each round, so no agent lands on the book position it held the round before
//   (rewriting a slot with its old value would be cheaper than the typical case).
// - "books": one market of max(BOOK_SIZES) members. Round 0 is a warm-up in which every member places
//   an order, so every book position and agent slot has been written once. Then one round per size N
//   in BOOK_SIZES: members 0..N-1 (even ids bid, odd ids ask; crossing prices on a 0.1 p/kWh grid, so
//   levels hold several orders and the margin is split pro rata) place orders, arriving in an order
//   rotated against the previous round, and the clear() of that round (steady state: no first-time
//   storage) is the figure for book size N. Only the deployment and the clears are measured
//   transactions; membership and orders are set up by plain message calls, which leave exactly the
//   same contract storage (a test checks the clear gas is unchanged) at a fraction of the run time.
import { linearRegression, linearRegressionLine, rSquared } from "simple-statistics";
import { Streams } from "../../sim/kernel/random.js";
import { Auction, DEFAULT_LIMIT_TICKS } from "./auction.js";
import type { CompiledContract } from "./compile.js";
import { Chain, signerOf, type Signer } from "./evm.js";

export const GAS_SEED = 20221012;
export const PERIOD_AGENTS = 10;
export const PERIODS = 4;
export const UPDATES = 2;
export const BOOK_SIZES = [2, 10, 50, 100, 200] as const;

export type Operation =
  "deploy" | "addMember" | "placeBid" | "placeAsk" | "updateBid" | "updateAsk" | "clear";

export interface GasRow {
  scenario: string;
  operation: Operation;
  round: number; // contract round of the transaction (-1 before trading)
  agent: number; // member id of the sender, -1 for the operator
  orders: number; // clear: orders in the book; placements and updates: orders already in the book
  gasUsed: number; // total gas paid by the transaction
  executionGas: number;
  refund: number;
  calldataBytes: number;
}

interface Member {
  id: number;
  signer: Signer;
  nonce: bigint; // last application nonce used
}

class Recorder {
  readonly rows: GasRow[] = [];
  constructor(
    readonly scenario: string,
    readonly measureAll = true, // false: only deploy and clear are transactions, the rest message calls
  ) {}

  async send(
    auction: Auction,
    from: Signer,
    operation: Operation,
    args: readonly (bigint | string)[],
    meta: { round: number; agent: number; orders: number },
  ): Promise<void> {
    if (!this.measureAll && operation !== "clear") {
      const r = await auction.exec(from.address, operation, args);
      if (!r.ok)
        throw new Error(
          `${this.scenario}: ${operation} by agent ${meta.agent} failed: ${JSON.stringify(r.error)}`,
        );
      return;
    }
    const data = auction.abi.encodeCall(operation, args);
    const out = await auction.send(from, operation, args);
    if (!out.ok) {
      throw new Error(
        `${this.scenario}: ${operation} by agent ${meta.agent} reverted: ${JSON.stringify(out.error)}`,
      );
    }
    this.rows.push({
      scenario: this.scenario,
      operation,
      ...meta,
      gasUsed: out.gasUsed,
      executionGas: out.executionGas,
      refund: out.refund,
      calldataBytes: data.length,
    });
  }
}

async function setUp(
  compiled: CompiledContract,
  rec: Recorder,
  memberCount: number,
): Promise<{ auction: Auction; members: Member[] }> {
  const chain = await Chain.create(compiled.evmVersion); // the hard fork the bytecode was compiled for
  const operator = signerOf(1);
  const signers = Array.from({ length: memberCount }, (_, i) => signerOf(i + 2));
  await chain.fund([operator, ...signers]);
  const { auction, deploy } = await Auction.deploy(chain, compiled, operator, DEFAULT_LIMIT_TICKS);
  rec.rows.push({
    scenario: rec.scenario,
    operation: "deploy",
    round: -1,
    agent: -1,
    orders: 0,
    gasUsed: deploy.gasUsed,
    executionGas: deploy.executionGas,
    refund: deploy.refund,
    calldataBytes: compiled.bytecode.length + 64,
  });
  const members: Member[] = [];
  for (const [id, signer] of signers.entries()) {
    await rec.send(auction, operator, "addMember", [signer.address.toString()], {
      round: -1,
      agent: id,
      orders: 0,
    });
    members.push({ id, signer, nonce: 0n });
  }
  return { auction, members };
}

const isBuyer = (m: Member): boolean => m.id % 2 === 0;

async function order(
  rec: Recorder,
  auction: Auction,
  m: Member,
  update: boolean,
  price: number,
  quantity: number,
  meta: { round: number; orders: number },
): Promise<void> {
  m.nonce += 1n;
  const buy = isBuyer(m);
  const op: Operation = update ? (buy ? "updateBid" : "updateAsk") : buy ? "placeBid" : "placeAsk";
  await rec.send(auction, m.signer, op, [BigInt(price), BigInt(quantity), m.nonce], { ...meta, agent: m.id });
}

async function clear(rec: Recorder, auction: Auction, round: number, orders: number): Promise<void> {
  await rec.send(auction, auction.operator, "clear", [], { round, agent: -1, orders });
}

function rotated<T>(xs: readonly T[], by: number): T[] {
  const k = xs.length === 0 ? 0 : by % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

/** Bids start below and asks above the middle and move toward each other with every update. */
function periodPrice(m: Member, round: number, update: number): number {
  const step = 1000 * m.id + 500 * round + 700 * update;
  return isBuyer(m) ? 95_000 + step : 115_000 - step;
}

export async function runPeriodScenario(compiled: CompiledContract): Promise<GasRow[]> {
  const rec = new Recorder("period");
  const { auction, members } = await setUp(compiled, rec, PERIOD_AGENTS);
  for (let round = 0; round < PERIODS; round++) {
    const arrival = rotated(members, round);
    for (const [k, m] of arrival.entries()) {
      await order(rec, auction, m, false, periodPrice(m, round, 0), 800 + 113 * m.id + 37 * round, {
        round,
        orders: k,
      });
    }
    for (let u = 1; u <= UPDATES; u++) {
      for (const m of arrival) {
        const quantity = 800 + 113 * m.id + 37 * round + 11 * u;
        await order(rec, auction, m, true, periodPrice(m, round, u), quantity, {
          round,
          orders: arrival.length,
        });
      }
    }
    await clear(rec, auction, round, members.length);
  }
  return rec.rows;
}

export async function runBookScenario(
  compiled: CompiledContract,
  sizes: readonly number[] = BOOK_SIZES,
  setupVia: "call" | "tx" = "call",
): Promise<GasRow[]> {
  const rec = new Recorder("books", setupVia === "tx");
  const { auction, members } = await setUp(compiled, rec, Math.max(...sizes));
  const streams = new Streams(GAS_SEED);
  for (const [round, size] of [members.length, ...sizes].entries()) {
    const draw = streams.get(`books-round-${round}`);
    for (const [k, m] of rotated(members.slice(0, size), round).entries()) {
      // 0.1 p/kWh grid: frequent ties, so the marginal level usually holds several orders.
      const price = 1000 * (isBuyer(m) ? draw.int(90, 130) : draw.int(70, 110));
      await order(rec, auction, m, false, price, draw.int(500, 5000), { round, orders: k });
    }
    await clear(rec, auction, round, size);
  }
  return rec.rows;
}

export async function runAll(compiled: CompiledContract): Promise<GasRow[]> {
  const rows = await runPeriodScenario(compiled);
  rows.push(...(await runBookScenario(compiled)));
  return rows;
}

// ------------------------------------------------------------------ summary

export interface ClearFigure {
  orders: number;
  gas: number;
}

export interface GasSummary {
  deploy: number;
  runtimeBytes: number;
  addMember: number;
  placeBidFirst: number;
  placeBidLater: number;
  placeAskFirst: number;
  placeAskLater: number;
  updateBid: number;
  updateAsk: number;
  meanGasPerBid: number;
  meanGasPerBidWithClear: number;
  clearByOrders: ClearFigure[];
  clearFit: { intercept: number; slope: number; r2: number };
}

function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error("no transactions to average");
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function gasOf(rows: readonly GasRow[], keep: (r: GasRow) => boolean): number[] {
  return rows.filter(keep).map((r) => r.gasUsed);
}

const isOrderOp = (op: Operation): boolean => op !== "deploy" && op !== "addMember" && op !== "clear";

export function summarise(rows: readonly GasRow[], compiled: CompiledContract): GasSummary {
  const period = rows.filter((r) => r.scenario === "period");
  const steady = period.filter((r) => r.round >= 1);
  const by = (op: Operation, keep: (r: GasRow) => boolean = () => true): number =>
    Math.round(mean(gasOf(period, (r) => r.operation === op && keep(r))));
  const orderGas = gasOf(steady, (r) => isOrderOp(r.operation));
  const clearGas = gasOf(steady, (r) => r.operation === "clear");
  const clearByOrders = BOOK_SIZES.map((size) => {
    const row = rows.find(
      (r) => r.scenario === "books" && r.operation === "clear" && r.round >= 1 && r.orders === size,
    );
    if (row === undefined) throw new Error(`no steady-state clear for ${size} orders`);
    return { orders: size, gas: row.gasUsed };
  });
  const points = clearByOrders.map((c) => [c.orders, c.gas]);
  const fit = linearRegression(points);
  const deploy = period.find((r) => r.operation === "deploy");
  if (deploy === undefined) throw new Error("no deployment recorded");
  return {
    deploy: deploy.gasUsed,
    runtimeBytes: compiled.deployedSize,
    // The first member of a contract also initialises the member count and list: not typical.
    addMember: by("addMember", (r) => r.agent > 0),
    placeBidFirst: by("placeBid", (r) => r.round === 0),
    placeBidLater: by("placeBid", (r) => r.round >= 1),
    placeAskFirst: by("placeAsk", (r) => r.round === 0),
    placeAskLater: by("placeAsk", (r) => r.round >= 1),
    updateBid: by("updateBid"),
    updateAsk: by("updateAsk"),
    meanGasPerBid: Math.round(mean(orderGas)),
    meanGasPerBidWithClear: Math.round(
      (orderGas.reduce((s, x) => s + x, 0) + clearGas.reduce((s, x) => s + x, 0)) / orderGas.length,
    ),
    clearByOrders,
    clearFit: {
      intercept: round2(fit.b),
      slope: round2(fit.m),
      r2: Math.round(rSquared(points, linearRegressionLine(fit)) * 1e6) / 1e6,
    },
  };
}
