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
  PAPER_COLOUR,
  PANEL_WIDTH,
  PRODUCER_COLOUR,
  SCHEMA_URL,
  ZERO_RULE_COLOUR,
  reportConfig,
} from "./theme.js";
import type {
  BenefitRow,
  NetProductionRow,
  PaperMark,
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
  figure: "fig11" | "fig12";
  field: "producerPct" | "consumerPct";
  title: string;
  subtitle: string;
  yTitle: string;
}

/**
 * The paper's marks of one figure that stand on a scenario present in `scenarios`, resolved to
 * values in the figure's unit (relative marks against our bar of `relativeTo`).
 */
function paperMarkValues(
  marks: readonly PaperMark[],
  figure: PaperMark["figure"],
  scenarios: readonly string[],
  ours: (scenario: string) => number | undefined,
): { scenario: string; value: number; label: string }[] {
  const out: { scenario: string; value: number; label: string }[] = [];
  for (const m of marks) {
    if (m.figure !== figure || !scenarios.includes(m.scenario)) continue;
    const base = m.relativeTo === undefined ? undefined : ours(m.relativeTo);
    const value =
      m.relativeTo === undefined ? m.value : base === undefined ? NaN : base * (1 + m.value / 100);
    if (Number.isFinite(value)) out.push({ scenario: m.scenario, value, label: m.label });
  }
  return out;
}

/**
 * A layer of black ticks across the scenario's band at the paper's values, with its own legend
 * ("Paper"); the figure's layers resolve colour independently so both legends show.
 */
function paperLayer(
  values: readonly { scenario: string; value: number; label: string }[],
  yTitle: string,
  format: string,
) {
  const labels = orderedUnique(values.map((v) => v.label));
  return {
    data: { values: values.map((v) => ({ ...v })) },
    mark: { type: "tick" as const, thickness: 3, bandSize: 0.9 },
    encoding: {
      y: { field: "value", type: "quantitative" as const, title: yTitle },
      color: {
        field: "label",
        type: "nominal" as const,
        title: "Paper",
        scale: { domain: labels, range: labels.map(() => PAPER_COLOUR) },
        legend: {
          symbolType: "stroke",
          symbolStrokeColor: PAPER_COLOUR,
          symbolStrokeWidth: 3,
          labelLimit: 0,
        },
      },
      tooltip: [
        { field: "label", type: "nominal" as const, title: "Paper" },
        { field: "value", type: "quantitative" as const, title: yTitle, format },
      ],
    },
  };
}

function benefitSpec(
  rows: readonly BenefitRow[],
  chart: BenefitChart,
  marks: readonly PaperMark[],
): TopLevelSpec {
  const values = benefitValues(rows);
  const microgrids = orderNames(values.map((r) => r.microgrid));
  const scenarios = orderScenarios(values.map((r) => r.scenario));
  const paper = paperMarkValues(marks, chart.figure, scenarios, () => undefined);
  const xOffset = { field: "microgrid", type: "nominal" as const, sort: microgrids };
  const y = { field: chart.field, type: "quantitative" as const, title: chart.yTitle };
  return {
    $schema: SCHEMA_URL,
    title: { text: chart.title, subtitle: chart.subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    encoding: { x: scenarioAxis(values.map((r) => r.scenario)) },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          xOffset,
          y,
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
        encoding: { xOffset, y, text: { field: chart.field, type: "quantitative", format: ".1f" } },
      },
      ...(paper.length > 0 ? [paperLayer(paper, chart.yTitle, ".2f")] : []),
    ],
    ...(paper.length > 0 ? { resolve: { scale: { color: "independent" as const } } } : {}),
    config: reportConfig(),
  };
}

/** Fig. 11: average producer benefit per Wh traded, grouped by scenario and microgrid. */
export function fig11Spec(rows: readonly BenefitRow[], paper: readonly PaperMark[] = []): TopLevelSpec {
  return benefitSpec(
    rows,
    {
      figure: "fig11",
      field: "producerPct",
      title: "Fig. 11 — Average producer benefit per Wh traded",
      subtitle: "Price received over the export price Pgs; only microgrids taking part in a scenario appear",
      yTitle: "Producer benefit over Pgs (%)",
    },
    paper,
  );
}

