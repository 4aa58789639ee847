// Vega-Lite specs for the paper's figures, built from plain rows. Pure: the same rows give the same
// JSON byte for byte (fixed key order, data copied unrounded, labels rounded by Vega formats only).
// Each spec carries its data inline and the shared config with the shipped font.
import type { TopLevelSpec } from "vega-lite";
import { microgridColours, orderNames, orderScenarios, scenarioLabelExpr } from "./order.js";
import {
  benefitValues,
  netProductionValues,
  scalabilityValues,
  table1Columns,
  table1Values,
  totalValues,
} from "./rows.js";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  CONSUMER_COLOUR,
  ETHEREUM_COLOUR,
  EXPORT_COLOUR,
  IMPORT_COLOUR,
  IOTA_COLOUR,
  LABEL_COLOUR,
  PANEL_HEIGHT,
  PANEL_WIDTH,
  PRODUCER_COLOUR,
  SCHEMA_URL,
  ZERO_RULE_COLOUR,
  reportConfig,
} from "./theme.js";
import type {
  BenefitRow,
  NetProductionRow,
  ReportInput,
  ScalabilityRow,
  ScenarioTotalRow,
  Table1Row,
} from "./types.js";

export const CHART_NAMES = ["fig09", "fig11", "fig12", "fig13", "fig14", "table1", "scalability"] as const;
export type ChartName = (typeof CHART_NAMES)[number];

function microgridColour(names: readonly string[]) {
  const domain = orderNames(names);
  return {
    field: "microgrid",
    type: "nominal" as const,
    title: "Microgrid",
    scale: { domain, range: microgridColours(domain) },
  };
}

function scenarioAxis(scenarios: readonly string[]) {
  return {
    field: "scenario",
    type: "nominal" as const,
    title: "Trading scenario",
    sort: orderScenarios(scenarios),
    axis: { labelAngle: 0, labelExpr: scenarioLabelExpr() },
  };
}

/** Fig. 9: net production (production - consumption) per period over the first 24 h. */
export function fig09Spec(rows: readonly NetProductionRow[]): TopLevelSpec {
  const values = netProductionValues(rows);
  return {
    $schema: SCHEMA_URL,
    title: {
      text: "Fig. 9 — Net production of each microgrid, first 24 h",
      subtitle: "Net = production − consumption per trading period; above zero the microgrid has a surplus",
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", color: ZERO_RULE_COLOUR, strokeWidth: 1 },
        encoding: { y: { field: "zero", type: "quantitative" } },
      },
      {
        data: { values },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
        encoding: {
          x: {
            field: "hour",
            type: "quantitative",
            title: "Time from start of run (h)",
            scale: { domain: [0, 24] },
            axis: { values: [0, 3, 6, 9, 12, 15, 18, 21, 24] },
          },
          y: { field: "netKwh", type: "quantitative", title: "Net production (kWh per period)" },
          color: microgridColour(values.map((r) => r.microgrid)),
          tooltip: [
            { field: "microgrid", type: "nominal", title: "Microgrid" },
            { field: "hour", type: "quantitative", title: "Hour", format: ".2f" },
            { field: "netKwh", type: "quantitative", title: "Net (kWh)", format: ".3f" },
          ],
        },
      },
    ],
    config: reportConfig(),
  };
}

interface BenefitChart {
  field: "producerPct" | "consumerPct";
  title: string;
  subtitle: string;
  yTitle: string;
}

function benefitSpec(rows: readonly BenefitRow[], chart: BenefitChart): TopLevelSpec {
  const values = benefitValues(rows);
  const microgrids = orderNames(values.map((r) => r.microgrid));
  return {
    $schema: SCHEMA_URL,
    title: { text: chart.title, subtitle: chart.subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    encoding: {
      x: scenarioAxis(values.map((r) => r.scenario)),
      xOffset: { field: "microgrid", type: "nominal", sort: microgrids },
      y: { field: chart.field, type: "quantitative", title: chart.yTitle },
    },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          color: microgridColour(microgrids),
          tooltip: [
            { field: "scenario", type: "nominal", title: "Scenario" },
            { field: "microgrid", type: "nominal", title: "Microgrid" },
            { field: chart.field, type: "quantitative", title: "Benefit (%)", format: ".2f" },
          ],
        },
      },
      {
        mark: { type: "text", dy: -6, fontSize: 10, color: LABEL_COLOUR },
        encoding: { text: { field: chart.field, type: "quantitative", format: ".1f" } },
      },
    ],
    config: reportConfig(),
  };
}

