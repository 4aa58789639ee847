// The report as ONE offline HTML page: Vega and Vega-Lite inlined, specs with their data inlined,
// charts drawn live in the browser. A Content-Security-Policy forbids every network request, so a
// stray URL fails loudly (it is recorded as an error) instead of silently reaching the internet.
import type { TopLevelSpec } from "vega-lite";
import { reportBundles } from "./bundles.js";
import { ERROR_RECORDER_JS, RENDER_JS } from "./page-scripts.js";
import { PAGE_CSS } from "./page-style.js";
import { compareCodePoints } from "./order.js";
import { table1Cell, table1Columns, type Table1Column } from "./rows.js";
import { NOT_RUN, chartsNotRun, type ChartName } from "./specs.js";
import type { Claim, ReportInput, Table1Row } from "./types.js";

interface ChartMeta {
  heading: string;
  caption: string;
}

/** How each chart maps to the paper; charts not listed here are shown under their own name. */
export const CHART_META: Readonly<Record<string, ChartMeta>> = {
  fig09: {
    heading: "Fig. 9 — Net production and consumption of the microgrids",
    caption:
      "Paper Fig. 9: net energy (production − consumption) of each microgrid per trading period, first 24 h.",
  },
  fig11: {
    heading: "Fig. 11 — Producer benefit per Wh traded",
    caption:
      "Paper Fig. 11: average benefit to producers over the export price Pgs, by trading scenario. Black tick: the paper's 166.41 % for Grid, the average over the microgrids printed in its §V (its figures print no numbers, so no other value is drawn).",
  },
  fig12: {
    heading: "Fig. 12 — Consumer benefit per Wh traded",
    caption:
      "Paper Fig. 12: average benefit to consumers under the import price Pgb, by trading scenario. Black tick: the paper's 6.3 % for Grid, the average over the microgrids printed in its §V.",
  },
  fig13: {
    heading: "Fig. 13 — Total benefit by trading scenario",
    caption:
      "Paper Fig. 13: total benefit (GBP) to the agents directly involved, producers and consumers stacked. The paper prints no value of this figure, so no paper mark is drawn.",
  },
  fig14: {
    heading: "Fig. 14 — Energy traded with the main grid",
    caption:
      "Paper Fig. 14: energy exchanged with the main grid (kWh), import and export stacked. Black tick on All: 20.6 % less than our Grid bar, the reduction the paper prints in its §V (it prints no absolute value).",
  },
  table1: {
    heading: "Table I as a chart",
    caption: "Paper Table I: our figures next to the paper's (see the table above for notes).",
  },
  scalability: {
    heading: "Scalability with the number of participants",
    caption: "Paper §IV-A (prose): time per transaction and cost per bid as the network grows, both ledgers.",
  },
};

const CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'";

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON that cannot close its <script> element or open a comment in it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Inline JavaScript made safe inside <script>: `</script` only occurs in strings, regexes, comments. */
export function scriptSafe(code: string, label: string): string {
  if (code.includes("<!--")) throw new Error(`report: ${label} contains "<!--" and cannot be inlined safely`);
  return code.replace(/<\/script/gi, "<\\/script");
}

/** Shortest readable form of a headline number; locale-free so the page is byte-stable. */
export function formatHeadline(value: number | string): string {
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  if (Math.abs(value) >= 1e5) return value.toFixed(0);
  return String(Number(value.toPrecision(6)));
}

function chartOrder(specs: Record<string, TopLevelSpec>): string[] {
  const known = Object.keys(CHART_META).filter((name) => name in specs);
  const others = Object.keys(specs)
    .filter((name) => !(name in CHART_META))
    .sort(compareCodePoints);
  return [...known, ...others];
}

function withoutSchema(spec: TopLevelSpec): TopLevelSpec {
  const { $schema: _schema, ...rest } = spec;
  return rest as TopLevelSpec;
}

/** Charts the page keeps at their file width (a text grid), scrolling inside their own box. */
const FIXED_WIDTH_CHARTS: ReadonlySet<string> = new Set(["table1"]);

/**
 * The spec as the page draws it: a single or layered view with a fixed width takes the width of
 * its container (the SVG/PNG files keep the fixed width); concatenated views are arranged by the
 * page's render script for the screen they land on.
 */
export function pageSpec(name: string, spec: TopLevelSpec): TopLevelSpec {
  const page = withoutSchema(spec) as TopLevelSpec & { width?: unknown };
  if (FIXED_WIDTH_CHARTS.has(name) || typeof page.width !== "number") return page;
  return { ...page, width: "container", autosize: { type: "fit-x", contains: "padding" } } as TopLevelSpec;
}

