// Columnar records of a run, from the world's period outcomes: one row per (period, microgrid), one
// per (period, agent with an order), and running per-agent totals. Pure data; writers to files
// live in experiments/. The stored columns are those the output schema (./schema.ts) marks
// `store`, in the typed columns it names.
//
// Units: Wh, p/kWh, pence.
// The trade rows (agents x periods of them) live in typed columns that grow by doubling, sized up
// front for one row per agent and period, so that a large run neither boxes numbers in arrays nor
// stores one string per row. Only what is particular to a row is stored; its period, microgrid,
// MCP, residual and residual price follow from the agent and the period's microgrid row and are
// derived when read (deriveTrades), which keeps a large run's memory small.
import { fitsInt32, GrowableColumns, type ColumnArrays } from "../kernel/index.js";
import { BUY, SELL } from "../market/index.js";
import { createSettlement, type AgentSettlement, type PeriodOutcome, type Recorder } from "../grid/index.js";
import { DeviceRecorder } from "./devices.js";
import { AGENTS, PERIODS, SIDE_NAMES, storedKinds, TRADES, type StoredColumns } from "./schema.js";

/** The (period, microgrid) rows: periods.arrow's stored columns (`outcome` as AUCTION_OUTCOMES codes). */
export type PeriodRows = StoredColumns<typeof PERIODS>;

/** The trade rows as plain columns (`side` spelled "buy" / "sell"). */
export interface TradeRows {
  period: Int32Array;
  agent: Int32Array;
  microgrid: Int32Array;
  side: string[];
  forecastWh: Float64Array;
  quantityWh: Float64Array;
  fillWh: Float64Array;
  price: Float64Array;
  mcp: Float64Array;
  tradePrice: Float64Array;
  residualWh: Float64Array;
  residualPrice: Float64Array;
  paidP: Float64Array;
  receivedP: Float64Array;
}

const PERIOD_KINDS = storedKinds(PERIODS);
const TRADE_KINDS = storedKinds(TRADES);

/**
 * The trade rows as stored: `side` is BUY or SELL; quantities and fills are int32 while every
 * value is a whole Wh in int32 range (the market trades integer Wh), doubles otherwise.
 */
export type StoredTrades = ColumnArrays<typeof TRADE_KINDS>;

/** The derived columns of a slice of trade rows. */
export type DerivedTrades = Pick<TradeRows, "period" | "microgrid" | "mcp" | "residualWh" | "residualPrice">;

/** Per-agent running totals over the run: the same columns as one period's settlement. */
export type AgentTotals = AgentSettlement;

