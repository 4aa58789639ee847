// Columnar records of a run: one row per (period, microgrid), one per (period, agent with an
// order), and running per-agent totals. Pure data; writers to files live in experiments/.
//
// Units: Wh, p/kWh, pence.
// The trade rows (agents x periods of them) live in typed columns that grow by doubling, sized up
// front for one row per agent and period, so that a large run neither boxes numbers in arrays nor
// stores one string per row. Only what is particular to a row is stored; its period, microgrid,
// MCP, residual and residual price follow from the agent and the period's microgrid figures and
// are derived when read (deriveTrades), which keeps a large run's memory small.
import { BUY, SELL } from "../market/index.js";
import type { MarketLimits } from "../market/index.js";
import type { MicrogridAuction } from "../grid/auction.js";
import type { Recorder } from "../grid/recorder.js";
import type { Level1Outcome, RoutingOutcome } from "../grid/routing.js";
import { createSettlement, settlePeriod, type AgentSettlement } from "./settlement.js";

export interface PeriodRows {
  period: number[];
  microgrid: number[];
  mcp: number[];
  rounds: number[];
  outcome: string[];
  demandWh: number[];
  supplyWh: number[];
  matchedLocalWh: number[];
  nettedWh: number[];
  peerImportWh: number[];
  peerExportWh: number[];
  peerPrice: number[];
  gridImportWh: number[];
  gridExportWh: number[];
  imbalanceImportWh: number[];
  imbalanceExportWh: number[];
  correctedBuyPrice: number[];
  correctedSellPrice: number[];
  paidP: number[];
  receivedP: number[];
  pvWh: number[];
  loadWh: number[];
  missedOrders: number[];
  missedWh: number[];
}

/** The trade rows as plain columns (`side` spelled "buy" / "sell"). */
export interface TradeRows {
  period: Int32Array;
  agent: Int32Array;
  microgrid: Int32Array;
  side: string[];
  quantityWh: Float64Array;
  fillWh: Float64Array;
  price: Float64Array;
  mcp: Float64Array;
  residualWh: Float64Array;
  residualPrice: Float64Array;
  paidP: Float64Array;
  receivedP: Float64Array;
}

/** The trade rows as stored: `side` is BUY or SELL. */
export type StoredTrades = Pick<TradeRows, "agent" | "price" | "paidP" | "receivedP"> & {
  side: Uint8Array;
  /** Int32 while every value is a whole Wh in int32 range, doubles otherwise (same values). */
  quantityWh: Float64Array | Int32Array;
  fillWh: Float64Array | Int32Array;
};

/** The derived columns of a slice of trade rows. */
export type DerivedTrades = Pick<TradeRows, "period" | "microgrid" | "mcp" | "residualWh" | "residualPrice">;

/** Per-agent running totals over the run: the same columns as one period's settlement. */
export type AgentTotals = AgentSettlement;

function emptyColumns<T>(keys: readonly (keyof T)[]): T {
  return Object.fromEntries(keys.map((k) => [k, []])) as T;
}

const PERIOD_KEYS: (keyof PeriodRows)[] = [
  "period",
  "microgrid",
  "mcp",
  "rounds",
  "outcome",
  "demandWh",
  "supplyWh",
  "matchedLocalWh",
  "nettedWh",
  "peerImportWh",
  "peerExportWh",
  "peerPrice",
  "gridImportWh",
  "gridExportWh",
  "imbalanceImportWh",
  "imbalanceExportWh",
  "correctedBuyPrice",
  "correctedSellPrice",
  "paidP",
  "receivedP",
  "pvWh",
  "loadWh",
  "missedOrders",
  "missedWh",
];
const STORED = ["agent", "side", "quantityWh", "fillWh", "price", "paidP", "receivedP"] as const;
type WhKey = "quantityWh" | "fillWh";

/** Whether `v` survives a round trip through an Int32Array (-0 does not). */
function isInt32(v: number): boolean {
  return (v | 0) === v && (v !== 0 || 1 / v > 0);
}

/**
 * Growable typed columns of trade rows. Quantities and fills are whole Wh in practice (the market
 * trades integer Wh), so they start as int32 columns, half the memory of doubles; the first value
 * that is not one widens its column to doubles, so every value reads back exactly.
 */
class TradeStore {
  length = 0;
  columns: StoredTrades;

  constructor(capacity: number) {
    this.columns = TradeStore.#allocate(Math.max(16, capacity));
  }

