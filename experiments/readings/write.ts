// Writes a readings map: readings.arrow (every run under every post-hoc averaging and basis),
// readings.json (the ranking with seed intervals), the chart (Vega-Lite spec, SVG, PNG) and a page
// section. Formats live here, at the edge; map.ts is pure data.
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { jsonText, sha256, writeFileAtomic } from "../io/atomic.js";
import { dictOf, schemaColumns, writeTableFiles } from "../io/arrow.js";
import { escapeHtml, renderPng, renderSvg, specJson } from "../report/index.js";
import { staticPage } from "../report/static-page.js";
import { reportConfig, SCHEMA_URL } from "../report/theme.js";
import { FIGURES, type Figure } from "../run/headline.js";
import { paperValue } from "../run/replicate.js";
import { DATA, DIMENSIONS } from "./dimensions.js";
import { closestFor, type RankedReading, type ReadingsMap } from "./map.js";
import { READINGS } from "./schema.js";

const FIGURE_NAMES: Record<Figure, string> = {
  producerBenefitPctGrid: "producer benefit % (grid)",
  consumerBenefitPctGrid: "consumer benefit % (grid)",
  mainGridReductionAllVsGridPct: "% less main-grid energy, all vs grid",
};

export function figureName(figure: Figure): string {
  return FIGURE_NAMES[figure];
}

function readingsColumns(map: ReadingsMap) {
  const rows = map.rows;
  const col = (name: string) => dictOf(rows.map((r) => r.reading[name] ?? ""));
  return schemaColumns(READINGS, {
    reading: dictOf(
      rows.map((r) =>
        [r.reading[DATA], ...DIMENSIONS.map((d) => r.reading[d.name]), r.averaging, r.basis].join("|"),
      ),
    ),
    data: col(DATA),
    shift: col("shift"),
    limits: col("limits"),
    level2: col("level2"),
    equations: col("equations"),
    learning: col("learning"),
    fallback: col("fallback"),
    averaging: dictOf(rows.map((r) => r.averaging)),
    basis: dictOf(rows.map((r) => r.basis)),
    seed: Int32Array.from(rows, (r) => r.seed),
    producer_benefit_pct: Float64Array.from(rows, (r) => r.producerBenefitPctGrid),
    consumer_benefit_pct: Float64Array.from(rows, (r) => r.consumerBenefitPctGrid),
    main_grid_reduction_pct: Float64Array.from(rows, (r) => r.mainGridReductionAllVsGridPct),
  });
}

/** The ranking as JSON: the closest readings overall and per figure. */
export function readingsSummary(map: ReadingsMap, top = 20) {
  return {
    dimensions: [
      {
        name: DATA,
        question: "which week of data",
        values: [...new Set(map.rows.map((r) => r.reading[DATA]))],
      },
      ...DIMENSIONS.map((d) => ({ name: d.name, question: d.question, values: d.values.map((v) => v.id) })),
      {
        name: "averaging",
        question: "how benefit per Wh is averaged (post hoc)",
        values: [...new Set(map.rows.map((r) => r.averaging))],
      },
      {
        name: "basis",
        question: "which energy benefit averages over (post hoc)",
        values: [...new Set(map.rows.map((r) => r.basis))],
      },
    ],
    seeds: map.seeds,
    runs: map.runs,
    readings: map.ranked.length,
    paper: Object.fromEntries(FIGURES.map((f) => [f, paperValue(f)])),
    distance: "root mean square of the three relative errors of the seed means",
    closest: map.ranked.slice(0, top),
    closestByFigure: FIGURES.map((figure) => ({ figure, reading: closestFor(map, figure) })),
  };
}

/** Readings' means: producer benefit (log axis) against the main-grid reduction, the paper marked. */
export function readingsSpec(map: ReadingsMap): TopLevelSpec {
  const values = map.ranked
    .filter(
      (r) =>
        r.figures.producerBenefitPctGrid.mean > 0 &&
        Number.isFinite(r.figures.mainGridReductionAllVsGridPct.mean),
    )
    .map((r) => ({
      reading: r.id,
      data: r.reading[DATA],
      averaging: r.reading.averaging,
      producer: r.figures.producerBenefitPctGrid.mean,
      consumer: r.figures.consumerBenefitPctGrid.mean,
      mainGrid: r.figures.mainGridReductionAllVsGridPct.mean,
      distance: r.distance,
    }));
  const paper = {
    producer: paperValue("producerBenefitPctGrid"),
    mainGrid: paperValue("mainGridReductionAllVsGridPct"),
  };
  return {
    $schema: SCHEMA_URL,
    title: {
      text: "The readings map",
      subtitle: `${map.ranked.length} readings x ${map.seeds.length} seeds (means); the cross is the paper`,
    },
    width: "container",
    height: 360,
    config: reportConfig(),
    layer: [
      {
        data: { values },
        mark: { type: "point", filled: true, opacity: 0.55, size: 36 },
        encoding: {
          x: {
            field: "producer",
            type: "quantitative",
            scale: { type: "log" },
            title: "Producer benefit % (grid, log)",
          },
          y: { field: "mainGrid", type: "quantitative", title: "% less main-grid energy, all vs grid" },
          color: { field: "averaging", type: "nominal", title: "Averaging" },
          shape: { field: "data", type: "nominal", title: "Data" },
          tooltip: [
            { field: "reading", type: "nominal" },
            { field: "producer", type: "quantitative", format: ".1f" },
            { field: "consumer", type: "quantitative", format: ".2f" },
            { field: "mainGrid", type: "quantitative", format: ".1f" },
            { field: "distance", type: "quantitative", format: ".3f" },
          ],
        },
      },
      {
        data: { values: [paper] },
        mark: { type: "point", shape: "cross", size: 300, filled: true, color: "#000000" },
        encoding: {
          x: { field: "producer", type: "quantitative" },
          y: { field: "mainGrid", type: "quantitative" },
        },
      },
    ],
  };
}

