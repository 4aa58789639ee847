// Columnar records of a run: one row per (period, microgrid), one per (period, agent with an
// order), and running per-agent totals. Pure data; writers to files live in experiments/.
//
// Units: Wh, p/kWh, pence.
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

export interface TradeRows {
  period: number[];
  agent: number[];
  microgrid: number[];
  side: string[];
  quantityWh: number[];
  fillWh: number[];
  price: number[];
  mcp: number[];
  residualWh: number[];
  residualPrice: number[];
  paidP: number[];
  receivedP: number[];
}

/** Per-agent running totals over the run. */
export interface AgentTotals {
  boughtWh: Float64Array;
  soldWh: Float64Array;
  paidP: Float64Array;
  receivedP: Float64Array;
  peerBoughtWh: Float64Array;
  peerSoldWh: Float64Array;
  peerPaidP: Float64Array;
  peerReceivedP: Float64Array;
  gridBoughtWh: Float64Array;
  gridSoldWh: Float64Array;
  imbalanceImportWh: Float64Array;
  imbalanceExportWh: Float64Array;
}

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
const TRADE_KEYS: (keyof TradeRows)[] = [
  "period",
  "agent",
  "microgrid",
  "side",
  "quantityWh",
  "fillWh",
  "price",
  "mcp",
  "residualWh",
  "residualPrice",
  "paidP",
  "receivedP",
];

export class RunRecorder implements Recorder {
  readonly periods: PeriodRows = emptyColumns<PeriodRows>(PERIOD_KEYS);
  readonly trades: TradeRows = emptyColumns<TradeRows>(TRADE_KEYS);
  readonly totals: AgentTotals;
  readonly #limits: MarketLimits;
  readonly #pv: Float64Array;
  readonly #load: Float64Array;
  readonly #periods: number;
  readonly #settlement: AgentSettlement;

  /** `pv` and `load` are the profile's agent-major arrays (Wh), for the energy columns. */
  constructor(agents: number, limits: MarketLimits, pv: Float64Array, load: Float64Array, periods: number) {
    this.#limits = limits;
    this.#pv = pv;
    this.#load = load;
    this.#periods = periods;
    this.#settlement = createSettlement(agents);
    this.totals = createSettlement(agents);
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
    settlePeriod(level1, mcp, routing, forecastNet, actualNet, this.#limits, s);
    for (const key of Object.keys(this.totals) as (keyof AgentTotals)[]) {
      const total = this.totals[key];
      const now = s[key];
      for (let a = 0; a < total.length; a++) total[a]! += now[a]!;
    }
    auctions.forEach((auction, m) => this.#periodRow(t, m, auction, routing));
    this.#tradeRows(t, level1, mcp, routing);
  }

  #periodRow(t: number, m: number, auction: MicrogridAuction, routing: RoutingOutcome): void {
    const s = this.#settlement;
    let imbImport = 0;
    let imbExport = 0;
    let paid = 0;
    let received = 0;
    let pv = 0;
    let load = 0;
    for (const a of auction.members) {
      imbImport += s.imbalanceImportWh[a]!;
      imbExport += s.imbalanceExportWh[a]!;
      paid += s.paidP[a]!;
      received += s.receivedP[a]!;
      pv += this.#pv[a * this.#periods + t]!;
      load += this.#load[a * this.#periods + t]!;
    }
    const row: Record<keyof PeriodRows, number | string> = {
      period: t,
      microgrid: m,
      mcp: auction.mcp,
      rounds: auction.rounds,
      outcome: auction.outcome,
      demandWh: auction.demand,
      supplyWh: auction.supply,
      matchedLocalWh: auction.volume,
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
    const rows = this.trades;
    for (let a = 0; a < level1.side.length; a++) {
      const side = level1.side[a];
      if (side !== BUY && side !== SELL) continue;
      const m = level1.microgridOf[a]!;
      rows.period.push(t);
      rows.agent.push(a);
      rows.microgrid.push(m);
      rows.side.push(side === BUY ? "buy" : "sell");
      rows.quantityWh.push(level1.quantity[a]!);
      rows.fillWh.push(level1.fill[a]!);
      rows.price.push(level1.lastPrice[a]!);
      rows.mcp.push(mcp[m]!);
      rows.residualWh.push(level1.quantity[a]! - level1.fill[a]!);
      rows.residualPrice.push(side === BUY ? routing.correctedBuy[m]! : routing.correctedSell[m]!);
      rows.paidP.push(s.paidP[a]!);
      rows.receivedP.push(s.receivedP[a]!);
    }
  }
}
