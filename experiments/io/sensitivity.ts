// How much the Table I figures of today's ledgers move with the assumptions behind them: each
// assumption of docs/ledger.md that has no published figure is set low and high, the paper config
// runs one day (scenario all) on that ledger, and the figure the assumption feeds is reported beside
// its value at the default. `make ledger-doc` writes the table into docs/ledger.md; a test fails while
// the doc and a fresh run disagree.
import { sig3 } from "./format.js";
import { REBASED, rebasedFeeNanos } from "../../sim/ledger/rebased.js";
import { ETHEREUM_POS_2026_PRESET, OP_ROLLUP_PRESET } from "../../sim/ledger/ledger-presets.js";
import { CARBON, ledgerPlugin } from "../../sim/ledger/index.js";
import { parseRunConfig } from "../config/load.js";
import { buildSummary } from "../run/report-data.js";
import { simulate } from "../run/simulate.js";

/** A Table I figure of a one-day run of the paper config on one ledger. */
type Figure = "costPerBidUsd" | "txLatencyMeanS" | "whPerKwhTraded" | "gCo2PerKwhTraded";

const FIGURE_NAMES: Readonly<Record<Figure, string>> = {
  costPerBidUsd: "cost per bid (USD)",
  txLatencyMeanS: "mean time to confirmation (s)",
  whPerKwhTraded: "ledger Wh per kWh traded",
  gCo2PerKwhTraded: "g CO2e per kWh traded",
};

/**
 * One setting of an assumption: its label and the ledger options that give it, or a carbon intensity
 * (which scales the base run's CO2 in proportion: no run of its own).
 */
interface Setting {
  label: string;
  options?: Record<string, unknown>;
  /** g CO2e per kWh of the network's electricity, instead of the plugin's. */
  carbonGPerKwh?: number;
}

export interface Assumption {
  ledger: string;
  parameter: string;
  base: string;
  figure: Figure;
  /** None where the default is already the lowest the model allows. */
  low?: Setting;
  high: Setting;
}

/** A whole number with thousands separators, the same on every machine (the defaults' labels). */
const grouped = (n: number): string => new Intl.NumberFormat("en-US").format(n);

/** The options of iota-rebased with a Rebased gas figure changed (the fee follows the IOTA formula). */
function rebasedFee(change: Partial<Record<keyof typeof REBASED, number>>): Record<string, unknown> {
  const nanos = rebasedFeeNanos({ ...REBASED, ...change } as typeof REBASED);
  return { fee: { iotaPerRequest: nanos / 1000, l1MessageIota: nanos / 1000 } };
}

const energy = (wh: number) => ({ energy: { override: { wh, note: "sensitivity setting" } } });
const rollupScalars = (k: number) => {
  const d = OP_ROLLUP_PRESET.l1DataFee!;
  return {
    l1DataFee: {
      baseFeeScalar: Math.round(d.baseFeeScalar! * k),
      blobBaseFeeScalar: Math.round(d.blobBaseFeeScalar! * k),
    },
  };
};

