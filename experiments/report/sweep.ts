// The report of a sweep: one chart of each headline figure against the varied parameter (means
// with 95 % interval bars over seeds) and a static page with the table of every group. Pure but for
// writeSweepReport: the same summary gives the same bytes.
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { writeFileAtomic } from "../io/atomic.js";
import { FIGURES, type Figure } from "../run/headline.js";
import type { Interval } from "../run/interval.js";
import { readSweepSummary, type SweepGroup, type SweepSummary } from "../sweep/summary.js";
import { escapeHtml } from "./html.js";
import { staticPage } from "./static-page.js";
import { renderPng, renderSvg } from "./render.js";
import { specJson } from "./specs.js";
import { CHART_WIDTH, PANEL_HEIGHT, reportConfig, SCHEMA_URL } from "./theme.js";

export const SWEEP_CHART = "sweep";

const FIGURE_TITLES: Record<Figure, string> = {
  producerBenefitPctGrid: "Producer benefit % (grid)",
  consumerBenefitPctGrid: "Consumer benefit % (grid)",
  mainGridReductionAllVsGridPct: "% less main-grid energy, all vs grid",
};

const num = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

/** The parameter on the x axis: the first non-seed varied field (or none: one point per group). */
function xField(summary: SweepSummary): string | undefined {
  return summary.parameters[0];
}

/** The other non-seed parameters of a group, as one label ("" when there are none). */
function seriesLabel(summary: SweepSummary, group: SweepGroup): string {
  return summary.parameters
    .slice(1)
    .map((p) => `${p}=${String(group.params[p])}`)
    .join(", ");
}

function xValue(summary: SweepSummary, group: SweepGroup, index: number): number | string {
  const field = xField(summary);
  if (field === undefined) return group.cells.length === 1 ? group.cells[0]! : `group ${index + 1}`;
  const value = group.params[field]!;
  return typeof value === "number" ? value : String(value);
}

/** Long rows: one per (group, figure) with a finite mean. */
function chartRows(summary: SweepSummary) {
  return summary.groups.flatMap((group, index) =>
    FIGURES.flatMap((figure) => {
      const iv = group.figures[figure];
      if (!Number.isFinite(iv.mean)) return [];
      return [
        {
          figure: FIGURE_TITLES[figure],
          x: xValue(summary, group, index),
          series: seriesLabel(summary, group),
          mean: iv.mean,
          lo: iv.lo,
          hi: iv.hi,
          n: iv.n,
        },
      ];
    }),
  );
}