/** Fig. 11: average producer benefit per Wh traded, grouped by scenario and microgrid. */
export function fig11Spec(rows: readonly BenefitRow[]): TopLevelSpec {
  return benefitSpec(rows, {
    field: "producerPct",
    title: "Fig. 11 — Average producer benefit per Wh traded",
    subtitle: "Price received over the export price Pgs; only microgrids taking part in a scenario appear",
    yTitle: "Producer benefit over Pgs (%)",
  });
}

/** Fig. 12: average consumer benefit per Wh traded, grouped by scenario and microgrid. */
export function fig12Spec(rows: readonly BenefitRow[]): TopLevelSpec {
  return benefitSpec(rows, {
    field: "consumerPct",
    title: "Fig. 12 — Average consumer benefit per Wh traded",
    subtitle: "Price paid under the import price Pgb; only microgrids taking part in a scenario appear",
    yTitle: "Consumer benefit under Pgb (%)",
  });
}

interface StackPart {
  field: keyof ScenarioTotalRow;
  label: string;
  colour: string;
}

interface StackedChart {
  title: string;
  subtitle: string;
  yTitle: string;
  legendTitle: string;
  parts: readonly [StackPart, StackPart];
  totalField: keyof ScenarioTotalRow;
  /** Vega expression labelling the total above each bar. */
  totalLabel: string;
  partFormat: string;
}

function stackedTotalsSpec(rows: readonly ScenarioTotalRow[], chart: StackedChart): TopLevelSpec {
  const values = totalValues(rows);
  const [first, second] = chart.parts;
  return {
    $schema: SCHEMA_URL,
    title: { text: chart.title, subtitle: chart.subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    encoding: { x: scenarioAxis(values.map((r) => r.scenario)) },
    layer: [
      {
        transform: [
          { fold: [first.field, second.field], as: ["part", "amount"] },
          { calculate: `datum.part === ${JSON.stringify(first.field)} ? 0 : 1`, as: "partOrder" },
          {
            calculate: `datum.part === ${JSON.stringify(first.field)} ? ${JSON.stringify(first.label)} : ${JSON.stringify(second.label)}`,
            as: "partLabel",
          },
        ],
        mark: { type: "bar" },
        encoding: {
          y: { field: "amount", type: "quantitative", title: chart.yTitle, stack: "zero" },
          color: {
            field: "partLabel",
            type: "nominal",
            title: chart.legendTitle,
            scale: { domain: [first.label, second.label], range: [first.colour, second.colour] },
          },
          order: { field: "partOrder", type: "quantitative" },
          tooltip: [
            { field: "scenario", type: "nominal", title: "Scenario" },
            { field: "partLabel", type: "nominal", title: chart.legendTitle },
            { field: "amount", type: "quantitative", title: chart.yTitle, format: chart.partFormat },
          ],
        },
      },
      {
        transform: [{ calculate: chart.totalLabel, as: "totalLabel" }],
        mark: { type: "text", dy: -8, fontSize: 11, color: LABEL_COLOUR },
        encoding: {
          y: { field: chart.totalField, type: "quantitative" },
          text: { field: "totalLabel", type: "nominal" },
        },
      },
    ],
    config: reportConfig(),
  };
}

/** Fig. 13: total benefit in GBP per scenario, producers and consumers stacked. */
export function fig13Spec(rows: readonly ScenarioTotalRow[]): TopLevelSpec {
  return stackedTotalsSpec(rows, {
    title: "Fig. 13 — Total benefit to the agents in each trading scenario",
    subtitle: "Benefit over the main-grid prices, summed over the run; label = total",
    yTitle: "Total benefit (GBP)",
    legendTitle: "Benefit to",
    parts: [
      { field: "producerBenefitGbp", label: "Producers", colour: PRODUCER_COLOUR },
      { field: "consumerBenefitGbp", label: "Consumers", colour: CONSUMER_COLOUR },
    ],
    totalField: "totalBenefitGbp",
    totalLabel: "'£' + format(datum.totalBenefitGbp, ',.2f')",
    partFormat: ",.2f",
  });
}

/** Fig. 14: energy traded with the main grid per scenario, import and export stacked. */
export function fig14Spec(rows: readonly ScenarioTotalRow[]): TopLevelSpec {
  return stackedTotalsSpec(rows, {
    title: "Fig. 14 — Energy traded with the main grid in each trading scenario",
    subtitle: "Microgrids outside a scenario trade with the main grid alone and are included; label = total",
    yTitle: "Energy traded with the main grid (kWh)",
    legendTitle: "Main grid",
    parts: [
      { field: "mainGridImportKwh", label: "Import", colour: IMPORT_COLOUR },
      { field: "mainGridExportKwh", label: "Export", colour: EXPORT_COLOUR },
    ],
    totalField: "mainGridKwh",
    totalLabel: "format(datum.mainGridKwh, ',.0f') + ' kWh'",
    partFormat: ",.1f",
  });
}

/** Table I as a text grid: metrics down, ours and the paper's values for every ledger across. */
export function table1Spec(rows: readonly Table1Row[]): TopLevelSpec {
  const values = table1Values(rows);
  const columnLabels = table1Columns(rows).map((c) => c.label);
  return {
    $schema: SCHEMA_URL,
    title: {
      text: "Table I — IOTA vs Ethereum: our models next to the paper",
      subtitle: "Values as reported; notes in the HTML report",
    },
    width: CHART_WIDTH,
    height: { step: 34 },
    data: { values },
    encoding: {
      x: {
        field: "column",
        type: "nominal",
        sort: columnLabels,
        title: null,
        axis: {
          orient: "top",
          labelAngle: 0,
          domain: false,
          ticks: false,
          labelFontWeight: "bold",
          labelPadding: 8,
        },
      },
      y: {
        field: "metric",
        type: "nominal",
        sort: orderedUnique(values.map((r) => r.metric)),
        title: null,
        axis: { domain: false, ticks: false, labelLimit: 260, labelPadding: 8 },
      },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 2 },
        encoding: {
          color: {
            field: "source",
            type: "nominal",
            scale: { domain: ["ours", "paper"], range: ["#e8f1f8", "#f2f2f2"] },
            legend: null,
          },
        },
      },
      {
        mark: { type: "text", fontSize: 12, color: LABEL_COLOUR, limit: 150 },
        encoding: { text: { field: "value", type: "nominal" } },
      },
    ],
    config: { ...reportConfig(), view: { stroke: null } },
  };
}

