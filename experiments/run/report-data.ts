// The summary of a simulation (summary.json) and its short terminal table.
import { sig3 } from "../io/format.js";
import {
  executedOrders,
  latencySummary,
  ledgerPlugin,
  ledgerStats,
  type Ledger,
} from "../../sim/ledger/index.js";
import { interMicrogridProcesses } from "../../sim/grid/index.js";
import type { SimulationResult } from "./types.js";
import { ledgerOptionsOf } from "../config/schema.js";
import { checkClaims, coincidence, type Claim, type ClaimContext } from "./claims.js";
import { summarizeRun, type ScenarioSummary } from "./summary.js";
import { tableOne, type LedgerFigures, type TableOne } from "./table1.js";

export type { LedgerFigures } from "./table1.js";
import { headlineLedger, mainGridReductionPct } from "./headline.js";

/** The paper's printed figures, for side-by-side comparison. */
export const PAPER = {
  producerBenefitPctGrid: 166.41,
  consumerBenefitPctGrid: 6.3,
  mainGridReductionAllVsGridPct: 20.6,
  table1: {
    energyPerTx: { iota: "3.93 nWh", ethereum: "238.22 kWh" },
    costPerBid: { iota: "1 IOTA ($3.3e-7)", ethereum: "~$0.20" },
    timePerTx: { iota: "~12 s", ethereum: "~15 s" },
    security: { iota: "Variable", ethereum: "High" },
  },
} as const;

export interface Summary {
  name: string;
  seed: number;
  headlineLedger: string;
  headline: {
    producerBenefitPctGrid: number;
    consumerBenefitPctGrid: number;
    mainGridReductionAllVsGridPct: number;
  };
  paper: typeof PAPER;
  scenarios: ScenarioSummary[];
  claims: Claim[];
  ledgers: LedgerFigures[];
  /** Table I then and now: the paper's ledgers of 2022 beside today's, every figure with its source. */
  table1: TableOne;
}

const NOT_STATED = "not stated by the ledger plugin";

/** Table I figures of one ledger model after a run: per order transaction. `options`: the run's for it. */
export function ledgerFigures(model: Ledger, options?: unknown): LedgerFigures {
  const plugin = ledgerPlugin(model.name);
  const log = model.log;
  const stats = ledgerStats(log);
  const { count: bids, feeUsd: bidFeeUsd } = executedOrders(log);
  const latency = latencySummary(log, "orders");
  return {
    ledger: model.name,
    transactions: stats.submitted,
    confirmed: stats.confirmed,
    bids,
    // Ledgers charge energy when a transaction executes (confirmed or reverted), not while pending.
    energyPerTxWh:
      stats.confirmed + stats.rejected > 0 ? stats.energyWh / (stats.confirmed + stats.rejected) : NaN,
    energyReading: model.energyReading ?? "not stated by the ledger model",
    costPerBidUsd: bids > 0 ? bidFeeUsd / bids : NaN,
    txLatencyMeanS: latency.meanMs / 1000,
    txLatencyP50S: latency.p50Ms / 1000,
    txLatencyP95S: latency.p95Ms / 1000,
    security: plugin.security ?? NOT_STATED,
    label: plugin.label ?? model.name,
    era: plugin.vintage?.era ?? "not stated",
    calibrated: plugin.vintage?.calibrated ?? "not stated",
    waitsFor: plugin.waitsFor?.(options) ?? NOT_STATED,
    feeSource: plugin.sources?.fee ?? NOT_STATED,
    timeSource: plugin.sources?.time ?? NOT_STATED,
  };
}

/** Table I's column order: the paper's time before today, registry order within each. */
function byEra(a: LedgerFigures, b: LedgerFigures): number {
  const rank = (f: LedgerFigures): number => (f.era === "2022" ? 0 : f.era === "today" ? 1 : 2);
  return rank(a) - rank(b);
}

/** What the claims need to know about the run beyond its scenario summaries. */
export function claimContext(result: SimulationResult): ClaimContext {
  return {
    level2Efficient: interMicrogridProcesses.get(result.config.market.interMicrogrid).efficient,
    coincidenceKwh: coincidence(result.profile),
  };
}