  static #allocate(n: number): StoredTrades {
    const f = () => new Float64Array(n);
    return {
      agent: new Int32Array(n),
      side: new Uint8Array(n),
      quantityWh: new Int32Array(n),
      fillWh: new Int32Array(n),
      price: f(),
      paidP: f(),
      receivedP: f(),
    };
  }

  /** Makes room for `more` rows beyond the current ones. */
  reserve(more: number): void {
    const old = this.columns;
    if (this.length + more <= old.side.length) return;
    const next = TradeStore.#allocate(Math.max(this.length + more, 2 * old.side.length));
    for (const key of ["quantityWh", "fillWh"] as const)
      if (old[key] instanceof Float64Array) next[key] = new Float64Array(next.side.length);
    for (const key of STORED) next[key].set(old[key].subarray(0, this.length));
    this.columns = next;
  }

  /** Stores `key` as doubles from now on (its first `length` rows converted). */
  widen(key: WhKey): void {
    const old = this.columns[key];
    if (old instanceof Float64Array) return;
    const wide = new Float64Array(old.length);
    wide.set(old.subarray(0, this.length));
    this.columns[key] = wide;
  }

  /** Views of rows [from, to) (no copy). */
  view(from: number, to: number): StoredTrades {
    const c = this.columns;
    return {
      agent: c.agent.subarray(from, to),
      side: c.side.subarray(from, to),
      quantityWh: c.quantityWh.subarray(from, to),
      fillWh: c.fillWh.subarray(from, to),
      price: c.price.subarray(from, to),
      paidP: c.paidP.subarray(from, to),
      receivedP: c.receivedP.subarray(from, to),
    };
  }
}

/** Buffers for the derived columns of up to `rows` trade rows. */
export function createDerivedTrades(rows: number): DerivedTrades {
  return {
    period: new Int32Array(rows),
    microgrid: new Int32Array(rows),
    mcp: new Float64Array(rows),
    residualWh: new Float64Array(rows),
    residualPrice: new Float64Array(rows),
  };
}

export class RunRecorder implements Recorder {
  readonly periods: PeriodRows = emptyColumns<PeriodRows>(PERIOD_KEYS);
  readonly totals: AgentTotals;
  readonly #limits: MarketLimits;
  readonly #pv: Int32Array;
  readonly #load: Int32Array;
  readonly #periods: number;
  /** Per microgrid and period (microgrid-major), the members' PV and load (Wh); built once. */
  #pvSum: Float64Array | undefined;
  #loadSum: Float64Array | undefined;
  readonly #settlement: AgentSettlement;
  readonly #trades: TradeStore;
  /** Per recorded period: its index t and its first trade row. */
  readonly #tradePeriod: number[] = [];
  readonly #tradeStart: number[] = [];
  /** Per recorded period and microgrid (period-major): MCP and corrected residual prices. */
  readonly #mcp: number[] = [];
  readonly #correctedBuy: number[] = [];
  readonly #correctedSell: number[] = [];
  #microgridOf = new Int32Array(0);
  #microgrids = 0;

  readonly #keepTrades: boolean;

  /**
   * `pv` and `load` are the profile's agent-major arrays (Wh), for the energy columns. With
   * `trades: false` no per-trade rows are kept (scale studies: they grow with agents x periods).
   */
  constructor(
    agents: number,
    limits: MarketLimits,
    pv: Int32Array,
    load: Int32Array,
    periods: number,
    options: { trades?: boolean } = {},
  ) {
    this.#limits = limits;
    this.#pv = pv;
    this.#load = load;
    this.#periods = periods;
    this.#settlement = createSettlement(agents);
    this.totals = createSettlement(agents);
    this.#keepTrades = options.trades ?? true;
    this.#trades = new TradeStore(this.#keepTrades ? agents * periods : 0);
  }

  /** Number of trade rows. */
  get tradeCount(): number {
    return this.#trades.length;
  }

  /** The stored columns of trade rows [from, to) (views: valid until the next period is recorded). */
  storedTrades(from: number, to: number): StoredTrades {
    return this.#trades.view(from, to);
  }

  /** Writes the derived columns of trade rows [from, to) into `out` (from its index 0). */
  deriveTrades(from: number, to: number, out: DerivedTrades): void {
    const c = this.#trades.columns;
    const starts = this.#tradeStart;
    // The period of row `from` is the last one starting at or before it (empty ones share starts).
    let p = upperBound(starts, from) - 1;
    let next = starts[p + 1] ?? Infinity;
    for (let k = from; k < to; k++) {
      while (k >= next) next = starts[++p + 1] ?? Infinity;
      const a = c.agent[k]!;
      const m = this.#microgridOf[a]!;
      const pm = p * this.#microgrids + m;
      const i = k - from;
      out.period[i] = this.#tradePeriod[p]!;
      out.microgrid[i] = m;
      out.mcp[i] = this.#mcp[pm]!;
      out.residualWh[i] = c.quantityWh[k]! - c.fillWh[k]!;
      out.residualPrice[i] = c.side[k] === BUY ? this.#correctedBuy[pm]! : this.#correctedSell[pm]!;
    }
  }

  /** The trade rows as plain columns, sides spelled out (a copy). */
  get trades(): TradeRows {
    const n = this.#trades.length;
    const stored = this.#trades.view(0, n);
    const derived = createDerivedTrades(n);
    this.deriveTrades(0, n, derived);
    return {
      ...stored,
      ...derived,
      quantityWh: Float64Array.from(stored.quantityWh),
      fillWh: Float64Array.from(stored.fillWh),
      side: Array.from(stored.side, (s) => (s === BUY ? "buy" : "sell")),
    };
  }

