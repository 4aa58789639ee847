// Table I then and now: the paper's 2022 ledgers beside today's, every figure with its unit and
// source, as summary.json carries it (`table1`) and `p2psim table1` prints it.
import type { Settlement } from "./summary.js";

/** Table I figures of one ledger model after a run (summary.json's `ledgers`). */
export interface LedgerFigures {
  ledger: string;
  transactions: number;
  confirmed: number;
  bids: number;
  energyPerTxWh: number;
  /** Which energy figure the model charges per transaction and where it comes from, in one line. */
  energyReading: string;
  costPerBidUsd: number;
  txLatencyMeanS: number;
  txLatencyP50S: number;
  txLatencyP95S: number;
  security: string;
  /** The plugin's short name, "2022" (the paper's time) or "today", and its calibration month. */
  label: string;
  era: string;
  calibrated: string;
  /** The confirmation the market waited for in this run. */
  waitsFor: string;
  /** Where the cost and time figures come from. */
  feeSource: string;
  timeSource: string;
  /** The ledger's energy, CO2 and fees per kWh traded in the run these figures are from. */
  settlement?: Settlement;
}

/** One figure of Table I: a number (null where the run has none) or a text, its unit and its source. */
export interface TableOneFigure {
  value: number | string | null;
  unit: string;
  source: string;
}

/** One ledger's column of Table I. */
export interface TableOneColumn {
  ledger: string;
  label: string;
  calibrated: string;
  energyPerTx: TableOneFigure;
  costPerBid: TableOneFigure;
  timeToConfirmation: TableOneFigure & { p50S: number | null; p95S: number | null; waitsFor: string };
  security: TableOneFigure;
  settlementEnergyPerKwhTraded: TableOneFigure;
  co2PerKwhTraded: TableOneFigure;
  feesPerKwhTraded: TableOneFigure;
}

/** Table I: the columns of the paper's time ("then"), of today's ledgers ("now"), and of ledgers whose plugin states neither. */
export interface TableOne {
  then: TableOneColumn[];
  now: TableOneColumn[];
  unstated: TableOneColumn[];
  /** The scenario whose run gives the figures. */
  scenario: string;
  /** What the settlement rows measure. */
  note: string;
}

const finiteOrNull = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

function column(l: LedgerFigures, scenario: string): TableOneColumn {
  const s = l.settlement;
  const measured = `simulated: this run of the config (scenario ${scenario})`;
  return {
    ledger: l.ledger,
    label: l.label,
    calibrated: l.calibrated,
    energyPerTx: { value: finiteOrNull(l.energyPerTxWh), unit: "Wh", source: l.energyReading },
    costPerBid: { value: finiteOrNull(l.costPerBidUsd), unit: "USD", source: l.feeSource },
    timeToConfirmation: {
      value: finiteOrNull(l.txLatencyMeanS),
      p50S: finiteOrNull(l.txLatencyP50S),
      p95S: finiteOrNull(l.txLatencyP95S),
      unit: "s (mean, submission to the confirmation the market waits for)",
      waitsFor: l.waitsFor,
      source: `${measured}; model: ${l.timeSource}`,
    },
    security: { value: l.security, unit: "", source: "the ledger plugin's statement" },
    settlementEnergyPerKwhTraded: {
      value: finiteOrNull(s?.whPerKwhTraded),
      unit: "Wh per kWh traded",
      source: `${measured}: the ledger's energy over the energy traded between peers`,
    },
    co2PerKwhTraded: {
      value: finiteOrNull(s?.gCo2PerKwhTraded),
      unit: "g CO2e per kWh traded",
      source: s?.carbonSource ?? "no settlement figures in this run",
    },
    feesPerKwhTraded: {
      value: finiteOrNull(s?.feesUsdPerKwhTraded),
      unit: "USD per kWh traded",
      source: `${measured}: every transaction's fee over the energy traded between peers`,
    },
  };
}

/** Table I of the ledgers a run had a model for (figures from `scenario`), split by era. */
export function tableOne(ledgers: readonly LedgerFigures[], scenario: string): TableOne {
  const of = (keep: (era: string) => boolean) =>
    ledgers.filter((l) => keep(l.era)).map((l) => column(l, scenario));
  return {
    then: of((era) => era === "2022"),
    now: of((era) => era === "today"),
    unstated: of((era) => era !== "2022" && era !== "today"),
    scenario,
    note:
      "Settlement rows: the ledger's energy, CO2 and fees for all transactions of the run (orders, updates, " +
      "clears, inter-microgrid messages) divided by the energy the agents sold to peers (levels 1 and 2). " +
      "Energy per transaction is a network average (its energy over its transactions), as published.",
  };
}