/** The assumptions varied, low and high (docs/ledger.md labels each an assumption). */
export const ASSUMPTIONS: readonly Assumption[] = [
  {
    ledger: "iota-rebased",
    parameter: "energy per transaction",
    base: `${sig3(REBASED.energyWhPerTx)} Wh`,
    figure: "whPerKwhTraded",
    low: { label: "0.0417 Wh", options: energy(REBASED.energyWhPerTx / 10) },
    high: { label: "4.17 Wh", options: energy(REBASED.energyWhPerTx * 10) },
  },
  {
    ledger: "iota-rebased",
    parameter: "carbon intensity of its electricity",
    base: `${CARBON.world.gPerKwh} g/kWh, the world average`,
    figure: "gCo2PerKwhTraded",
    low: { label: "50 g/kWh", carbonGPerKwh: 50 },
    high: { label: "800 g/kWh", carbonGPerKwh: 800 },
  },
  {
    ledger: "iota-rebased",
    parameter: "commit to checkpoint (mean)",
    base: `${REBASED.checkpointMs} ms`,
    figure: "txLatencyMeanS",
    low: { label: "100 ms", options: { l1: { latencyMeanMs: 100 } } },
    high: { label: "1,000 ms", options: { l1: { latencyMeanMs: 1000 } } },
  },
  {
    ledger: "iota-rebased",
    parameter: "storage units per order",
    base: grouped(REBASED.storageUnits),
    figure: "costPerBidUsd",
    low: { label: "5,000", options: rebasedFee({ storageUnits: 5_000 }) },
    high: { label: "50,000", options: rebasedFee({ storageUnits: 50_000 }) },
  },
  {
    ledger: "iota-rebased",
    parameter: "computation units per order",
    base: `${grouped(REBASED.computationUnits)}, the smallest bucket`,
    figure: "costPerBidUsd",
    high: { label: "5,000", options: rebasedFee({ computationUnits: 5_000 }) },
  },
  {
    ledger: "op-rollup",
    parameter: "energy per transaction",
    base: `${OP_ROLLUP_PRESET.energyWhPerTx!.pos!} Wh`,
    figure: "whPerKwhTraded",
    low: { label: "0.05 Wh", options: { energyWhPerTx: { pos: 0.05 } } },
    high: { label: "5.1 Wh (an L1 transaction)", options: { energyWhPerTx: { pos: 5.1 } } },
  },
  {
    ledger: "op-rollup",
    parameter: "L1 fee scalars",
    base: `${grouped(OP_ROLLUP_PRESET.l1DataFee!.baseFeeScalar!)} and ${grouped(OP_ROLLUP_PRESET.l1DataFee!.blobBaseFeeScalar!)}`,
    figure: "costPerBidUsd",
    low: { label: "x 0.5", options: rollupScalars(0.5) },
    high: { label: "x 2", options: rollupScalars(2) },
  },
  {
    ledger: "ethereum-pos-2026",
    parameter: "energy per transaction",
    base: `${ETHEREUM_POS_2026_PRESET.energyWhPerTx!.pos!} Wh, CCRI's electricity`,
    figure: "whPerKwhTraded",
    low: { label: "2.5 Wh", options: { energyWhPerTx: { pos: 2.5 } } },
    high: { label: "15 Wh, CCAF's 7.50 GWh a year", options: { energyWhPerTx: { pos: 15 } } },
  },
  {
    ledger: "ethereum-pos-2026",
    parameter: "missed-slot rate",
    base: `${ETHEREUM_POS_2026_PRESET.blocks!.missedSlotProb! * 100} %`,
    figure: "txLatencyMeanS",
    low: { label: "0 %", options: { blocks: { missedSlotProb: 0 } } },
    high: { label: "5 %", options: { blocks: { missedSlotProb: 0.05 } } },
  },
];

export interface SensitivityRow {
  assumption: Assumption;
  base: number;
  /** NaN without a low setting. */
  low: number;
  high: number;
}

type Figures = Record<Figure, number>;

/** The figures of a one-day run of the paper config (scenario all) on `ledger` with `options`. */
function runFigures(paper: unknown, ledger: string, options?: Record<string, unknown>): Figures {
  const config = parseRunConfig(
    {
      ...(paper as Record<string, unknown>),
      ledgers: [ledger],
      scenarios: ["all"],
      profiles: { ...(paper as { profiles: object }).profiles, days: 1 },
      ledgerOptions: options === undefined ? {} : { [ledger]: options },
    },
    "sensitivity",
  );
  const summary = buildSummary(simulate(config, "."));
  const settlement = summary.scenarios[0]!.settlement;
  const figures = summary.ledgers[0]!;
  return {
    costPerBidUsd: figures.costPerBidUsd,
    txLatencyMeanS: figures.txLatencyMeanS,
    whPerKwhTraded: settlement.whPerKwhTraded,
    gCo2PerKwhTraded: settlement.gCo2PerKwhTraded,
  };
}

/** A setting's figure: a run with its options, or the base run's CO2 at its carbon intensity. */
function settingFigure(paper: unknown, a: Assumption, base: Figures, setting: Setting | undefined): number {
  if (setting === undefined) return NaN;
  if (setting.carbonGPerKwh !== undefined)
    return (base.gCo2PerKwhTraded * setting.carbonGPerKwh) / ledgerPlugin(a.ledger).carbon!.gPerKwh;
  return runFigures(paper, a.ledger, setting.options)[a.figure];
}

/** Every assumption at its default, low and high, on the paper config (`paper`: its parsed JSON). */
export function sensitivity(paper: unknown): SensitivityRow[] {
  const bases = new Map<string, Figures>();
  const baseOf = (ledger: string): Figures => {
    if (!bases.has(ledger)) bases.set(ledger, runFigures(paper, ledger));
    return bases.get(ledger)!;
  };
  return ASSUMPTIONS.map((a) => {
    const base = baseOf(a.ledger);
    return {
      assumption: a,
      base: base[a.figure],
      low: settingFigure(paper, a, base, a.low),
      high: settingFigure(paper, a, base, a.high),
    };
  });
}

/** The rows as a Markdown table. */
export function sensitivityTable(rows: readonly SensitivityRow[]): string[] {
  return [
    "| ledger | assumption (default) | figure | at the default | low setting | high setting |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.assumption.ledger}\` | ${r.assumption.parameter} (${r.assumption.base}) | ${FIGURE_NAMES[r.assumption.figure]} ` +
        `| ${sig3(r.base)} | ${r.assumption.low === undefined ? "none (the default is the lowest)" : `${r.assumption.low.label}: ${sig3(r.low)}`} ` +
        `| ${r.assumption.high.label}: ${sig3(r.high)} |`,
    ),
  ];
}