function chartFigure(name: string): string {
  const meta = CHART_META[name] ?? { heading: name, caption: "" };
  return `<figure id="chart-${escapeHtml(name)}">
<div class="chart${FIXED_WIDTH_CHARTS.has(name) ? " fixed" : ""}" data-chart="${escapeHtml(name)}" role="img" aria-label="${escapeHtml(meta.heading)}"></div>
<figcaption>${escapeHtml(meta.caption)} Files: <code>${escapeHtml(name)}.svg</code>, <code>${escapeHtml(name)}.png</code>, <code>${escapeHtml(name)}.vl.json</code>.</figcaption>
</figure>`;
}

function headlineSection(headline: Record<string, number | string>): string {
  const items = Object.entries(headline).map(
    ([key, value]) => `<div><dt>${escapeHtml(key)}</dt><dd>${escapeHtml(formatHeadline(value))}</dd></div>`,
  );
  return `<dl class="headline">\n${items.join("\n")}\n</dl>`;
}

const ERA_LABELS: Readonly<Record<string, string>> = {
  "2022": "2022: the paper's time",
  today: "today",
};

/** Runs of adjacent columns of one era (none when no cell names an era). */
function eraGroups(
  rows: readonly Table1Row[],
  columns: readonly Table1Column[],
): { label: string; span: number }[] {
  const eraOf = new Map<string, string>();
  for (const r of rows) for (const c of r.cells) if (c.era !== undefined) eraOf.set(c.ledger, c.era);
  if (eraOf.size === 0) return [];
  const out: { era: string; label: string; span: number }[] = [];
  for (const c of columns) {
    const era = eraOf.get(c.ledger) ?? "";
    const last = out[out.length - 1];
    if (last !== undefined && last.era === era) last.span++;
    else out.push({ era, label: ERA_LABELS[era] ?? era, span: 1 });
  }
  return out;
}

function table1Section(rows: readonly Table1Row[]): string {
  const columns = table1Columns(rows);
  const groups: { ledger: string; span: number }[] = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.ledger === c.ledger) last.span++;
    else groups.push({ ledger: c.ledger, span: 1 });
  }
  const body = rows.map((r) => {
    const cells = columns.map((c) => `<td class="num">${escapeHtml(table1Cell(r, c))}</td>`);
    return `<tr><th scope="row">${escapeHtml(r.metric)}</th>${cells.join("")}<td>${escapeHtml(r.note ?? "")}</td></tr>`;
  });
  const top = groups.map((g) => `<th colspan="${g.span}" scope="colgroup">${escapeHtml(g.ledger)}</th>`);
  const sub = columns.map((c) => `<th scope="col">${c.source}</th>`);
  const eras = eraGroups(rows, columns).map(
    (e) => `<th colspan="${e.span}" scope="colgroup" class="era">${escapeHtml(e.label)}</th>`,
  );
  // With eras: a row of eras above the ledgers' row.
  const head = eras.length === 0 ? [top] : [eras, top];
  const span = head.length + 1;
  const [first, ...rest] = head;
  return `<div class="table-scroll"><table class="table1">
<thead>
<tr><th rowspan="${span}" scope="col">Metric</th>${first!.join("")}<th rowspan="${span}" scope="col">Note</th></tr>
${rest.map((r) => `<tr>${r.join("")}</tr>\n`).join("")}<tr>${sub.join("")}</tr>
</thead>
<tbody>
${body.join("\n")}
</tbody>
</table></div>`;
}

function claimCells(c: Claim): string {
  const seeds =
    c.seeds === undefined ? "" : ` <span class="muted">(${c.seeds.held} of ${c.seeds.of} seeds)</span>`;
  if (c.kind === "identity") {
    const cell = c.holds
      ? `<td class="holds identity">identity</td>`
      : `<td class="holds no">✗ identity failed (a bug)</td>`;
    return `${cell}<td>Holds by construction: ${escapeHtml(c.because ?? "")}.${seeds} Not a confirmation of the paper.</td>`;
  }
  const holds = c.holds ? `<td class="holds yes">✓ yes</td>` : `<td class="holds no">✗ no</td>`;
  return `${holds}<td>${escapeHtml(c.why ?? "")}${seeds}</td>`;
}