  period(
    t: number,
    auctions: readonly MicrogridAuction[],
    level1: Level1Outcome,
    mcp: Float64Array,
    routing: RoutingOutcome,
    forecastNet: Float64Array,
    actualNet: Float64Array,
  ): void {
    const s = this.#settlement;
    settlePeriod(level1, mcp, routing, forecastNet, actualNet, this.#limits, s, this.totals);
    if (this.#pvSum === undefined) this.#sumEnergy(auctions);
    auctions.forEach((auction, m) => this.#periodRow(t, m, auction, routing));
    if (this.#keepTrades) this.#tradeRows(t, level1, mcp, routing);
  }

  // One pass over the agent-major profile instead of a strided read per period; each sum adds its
  // members in the same order as a per-period loop would, so the totals are the same doubles.
  #sumEnergy(auctions: readonly MicrogridAuction[]): void {
    const periods = this.#periods;
    const pvSum = new Float64Array(auctions.length * periods);
    const loadSum = new Float64Array(auctions.length * periods);
    auctions.forEach((auction, m) => {
      for (const a of auction.members) {
        for (let t = 0; t < periods; t++) {
          pvSum[m * periods + t]! += this.#pv[a * periods + t]!;
          loadSum[m * periods + t]! += this.#load[a * periods + t]!;
        }
      }
    });
    this.#pvSum = pvSum;
    this.#loadSum = loadSum;
  }

  #periodRow(t: number, m: number, auction: MicrogridAuction, routing: RoutingOutcome): void {
    const s = this.#settlement;
    let imbImport = 0;
    let imbExport = 0;
    let paid = 0;
    let received = 0;
    for (const a of auction.members) {
      imbImport += s.imbalanceImportWh[a]!;
      imbExport += s.imbalanceExportWh[a]!;
      paid += s.paidP[a]!;
      received += s.receivedP[a]!;
    }
    const pv = this.#pvSum![m * this.#periods + t]!;
    const load = this.#loadSum![m * this.#periods + t]!;
    const row: Record<keyof PeriodRows, number | string> = {
      period: t,
      microgrid: m,
      mcp: auction.mcp,
      rounds: auction.rounds,
      outcome: auction.outcome,
      demandWh: auction.demand,
      supplyWh: auction.supply,
      matchedLocalWh: auction.volume,
      nettedWh: routing.netted[m]!,
      peerImportWh: routing.peerImport[m]!,
      peerExportWh: routing.peerExport[m]!,
      peerPrice: routing.peerPrice[m]!,
      gridImportWh: routing.gridImport[m]!,
      gridExportWh: routing.gridExport[m]!,
      imbalanceImportWh: imbImport,
      imbalanceExportWh: imbExport,
      correctedBuyPrice: routing.correctedBuy[m]!,
      correctedSellPrice: routing.correctedSell[m]!,
      paidP: paid,
      receivedP: received,
      pvWh: pv,
      loadWh: load,
      missedOrders: auction.missedOrders,
      missedWh: auction.missedWh,
    };
    for (const key of PERIOD_KEYS) (this.periods[key] as (number | string)[]).push(row[key]);
  }

  #tradeRows(t: number, level1: Level1Outcome, mcp: Float64Array, routing: RoutingOutcome): void {
    const s = this.#settlement;
    const store = this.#trades;
    const microgrids = mcp.length;
    if (this.#tradePeriod.length === 0) {
      this.#microgridOf = Int32Array.from(level1.microgridOf);
      this.#microgrids = microgrids;
    }
    this.#tradePeriod.push(t);
    this.#tradeStart.push(store.length);
    for (let m = 0; m < microgrids; m++) {
      this.#mcp.push(mcp[m]!);
      this.#correctedBuy.push(routing.correctedBuy[m]!);
      this.#correctedSell.push(routing.correctedSell[m]!);
    }
    store.reserve(level1.side.length);
    let c = store.columns;
    let k = store.length;
    for (let a = 0; a < level1.side.length; a++) {
      const side = level1.side[a]!;
      if (side !== BUY && side !== SELL) continue;
      const quantity = level1.quantity[a]!;
      const fill = level1.fill[a]!;
      if (!isInt32(quantity) || !isInt32(fill)) {
        store.length = k;
        if (!isInt32(quantity)) store.widen("quantityWh");
        if (!isInt32(fill)) store.widen("fillWh");
        c = store.columns;
      }
      c.agent[k] = a;
      c.side[k] = side;
      c.quantityWh[k] = quantity;
      c.fillWh[k] = fill;
      c.price[k] = level1.lastPrice[a]!;
      c.paidP[k] = s.paidP[a]!;
      c.receivedP[k] = s.receivedP[a]!;
      k++;
    }
    store.length = k;
  }
}

/** The number of entries of the ascending `xs` that are <= x. */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