/** Fig. 12: average consumer benefit per Wh traded, grouped by scenario and microgrid. */
export function fig12Spec(rows: readonly BenefitRow[], paper: readonly PaperMark[] = []): TopLevelSpec {
  return benefitSpec(
    rows,
    {
      figure: "fig12",
      field: "consumerPct",
      title: "Fig. 12 — Average consumer benefit per Wh traded",
      subtitle: "Price paid under the import price Pgb; only microgrids taking part in a scenario appear",
      yTitle: "Consumer benefit under Pgb (%)",
    },
    paper,
  );
}

interface StackPart {
  field: keyof ScenarioTotalRow;
  label: string;
  colour: string;
}

interface StackedChart {
  figure: "fig13" | "fig14";
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

function stackedTotalsSpec(
  rows: readonly ScenarioTotalRow[],
  chart: StackedChart,
  marks: readonly PaperMark[],
): TopLevelSpec {
  const values = totalValues(rows);
  const [first, second] = chart.parts;
  const ours = (scenario: string): number | undefined => {
    const total = values.find((r) => r.scenario === scenario)?.[chart.totalField];
    return typeof total === "number" ? total : undefined;
  };
  const paper = paperMarkValues(marks, chart.figure, orderScenarios(values.map((r) => r.scenario)), ours);
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
      ...(paper.length > 0 ? [paperLayer(paper, chart.yTitle, chart.partFormat)] : []),
    ],
    ...(paper.length > 0 ? { resolve: { scale: { color: "independent" as const } } } : {}),
    config: reportConfig(),
  };
}

/** Fig. 13: total benefit in GBP per scenario, producers and consumers stacked. */
export function fig13Spec(rows: readonly ScenarioTotalRow[], paper: readonly PaperMark[] = []): TopLevelSpec {
  return stackedTotalsSpec(
    rows,
    {
      figure: "fig13",
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
    },
    paper,
  );
}

/** Fig. 14: energy traded with the main grid per scenario, import and export stacked. */
export function fig14Spec(rows: readonly ScenarioTotalRow[], paper: readonly PaperMark[] = []): TopLevelSpec {
  return stackedTotalsSpec(
    rows,
    {
      figure: "fig14",
      title: "Fig. 14 — Energy traded with the main grid in each trading scenario",
      subtitle:
        "Microgrids outside a scenario trade with the main grid alone and are included; label = total",
      yTitle: "Energy traded with the main grid (kWh)",
      legendTitle: "Main grid",
      parts: [
        { field: "mainGridImportKwh", label: "Import", colour: IMPORT_COLOUR },
        { field: "mainGridExportKwh", label: "Export", colour: EXPORT_COLOUR },
      ],
      totalField: "mainGridKwh",
      totalLabel: "format(datum.mainGridKwh, ',.0f') + ' kWh'",
      partFormat: ",.1f",
    },
    paper,
  );
}

/** Characters per line of a Table I cell (12 px text in a cell of TABLE1_CELL_WIDTH px). */
const TABLE1_LINE_CHARS = 24;
const TABLE1_CELL_WIDTH = 190;
const TABLE1_LINE_HEIGHT = 15;

/**
 * Words of `text` in lines of at most `width` characters (a longer word gets a line of its own),
 * so the chart draws every character instead of truncating: Vega draws an array as lines.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/** Table I as a text grid: metrics down, ours and the paper's values for every ledger across. */