function claimsSection(claims: readonly Claim[]): string {
  const body = claims.map(
    (c) =>
      `<tr><td>${escapeHtml(c.id)}</td><td>${escapeHtml(c.claim)}</td><td>${c.kind}</td><td class="num">${escapeHtml(c.ours)}</td><td class="num">${escapeHtml(c.paper)}</td>${claimCells(c)}</tr>`,
  );
  const empirical = claims.filter((c) => c.kind === "empirical");
  const held = empirical.filter((c) => c.holds).length;
  const identities = claims.length - empirical.length;
  return `<p class="muted">${held} of ${empirical.length} empirical claims hold in this run; ${identities} claim${identities === 1 ? " is an identity" : "s are identities"} of the model under this reading (they hold by construction).</p>
<div class="table-scroll"><table class="claims">
<thead><tr><th scope="col">Id</th><th scope="col">Claim</th><th scope="col">Kind</th><th scope="col">Ours</th><th scope="col">Paper</th><th scope="col">Holds</th><th scope="col">Why</th></tr></thead>
<tbody>
${body.join("\n")}
</tbody>
</table></div>`;
}

function scriptTags(specs: Record<string, TopLevelSpec>, names: readonly string[]): string {
  const inlineSpecs: Record<string, TopLevelSpec> = {};
  for (const name of names) {
    const spec = specs[name];
    if (spec) inlineSpecs[name] = pageSpec(name, spec);
  }
  const bundles = reportBundles().map(
    (b) =>
      `<script data-bundle="${escapeHtml(b.name)}@${escapeHtml(b.version)}">\n${scriptSafe(b.code, b.name)}\n</script>`,
  );
  return [
    `<script type="application/json" id="report-specs">${jsonForScript(inlineSpecs)}</script>`,
    ...bundles,
    `<script>\n${RENDER_JS}\n</script>`,
  ].join("\n");
}

/** Pretty JSON of the manifest; bigints (e.g. gas totals) are written as decimal strings. */
export function manifestJson(manifest: Record<string, unknown>): string {
  return JSON.stringify(
    manifest,
    (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
    2,
  );
}

/** The place of a chart whose study this folder did not run: says so, instead of an empty chart. */
function notRunNote(name: ChartName, label: string): string {
  return `<p class="muted not-run" data-not-run="${name}">${escapeHtml(label)}: not run in this folder (${escapeHtml(NOT_RUN[name] ?? "no data")}).</p>`;
}

export function buildReportHtml(input: ReportInput, specs: Record<string, TopLevelSpec>): string {
  const notRun: readonly string[] = chartsNotRun(input);
  const names = chartOrder(specs).filter((n) => !notRun.includes(n));
  const figures = names.filter((n) => n !== "table1" && n !== "scalability").map(chartFigure);
  const extra = names.filter((n) => n === "scalability").map(chartFigure);
  const tableChart = names.includes("table1")
    ? `<details><summary>Table I as a chart (the same values as <code>table1.svg</code>)</summary>\n${chartFigure("table1")}\n</details>`
    : "";
  const title = escapeHtml(input.title);
  return `<!DOCTYPE html>
<html lang="en" data-errors="0" data-warnings="0">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${title}</title>
<style>${PAGE_CSS}</style>
<script>
${ERROR_RECORDER_JS}
</script>
</head>
<body>
<main>
<header>
<h1>${title}</h1>
<p class="lede">Reproduction of Mullaney et al., “Peer-to-Peer Energy Trading meets IOTA” (UCC 2022), Section IV. This page is self-contained and works offline; the charts are drawn from the data embedded in it.</p>
<nav><a href="#headline">Headline</a><a href="#claims">Claims</a><a href="#figures">Figures</a><a href="#table1">Table I</a><a href="#scalability">Scalability</a><a href="#manifest">Manifest</a></nav>
</header>
<noscript><p><strong>JavaScript is off:</strong> the charts need it. The same charts are in the SVG and PNG files next to this page.</p></noscript>
<div id="report-errors" hidden><h2>Errors while drawing this page</h2><ol></ol></div>
<section id="headline">
<h2>Headline figures</h2>
${headlineSection(input.headline)}
</section>
<section id="claims">
<h2>The paper's claims against our run</h2>
${claimsSection(input.claims)}
</section>
<section id="figures">
<h2>Figures</h2>
${figures.join("\n")}
</section>
<section id="table1">
<h2>Table I then and now: one column per ledger model, the paper's time before today</h2>
${notRun.includes("table1") ? notRunNote("table1", "Table I") : `${table1Section(input.table1)}\n${tableChart}`}
</section>
<section id="scalability">
<h2>Scalability</h2>
${notRun.includes("scalability") ? notRunNote("scalability", "The scalability study") : extra.join("\n")}
</section>
<section id="manifest">
<h2>Run manifest</h2>
<details><summary>Configuration, seed, versions and inputs of this run (JSON)</summary>
<pre>${escapeHtml(manifestJson(input.manifest))}</pre>
</details>
</section>
</main>
${scriptTags(specs, names)}
</body>
</html>
`;
}