export function buildSummary(result: SimulationResult): Summary {
  const scenarios = result.runs.map((run) => summarizeRun(result, run));
  const ledger = headlineLedger(result.config);
  const mine = scenarios.filter((s) => s.ledger === ledger);
  const grid = mine.find((s) => s.scenario === "grid");
  const all = mine.find((s) => s.scenario === "all");
  const ledgers: LedgerFigures[] = [];
  const seen = new Set<string>();
  const figuresScenario = (all ?? grid ?? mine[0])?.scenario ?? "";
  for (const run of result.runs) {
    if (run.ledgerModel === undefined || seen.has(run.ledger) || run.scenario.id !== figuresScenario)
      continue;
    seen.add(run.ledger);
    const settlement = scenarios.find(
      (x) => x.ledger === run.ledger && x.scenario === run.scenario.id,
    )?.settlement;
    ledgers.push({
      ...ledgerFigures(run.ledgerModel, ledgerOptionsOf(result.config, run.ledger)),
      ...(settlement ? { settlement } : {}),
    });
  }
  // Stable: within an era, the config's order.
  ledgers.sort(byEra);
  return {
    name: result.config.name,
    seed: result.config.seed,
    headlineLedger: ledger,
    headline: {
      producerBenefitPctGrid: grid?.benefit.producerPct ?? NaN,
      consumerBenefitPctGrid: grid?.benefit.consumerPct ?? NaN,
      mainGridReductionAllVsGridPct: mainGridReductionPct(grid, all),
    },
    paper: PAPER,
    scenarios,
    claims: checkClaims(mine, claimContext(result)),
    ledgers,
    table1: tableOne(ledgers, figuresScenario),
  };
}

const pad = (s: string, n: number): string => s.padEnd(n);
const num = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

/** A short plain-text table of the summary. */
export function printSummary(s: Summary): string {
  const lw = Math.max(9, ...s.scenarios.map((r) => r.ledger.length + 1));
  const sw = Math.max(10, ...s.scenarios.map((r) => r.scenario.length + 1));
  const lines = [
    `${s.name} (seed ${s.seed})`,
    `${pad("ledger", lw)}${pad("scenario", sw)}${pad("prod %", 9)}${pad("cons %", 9)}${pad("total GBP", 11)}${pad("main grid kWh", 14)}fallback`,
  ];
  for (const r of s.scenarios) {
    lines.push(
      `${pad(r.ledger, lw)}${pad(r.scenario, sw)}${pad(num(r.benefit.producerPct), 9)}${pad(num(r.benefit.consumerPct), 9)}` +
        `${pad(num(r.benefit.totalGbp, 2), 11)}${pad(num(r.mainGridKwh), 14)}${r.periodsFallback}/${r.periodsFallback + r.periodsConsensus}`,
    );
  }
  const h = s.headline;
  lines.push(
    `headline (${s.headlineLedger}): producers ${num(h.producerBenefitPctGrid)} % (paper ${s.paper.producerBenefitPctGrid}), ` +
      `consumers ${num(h.consumerBenefitPctGrid)} % (paper ${s.paper.consumerBenefitPctGrid}), ` +
      `main grid ${num(h.mainGridReductionAllVsGridPct)} % less in "all" (paper ${s.paper.mainGridReductionAllVsGridPct})`,
  );
  for (const l of s.ledgers) {
    lines.push(
      `${l.ledger}: ${num(l.txLatencyMeanS)} s per tx (p95 ${num(l.txLatencyP95S)}), $${l.costPerBidUsd.toPrecision(3)} per bid, ` +
        `${l.energyPerTxWh.toPrecision(3)} Wh per tx` +
        (l.settlement === undefined
          ? ""
          : `; settling costs ${sig3(l.settlement.whPerKwhTraded)} Wh, ${sig3(l.settlement.gCo2PerKwhTraded)} g CO2e ` +
            `and $${sig3(l.settlement.feesUsdPerKwhTraded)} per kWh traded`),
    );
  }
  for (const c of s.claims) lines.push(`[${c.holds ? "holds" : "FAILS"}] ${c.claim}: ${c.ours}`);
  return `${lines.join("\n")}\n`;
}