const num = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

function readingCells(r: RankedReading, dims: readonly string[]): string {
  return dims.map((d) => `<td>${escapeHtml(r.reading[d] ?? "")}</td>`).join("");
}

function figureCell(r: RankedReading, f: Figure): string {
  const iv = r.figures[f];
  return `<td class="num">${num(iv.mean)} <span class="muted">[${num(iv.lo)}, ${num(iv.hi)}]</span></td>`;
}

/** An HTML section: the closest readings, the closest per figure, and the chart (inline SVG). */
export function readingsSectionHtml(map: ReadingsMap, svg: string, top = 10): string {
  const dims = map.dimensions;
  const head = `<tr><th scope="col">#</th>${dims.map((d) => `<th scope="col">${escapeHtml(d)}</th>`).join("")}${FIGURES.map((f) => `<th scope="col">${escapeHtml(figureName(f))}</th>`).join("")}<th scope="col">distance</th></tr>`;
  const paperRow = `<tr class="paper"><td></td>${dims.map(() => "<td></td>").join("")}${FIGURES.map((f) => `<td class="num">paper: ${paperValue(f)}</td>`).join("")}<td></td></tr>`;
  const body = map.ranked
    .slice(0, top)
    .map(
      (r) =>
        `<tr><td class="num">${r.rank}</td>${readingCells(r, dims)}${FIGURES.map((f) => figureCell(r, f)).join("")}<td class="num">${num(r.distance, 3)}</td></tr>`,
    );
  const byFigure = FIGURES.map((f) => {
    const r = closestFor(map, f);
    return `<li>${escapeHtml(figureName(f))} (paper ${paperValue(f)}): closest ${escapeHtml(r?.id ?? "none")} with ${num(r?.figures[f].mean ?? NaN)}.</li>`;
  });
  return `<p>${map.ranked.length} readings (${map.runs} runs, seeds ${map.seeds.join(", ")}), ranked by the root mean square of the relative errors of their seed means against the paper's three numbers. Values are means with 95 % intervals over seeds.</p>
<div class="scroll"><table class="readings">
<thead>${head}</thead>
<tbody>
${paperRow}
${body.join("\n")}
</tbody>
</table></div>
<p>Closest to each number alone:</p>
<ul>
${byFigure.join("\n")}
</ul>
<figure class="inline-chart">${svg}</figure>`;
}

/** Writes the map's files into `dir`; returns their names with SHA-256 hashes. */
export async function writeReadings(
  dir: string,
  map: ReadingsMap,
): Promise<{ files: Record<string, string>; svg: string }> {
  const files: Record<string, string> = {};
  Object.assign(files, writeTableFiles(join(dir, READINGS.file), [readingsColumns(map)]));
  const text = jsonText(readingsSummary(map));
  writeFileAtomic(join(dir, "readings.json"), text);
  files["readings.json"] = sha256(text);
  const spec = readingsSpec(map);
  // The static renderings need a fixed width ("container" is for the page).
  const svg = await renderSvg({ ...spec, width: 640 } as TopLevelSpec);
  const vl = specJson(spec);
  writeFileAtomic(join(dir, "readings.vl.json"), vl);
  files["readings.vl.json"] = sha256(vl);
  writeFileAtomic(join(dir, "readings.svg"), svg);
  files["readings.svg"] = sha256(svg);
  const png = renderPng(svg);
  writeFileAtomic(join(dir, "readings.png"), png);
  files["readings.png"] = sha256(png);
  return { files, svg };
}

/** A static page of the map (no script: it opens offline with nothing to run). */
export function readingsPageHtml(map: ReadingsMap, svg: string, command: string): string {
  return staticPage(
    "p2p-energy-sim: the readings map",
    `<h1>The readings map</h1>
<p class="lede">Every reading of Mullaney et al. (UCC 2022) that its text allows, ranked by distance to its three headline numbers. Written by <code>${escapeHtml(command)}</code>.</p>
${readingsSectionHtml(map, svg, 20)}`,
  );
}