function orderedUnique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

const LEDGER_COLOUR = {
  field: "ledger",
  type: "nominal" as const,
  title: "Ledger",
  scale: { domain: ["iota", "ethereum"], range: [IOTA_COLOUR, ETHEREUM_COLOUR] },
  legend: {
    labelExpr: "datum.value === 'iota' ? 'IOTA' : datum.value === 'ethereum' ? 'Ethereum' : datum.value",
  },
};

function participantsAxis(participants: readonly number[]) {
  const ticks = [...new Set(participants.filter((p) => p > 0))].sort((a, b) => a - b);
  return {
    field: "participants",
    type: "quantitative" as const,
    title: "Participants (agents, log scale)",
    scale: { type: "log" as const, nice: false, padding: 12 },
    axis: { values: ticks, format: "~g", grid: false },
  };
}

/** Whole decades spanning the positive values, for a log axis without crowded minor gridlines. */
function decades(values: readonly number[]): number[] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [1, 10];
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.ceil(Math.log10(Math.max(...positive)));
  const out: number[] = [];
  for (let e = lo; e <= Math.max(hi, lo + 1); e++) out.push(Number(`1e${e}`));
  return out;
}

const SMALL_NUMBER_LABEL = "datum.value >= 0.01 ? format(datum.value, '~g') : format(datum.value, '.0e')";