/** The headline figures against the varied parameter, one panel each, with 95 % interval bars. */
export function sweepSpec(summary: SweepSummary): TopLevelSpec {
  const field = xField(summary);
  const values = chartRows(summary);
  const numeric = values.length > 0 && values.every((v) => typeof v.x === "number");
  const x = {
    field: "x",
    type: numeric ? ("quantitative" as const) : ("nominal" as const),
    title: field ?? "group",
    ...(numeric ? { scale: { zero: false, padding: 24 } } : { sort: null, axis: { labelAngle: 0 } }),
  };
  const series = summary.parameters.length > 1;
  const color = series
    ? { color: { field: "series", type: "nominal" as const, title: summary.parameters.slice(1).join(", ") } }
    : {};
  return {
    $schema: SCHEMA_URL,
    title: {
      text: `Sweep ${summary.name}`,
      subtitle: "Means over seeds with 95 % intervals (Student t)",
    },
    config: reportConfig(),
    data: { values },
    facet: {
      row: { field: "figure", type: "nominal", title: null, sort: FIGURES.map((f) => FIGURE_TITLES[f]) },
    },
    spec: {
      width: CHART_WIDTH,
      height: Math.round(PANEL_HEIGHT * 0.75),
      layer: [
        {
          mark: { type: "rule", strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: "lo", type: "quantitative", title: null, scale: { zero: false } },
            y2: { field: "hi" },
            ...color,
          },
        },
        {
          mark: numeric
            ? { type: "line", point: { filled: true, size: 60 } }
            : { type: "point", filled: true, size: 60 },
          encoding: {
            x,
            y: { field: "mean", type: "quantitative", title: null },
            ...color,
            tooltip: [
              { field: "x", title: field ?? "group" },
              { field: "mean", type: "quantitative", format: ".3~f" },
              { field: "lo", type: "quantitative", format: ".3~f" },
              { field: "hi", type: "quantitative", format: ".3~f" },
              { field: "n", type: "quantitative", title: "seeds" },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: "independent" } },
  } as TopLevelSpec;
}

function cell(iv: Interval | undefined, d = 2): string {
  if (iv === undefined || !Number.isFinite(iv.mean)) return `<td class="num">n/a</td>`;
  const bounds = iv.n > 1 ? ` <span class="muted">[${num(iv.lo, d)}, ${num(iv.hi, d)}]</span>` : "";
  return `<td class="num">${num(iv.mean, d)}${bounds}</td>`;
}

/** Scenario ids over all groups, in first-seen order. */
function scenarios(summary: SweepSummary): string[] {
  const ids: string[] = [];
  for (const g of summary.groups)
    for (const id of Object.keys(g.mainGridKwh)) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/** The table of every group: parameters, seeds, headline figures, main grid and total benefit. */
export function sweepTableHtml(summary: SweepSummary): string {
  const ids = scenarios(summary);
  const th = (text: string) => `<th scope="col">${escapeHtml(text)}</th>`;
  const head = [
    ...summary.parameters.map(th),
    th("seeds"),
    th("ledger"),
    ...FIGURES.map((f) => th(FIGURE_TITLES[f])),
    ...ids.map((id) => th(`main grid kWh (${id})`)),
    ...ids.map((id) => th(`total benefit GBP (${id})`)),
  ];
  const body = summary.groups.map((g) => {
    const cells = [
      ...summary.parameters.map((p) => `<td>${escapeHtml(String(g.params[p]))}</td>`),
      `<td class="num">${g.seeds.length}</td>`,
      `<td>${escapeHtml(g.ledger)}</td>`,
      ...FIGURES.map((f) => cell(g.figures[f])),
      ...ids.map((id) => cell(g.mainGridKwh[id], 1)),
      ...ids.map((id) => cell(g.totalBenefitGbp[id])),
    ];
    return `<tr>${cells.join("")}</tr>`;
  });
  return `<div class="scroll"><table class="sweep">
<thead><tr>${head.join("")}</tr></thead>
<tbody>
${body.join("\n")}
</tbody>
</table></div>`;
}

/** A static page of the sweep (no script: it opens offline with nothing to run). */
export function sweepPageHtml(summary: SweepSummary, svg: string): string {
  const varied = summary.varied.map((v) => `<code>${escapeHtml(v)}</code>`).join(", ");
  return staticPage(
    `p2p-energy-sim: sweep ${summary.name}`,
    `<h1>Sweep ${escapeHtml(summary.name)}</h1>
<p class="lede">Varied: ${varied}. ${summary.groups.length} group${summary.groups.length === 1 ? "" : "s"} of the non-seed parameters; values are means over seeds with 95 % intervals (Student t) in brackets, from each cell's <code>summary.json</code>. Benefits per Wh under the ${escapeHtml(summary.benefitReading)} reading. Written by <code>p2psim report</code>; the data are in <code>summary.json</code>, the chart in <code>${SWEEP_CHART}.svg</code>, <code>${SWEEP_CHART}.png</code> and <code>${SWEEP_CHART}.vl.json</code>.</p>
${sweepTableHtml(summary)}
<figure class="inline-chart">${svg}</figure>`,
  );
}

/** Writes the chart (spec, SVG, PNG) and report.html of the sweep in `dir`; returns the files. */
export async function writeSweepReport(dir: string, summary = readSweepSummary(dir)): Promise<string[]> {
  const spec = sweepSpec(summary);
  const svg = await renderSvg(spec);
  const files: [string, string | Uint8Array][] = [
    [`${SWEEP_CHART}.vl.json`, specJson(spec)],
    [`${SWEEP_CHART}.svg`, svg],
    [`${SWEEP_CHART}.png`, renderPng(svg)],
    ["report.html", sweepPageHtml(summary, svg)],
  ];
  for (const [name, data] of files) writeFileAtomic(join(dir, name), data);
  return files.map(([name]) => name);
}