// agents.arrow's stored columns are running totals (a column AgentTotals lacks fails to compile).
type _TotalsHaveAgentColumns = Pick<AgentTotals, keyof StoredColumns<typeof AGENTS>>;

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
  readonly totals: AgentTotals;
  readonly #pv: Int32Array;
  readonly #load: Int32Array;
  readonly #periods: number;
  /** Per microgrid and period (microgrid-major), the members' PV and load (Wh); built once. */
  #pvSum: Float64Array | undefined;
  #loadSum: Float64Array | undefined;
  /** Per microgrid, sums of this period's members (scratch). */
  #imbalanceImport = new Float64Array(0);
  #imbalanceExport = new Float64Array(0);
  #bought = new Float64Array(0);
  #sold = new Float64Array(0);
  #paid = new Float64Array(0);
  #received = new Float64Array(0);
  #peerBought = new Float64Array(0);
  #peerSold = new Float64Array(0);
  #peerPaid = new Float64Array(0);
  #peerReceived = new Float64Array(0);
  #forecast = new Float64Array(0);
  readonly #rows: GrowableColumns<typeof PERIOD_KINDS>;
  readonly #trades: GrowableColumns<typeof TRADE_KINDS>;
  /** Per recorded period, its first trade row (its microgrid rows are rows p x microgrids on). */
  readonly #tradeStart = new GrowableColumns({ row: "f64" });
  #microgridOf = new Int32Array(0);
  #microgrids = 0;
  readonly #keepTrades: boolean;
  #devices: DeviceRecorder | undefined;

  /**
   * `pv` and `load` are the profile's agent-major arrays (Wh), for the energy columns. With
   * `trades: false` no per-trade rows are kept (scale studies: they grow with agents x periods).
   */
  constructor(
    agents: number,
    pv: Int32Array,
    load: Int32Array,
    periods: number,
    options: { trades?: boolean } = {},
  ) {
    this.#pv = pv;
    this.#load = load;
    this.#periods = periods;
    this.totals = createSettlement(agents);
    this.#keepTrades = options.trades ?? true;
    this.#rows = new GrowableColumns(PERIOD_KINDS);
    this.#trades = new GrowableColumns(TRADE_KINDS, this.#keepTrades ? Math.max(16, agents * periods) : 0);
  }

  /** The (period, microgrid) rows (views: valid until the next period is recorded). */
  get periods(): PeriodRows {
    return this.#rows.views();
  }

  /** Number of trade rows. */
  get tradeCount(): number {
    return this.#trades.length;
  }

  /** The stored columns of trade rows [from, to) (views: valid until the next period is recorded). */
  storedTrades(from: number, to: number): StoredTrades {
    return this.#trades.views(from, to);
  }

  /** Writes the derived columns of trade rows [from, to) into `out` (from its index 0). */
  deriveTrades(from: number, to: number, out: DerivedTrades): void {
    const c = this.#trades.data;
    const rows = this.#rows.data;
    const starts = this.#tradeStart.view("row");
    const microgrids = this.#microgrids;
    // The period of row `from` is the last one starting at or before it (empty ones share starts).
    let p = upperBound(starts, from) - 1;
    let next = starts[p + 1] ?? Infinity;
    for (let k = from; k < to; k++) {
      while (k >= next) next = starts[++p + 1] ?? Infinity;
      const a = c.agent[k]!;
      const m = this.#microgridOf[a]!;
      const pm = p * microgrids + m;
      const i = k - from;
      out.period[i] = rows.period[pm]!;
      out.microgrid[i] = m;
      out.mcp[i] = rows.mcp[pm]!;
      out.residualWh[i] = c.quantityWh[k]! - c.fillWh[k]!;
      out.residualPrice[i] = c.side[k] === BUY ? rows.correctedBuyPrice[pm]! : rows.correctedSellPrice[pm]!;
    }
  }

  /** The trade rows as plain columns, sides spelled out (a copy). */
  get trades(): TradeRows {
    const n = this.#trades.length;
    const stored = this.#trades.views(0, n);
    const derived = createDerivedTrades(n);
    this.deriveTrades(0, n, derived);
    return {
      ...stored,
      ...derived,
      forecastWh: Float64Array.from(stored.forecastWh),
      quantityWh: Float64Array.from(stored.quantityWh),
      fillWh: Float64Array.from(stored.fillWh),
      side: Array.from(stored.side, (s) => SIDE_NAMES[s]!),
    };
  }

  /** The devices' records (undefined when the run has no devices). */
  get devices(): DeviceRecorder | undefined {
    return this.#devices;
  }

  period(outcome: PeriodOutcome): void {
    if (this.#pvSum === undefined) this.#start(outcome);
    this.#agentRows(outcome);
    this.#periodRows(outcome);
    if (outcome.devices !== undefined) {
      this.#devices ??= new DeviceRecorder(outcome.devices, outcome.agents.microgridOf, this.#microgrids);
      this.#devices.period(outcome);
    }
  }

  #start(o: PeriodOutcome): void {
    const microgrids = o.microgrids.mcp.length;
    this.#microgridOf = Int32Array.from(o.agents.microgridOf);
    this.#microgrids = microgrids;
    this.#imbalanceImport = new Float64Array(microgrids);
    this.#imbalanceExport = new Float64Array(microgrids);
    this.#bought = new Float64Array(microgrids);
    this.#sold = new Float64Array(microgrids);
    this.#paid = new Float64Array(microgrids);
    this.#received = new Float64Array(microgrids);
    this.#peerBought = new Float64Array(microgrids);
    this.#peerSold = new Float64Array(microgrids);
    this.#peerPaid = new Float64Array(microgrids);
    this.#peerReceived = new Float64Array(microgrids);
    this.#forecast = new Float64Array(microgrids);
    this.#sumEnergy();
  }

  // One pass over the agent-major profile instead of a strided read per period; each sum adds its
  // members in agent order, as a per-period loop would, so the totals are the same doubles.
  #sumEnergy(): void {
    const periods = this.#periods;
    const microgridOf = this.#microgridOf;
    const pvSum = new Float64Array(this.#microgrids * periods);
    const loadSum = new Float64Array(this.#microgrids * periods);
    for (let a = 0; a < microgridOf.length; a++) {
      const m = microgridOf[a]!;
      for (let t = 0; t < periods; t++) {
        pvSum[m * periods + t]! += this.#pv[a * periods + t]!;
        loadSum[m * periods + t]! += this.#load[a * periods + t]!;
      }
    }
    this.#pvSum = pvSum;
    this.#loadSum = loadSum;
  }

  /**
   * One pass over the agents: adds the period's settlement to the totals, sums it per microgrid
   * (members in agent order) and stores the trade rows.
   */
  #agentRows(o: PeriodOutcome): void {
    const s = o.settlement;
    const t = this.totals;
    const { microgridOf, side, quantity, fill, lastPrice, tradePrice, forecastWh } = o.agents;
    const imbImport = this.#imbalanceImport.fill(0);
    const imbExport = this.#imbalanceExport.fill(0);
    const bought = this.#bought.fill(0);
    const sold = this.#sold.fill(0);
    const paid = this.#paid.fill(0);
    const received = this.#received.fill(0);
    const peerBought = this.#peerBought.fill(0);
    const peerSold = this.#peerSold.fill(0);
    const peerPaid = this.#peerPaid.fill(0);
    const peerReceived = this.#peerReceived.fill(0);
    const forecast = this.#forecast.fill(0);
    const keep = this.#keepTrades;
    const store = this.#trades;
    if (keep) {
      this.#tradeStart.reserve(1);
      this.#tradeStart.data.row[this.#tradeStart.length++] = store.length;
      store.reserve(side.length);
    }
    let c = store.data;
    let k = store.length;
    for (let a = 0; a < side.length; a++) {
      t.boughtWh[a]! += s.boughtWh[a]!;
      t.soldWh[a]! += s.soldWh[a]!;
      t.paidP[a]! += s.paidP[a]!;
      t.receivedP[a]! += s.receivedP[a]!;
      t.peerBoughtWh[a]! += s.peerBoughtWh[a]!;
      t.peerSoldWh[a]! += s.peerSoldWh[a]!;
      t.peerPaidP[a]! += s.peerPaidP[a]!;
      t.peerReceivedP[a]! += s.peerReceivedP[a]!;
      t.gridBoughtWh[a]! += s.gridBoughtWh[a]!;
      t.gridSoldWh[a]! += s.gridSoldWh[a]!;
      t.imbalanceImportWh[a]! += s.imbalanceImportWh[a]!;
      t.imbalanceExportWh[a]! += s.imbalanceExportWh[a]!;
      const m = microgridOf[a]!;
      imbImport[m]! += s.imbalanceImportWh[a]!;
      imbExport[m]! += s.imbalanceExportWh[a]!;
      bought[m]! += s.boughtWh[a]!;
      sold[m]! += s.soldWh[a]!;
      paid[m]! += s.paidP[a]!;
      received[m]! += s.receivedP[a]!;
      peerBought[m]! += s.peerBoughtWh[a]!;
      peerSold[m]! += s.peerSoldWh[a]!;
      peerPaid[m]! += s.peerPaidP[a]!;
      peerReceived[m]! += s.peerReceivedP[a]!;
      forecast[m]! += forecastWh[a]!;
      if (!keep) continue;
      const sd = side[a]!;
      if (sd !== BUY && sd !== SELL) continue;
      const q = quantity[a]!;
      const f = fill[a]!;
      const w = forecastWh[a]!;
      if (!fitsInt32(q) || !fitsInt32(f) || !fitsInt32(w)) {
        store.length = k;
        if (!fitsInt32(q)) store.widen("quantityWh");
        if (!fitsInt32(f)) store.widen("fillWh");
        if (!fitsInt32(w)) store.widen("forecastWh");
        c = store.data;
      }
      c.agent[k] = a;
      c.side[k] = sd;
      c.forecastWh[k] = w;
      c.quantityWh[k] = q;
      c.fillWh[k] = f;
      c.price[k] = lastPrice[a]!;
      c.tradePrice[k] = tradePrice[a]!;
      c.paidP[k] = s.paidP[a]!;
      c.receivedP[k] = s.receivedP[a]!;
      k++;
    }
    store.length = k;
  }

  /** The period's row of each microgrid. */
  #periodRows(o: PeriodOutcome): void {
    const rows = this.#rows;
    const microgrids = this.#microgrids;
    const sources = this.#periodSources(o);
    rows.reserve(microgrids);
    const d = rows.data;
    for (const key of Object.keys(sources) as (keyof PeriodRows)[]) {
      const column = d[key];
      const source = sources[key];
      for (let m = 0; m < microgrids; m++) column[rows.length + m] = source(m);
    }
    rows.length += microgrids;
  }

  /** Where each column of microgrid m's row comes from. */
  #periodSources(o: PeriodOutcome): { [K in keyof PeriodRows]: (m: number) => number } {
    const t = o.period;
    const mg = o.microgrids;
    const r = o.routing;
    const periods = this.#periods;
    const pv = this.#pvSum!;
    const load = this.#loadSum!;
    return {
      period: () => t,
      microgrid: (m) => m,
      pvWh: (m) => pv[m * periods + t]!,
      loadWh: (m) => load[m * periods + t]!,
      forecastWh: (m) => this.#forecast[m]!,
      mcp: (m) => mg.mcp[m]!,
      rounds: (m) => mg.rounds[m]!,
      outcome: (m) => mg.outcome[m]!,
      demandWh: (m) => mg.demandWh[m]!,
      supplyWh: (m) => mg.supplyWh[m]!,
      matchedLocalWh: (m) => mg.volumeWh[m]!,
      nettedWh: (m) => r.netted[m]!,
      peerImportWh: (m) => r.peerImport[m]!,
      peerExportWh: (m) => r.peerExport[m]!,
      peerPrice: (m) => r.peerPrice[m]!,
      gridImportWh: (m) => r.gridImport[m]!,
      gridExportWh: (m) => r.gridExport[m]!,
      imbalanceImportWh: (m) => this.#imbalanceImport[m]!,
      imbalanceExportWh: (m) => this.#imbalanceExport[m]!,
      correctedBuyPrice: (m) => r.correctedBuy[m]!,
      correctedSellPrice: (m) => r.correctedSell[m]!,
      boughtWh: (m) => this.#bought[m]!,
      soldWh: (m) => this.#sold[m]!,
      paidP: (m) => this.#paid[m]!,
      receivedP: (m) => this.#received[m]!,
      peerBoughtWh: (m) => this.#peerBought[m]!,
      peerSoldWh: (m) => this.#peerSold[m]!,
      peerPaidP: (m) => this.#peerPaid[m]!,
      peerReceivedP: (m) => this.#peerReceived[m]!,
      missedOrders: (m) => mg.missedOrders[m]!,
      missedWh: (m) => mg.missedWh[m]!,
    };
  }
}

/** The number of entries of the ascending `xs` that are <= x. */
function upperBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