/** Time per transaction and cost per bid against the number of participants, both ledgers. */
export function scalabilitySpec(rows: readonly ScalabilityRow[]): TopLevelSpec {
  const values = scalabilityValues(rows);
  const participants = values.map((r) => r.participants);
  const costTicks = decades(values.map((r) => r.costPerBidUsd));
  return {
    $schema: SCHEMA_URL,
    title: {
      text: "Scalability — time per transaction and cost per bid",
      subtitle: "Solid = mean, dashed = 95th percentile; cost on a log scale",
    },
    data: { values },
    transform: [{ filter: "datum.participants > 0" }],
    hconcat: [
      {
        title: "Time per transaction",
        width: PANEL_WIDTH,
        height: PANEL_HEIGHT,
        transform: [
          { fold: ["txLatencyMeanS", "txLatencyP95S"], as: ["statistic", "seconds"] },
          {
            calculate: "datum.statistic === 'txLatencyMeanS' ? 'mean' : '95th percentile'",
            as: "statisticLabel",
          },
        ],
        encoding: {
          x: participantsAxis(participants),
          y: { field: "seconds", type: "quantitative", title: "Time per transaction (s)" },
          color: LEDGER_COLOUR,
          tooltip: [
            { field: "ledger", type: "nominal", title: "Ledger" },
            { field: "participants", type: "quantitative", title: "Participants" },
            { field: "statisticLabel", type: "nominal", title: "Statistic" },
            { field: "seconds", type: "quantitative", title: "Seconds", format: ".2f" },
          ],
        },
        // Lines and points in separate layers: a filled point mark would blank the dash legend.
        layer: [
          {
            mark: { type: "line", strokeWidth: 2 },
            encoding: {
              strokeDash: {
                field: "statisticLabel",
                type: "nominal",
                title: "Statistic",
                scale: {
                  domain: ["mean", "95th percentile"],
                  range: [
                    [1, 0],
                    [6, 4],
                  ],
                },
                legend: {
                  symbolType: "stroke",
                  symbolStrokeColor: "#333333",
                  symbolStrokeWidth: 2,
                  symbolSize: 400,
                },
              },
            },
          },
          { mark: { type: "point", filled: true, size: 30, opacity: 1 } },
        ],
      },
      {
        title: "Cost per bid",
        width: PANEL_WIDTH,
        height: PANEL_HEIGHT,
        transform: [{ filter: "datum.costPerBidUsd > 0" }],
        mark: { type: "line", point: true, strokeWidth: 2 },
        encoding: {
          x: participantsAxis(participants),
          y: {
            field: "costPerBidUsd",
            type: "quantitative",
            title: "Cost per bid (USD, log scale)",
            scale: {
              type: "log",
              domain: [costTicks[0] ?? 1, costTicks[costTicks.length - 1] ?? 10],
              nice: false,
            },
            axis: { values: costTicks, labelExpr: SMALL_NUMBER_LABEL },
          },
          color: LEDGER_COLOUR,
          tooltip: [
            { field: "ledger", type: "nominal", title: "Ledger" },
            { field: "participants", type: "quantitative", title: "Participants" },
            { field: "costPerBidUsd", type: "quantitative", title: "USD per bid", format: ".3~g" },
          ],
        },
      },
    ],
    resolve: { scale: { color: "shared" }, legend: { color: "shared" } },
    config: reportConfig(),
  };
}

/**
 * Where each optional chart's data comes from, said on the page in its place when this folder has
 * none: a study the command that wrote the folder did not run, instead of an empty chart.
 */
export const NOT_RUN: Readonly<Partial<Record<ChartName, string>>> = {
  table1: "the run has no ledger model, only instant confirmation; add iota or ethereum to ledgers",
  scalability: "p2psim reproduce runs it",
};

/** The charts `input` has no data for (left out of the report, marked "not run" on the page). */
export function chartsNotRun(input: ReportInput): ChartName[] {
  const out: ChartName[] = [];
  if (input.table1.every((r) => r.cells.length === 0)) out.push("table1");
  if (input.scalability.length === 0) out.push("scalability");
  return out;
}

/** Every chart of the report, keyed by its file name. */
export function buildSpecs(input: ReportInput): Record<ChartName, TopLevelSpec> {
  return {
    fig09: fig09Spec(input.netProduction),
    fig11: fig11Spec(input.benefits),
    fig12: fig12Spec(input.benefits),
    fig13: fig13Spec(input.totals),
    fig14: fig14Spec(input.totals),
    table1: table1Spec(input.table1),
    scalability: scalabilitySpec(input.scalability),
  };
}

/** Canonical JSON of a spec: two-space indent and a final newline, as written to .vl.json. */
export function specJson(spec: TopLevelSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}