export function table1Spec(all: readonly Table1Row[]): TopLevelSpec {
  const rows = all.filter((r) => r.sources !== true);
  // Cell text wrapped into lines and drawn from the top of its row, so no cell is cut short.
  const values = table1Values(rows).map((v) => ({ ...v, lines: wrapWords(v.value, TABLE1_LINE_CHARS) }));
  const columnLabels = table1Columns(rows).map((c) => c.label);
  const maxLines = Math.max(1, ...values.map((v) => v.lines.length));
  return {
    $schema: SCHEMA_URL,
    title: {
      text: "Table I then and now: our ledger models next to the paper",
      subtitle: "Values as reported; sources and notes in the HTML report",
    },
    width: Math.max(CHART_WIDTH, TABLE1_CELL_WIDTH * columnLabels.length),
    height: { step: TABLE1_LINE_HEIGHT * maxLines + 18 },
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
          labelLimit: 0,
        },
      },
      y: {
        field: "metric",
        type: "nominal",
        sort: orderedUnique(values.map((r) => r.metric)),
        title: null,
        axis: { domain: false, ticks: false, labelLimit: 0, labelPadding: 8 },
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
        mark: {
          type: "text",
          fontSize: 12,
          color: LABEL_COLOUR,
          limit: 0,
          lineHeight: TABLE1_LINE_HEIGHT,
          baseline: "top",
          dy: 8,
        },
        encoding: {
          y: { field: "metric", type: "nominal", bandPosition: 0 },
          text: { field: "lines" },
          tooltip: [
            { field: "metric", type: "nominal", title: "Metric" },
            { field: "column", type: "nominal", title: "Column" },
            { field: "value", type: "nominal", title: "Value" },
          ],
        },
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

/** A log-scale domain padded to the 1-2-5 steps around the values (never an empty or zero-width one). */
function logDomain(values: readonly number[]): { domain: [number, number]; nice: false } {
  const steps = (e: number) => [1, 2, 5].map((m) => m * 10 ** e);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.floor(Math.log10(hi));
  const below = [...steps(e0 - 1), ...steps(e0)].filter((v) => v <= lo);
  const above = [...steps(e1), ...steps(e1 + 1)].filter((v) => v >= hi);
  const min = below[below.length - 1] ?? 10 ** e0;
  const max = above[0] ?? 10 ** (e1 + 1);
  return { domain: [min, max > min ? max : min * 10], nice: false };
}

const SMALL_NUMBER_LABEL = "datum.value >= 0.01 ? format(datum.value, '~g') : format(datum.value, '.0e')";

/** Time per transaction and cost per bid against the number of participants, both ledgers. */
export function scalabilitySpec(rows: readonly ScalabilityRow[]): TopLevelSpec {
  const values = scalabilityValues(rows);
  const participants = values.map((r) => r.participants);
  const costTicks = decades(values.map((r) => r.costPerBidUsd));
  const latencies = values.flatMap((r) => [r.txLatencyMeanS, r.txLatencyP95S]).filter((v) => v > 0);
  return {
    $schema: SCHEMA_URL,
    title: {
      text: "Scalability — time per transaction and cost per bid",
      subtitle: "Solid = mean, dashed = 95th percentile; both axes on log scales",
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
          { filter: "datum.seconds > 0" },
          {
            calculate: "datum.statistic === 'txLatencyMeanS' ? 'mean' : '95th percentile'",
            as: "statisticLabel",
          },
        ],
        encoding: {
          x: participantsAxis(participants),
          y: {
            field: "seconds",
            type: "quantitative",
            title: "Time per transaction (s, log scale)",
            scale: { type: "log", ...(latencies.length > 0 ? logDomain(latencies) : {}) },
            axis: { format: "~g" },
          },
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
    fig11: fig11Spec(input.benefits, input.paper ?? []),
    fig12: fig12Spec(input.benefits, input.paper ?? []),
    fig13: fig13Spec(input.totals, input.paper ?? []),
    fig14: fig14Spec(input.totals, input.paper ?? []),
    table1: table1Spec(input.table1),
    scalability: scalabilitySpec(input.scalability),
  };
}

/** Canonical JSON of a spec: two-space indent and a final newline, as written to .vl.json. */
export function specJson(spec: TopLevelSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}
