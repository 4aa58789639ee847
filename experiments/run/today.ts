// The paper's question for the ledgers of today: the reproduction's full run of each dataset adds
// every registered ledger of today (plugin vintage "today") to the paper's, and this section sets
// out, per ledger, what it does to the market and what settling costs (one seed, the full run's).
import { ledgerModelNames, ledgerPlugin } from "../../sim/ledger/index.js";
import type { RunConfig } from "../config/schema.js";
import { mainGridReductionPct } from "./headline.js";
import type { Summary } from "./report-data.js";
import type { OverviewLedgerRow } from "../report/index.js";

/** One ledger's figures on one dataset (the overview's row; fields documented in docs/reproduction.md). */
export type TodayRow = OverviewLedgerRow;

/** The config with every registered ledger of today added after its own (none twice). */
export function withTodayLedgers(config: RunConfig): RunConfig {
  const today = ledgerModelNames().filter((name) => ledgerPlugin(name).vintage?.era === "today");
  const ledgers = [...config.ledgers, ...today.filter((name) => !config.ledgers.includes(name))];
  return { ...config, ledgers: ledgers as RunConfig["ledgers"] };
}

/** One row per ledger of the run: the paper's figures and the settlement's cost, per ledger. */
export function todayRows(summary: Summary, dataset: string): TodayRow[] {
  const ledgers = [...new Set(summary.scenarios.map((s) => s.ledger))];
  return ledgers.map((ledger) => {
    const mine = summary.scenarios.filter((s) => s.ledger === ledger);
    const grid = mine.find((s) => s.scenario === "grid");
    const all = mine.find((s) => s.scenario === "all");
    const figures = summary.ledgers.find((l) => l.ledger === ledger);
    const plugin = ledgerPlugin(ledger);
    const settlement = all?.settlement;
    return {
      dataset,
      ledger,
      label: plugin.label ?? ledger,
      era: plugin.create === null ? "reference" : (plugin.vintage?.era ?? "not stated"),
      waitsFor: figures?.waitsFor ?? plugin.waitsFor?.(undefined) ?? "not stated",
      producerBenefitPct: grid?.benefit.producerPct ?? NaN,
      consumerBenefitPct: grid?.benefit.consumerPct ?? NaN,
      mainGridReductionPct: mainGridReductionPct(grid, all),
      missedKwh: all?.missedKwh ?? NaN,
      tradedKwh: settlement?.tradedKwh ?? NaN,
      // Instant confirmation: no wait, no fee.
      txLatencyMeanS: figures?.txLatencyMeanS ?? (plugin.create === null ? 0 : NaN),
      costPerBidUsd: figures?.costPerBidUsd ?? (plugin.create === null ? 0 : NaN),
      settlementWhPerKwhTraded: settlement?.whPerKwhTraded ?? NaN,
      gCo2PerKwhTraded: settlement?.gCo2PerKwhTraded ?? NaN,
      feesUsdPerKwhTraded: settlement?.feesUsdPerKwhTraded ?? NaN,
    };
  });
}
