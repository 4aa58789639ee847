// The reproduction's overview page: the paper's headline numbers on every dataset side by side
// (seed means with 95 % intervals, the paper's value and the tolerance), each claim with its kind
// and the share of seeds in which it held, every benefit reading, and the readings map. Static
// HTML (no script): it opens offline with nothing to run.
import { sig3 } from "../io/format.js";
import { escapeHtml } from "./html.js";
import { staticPage } from "./static-page.js";

export interface OverviewFigure {
  name: string;
  /** What the value is computed under (e.g. the benefit averaging and basis). */
  reading: string;
  paper: number;
  mean: number;
  lo: number;
  hi: number;
  n: number;
  reproduces: boolean;
  paperInInterval: boolean;
}

export interface OverviewClaim {
  id: string;
  claim: string;
  kind: "identity" | "empirical";
  because?: string;
  held: number;
  of: number;
}

export interface OverviewDataset {
  id: string;
  label: string;
  /** Relative link to the dataset's full report. */
  report: string;
  seeds: number[];
  figures: OverviewFigure[];
  readings: { figure: string; reading: string; mean: number; lo: number; hi: number }[];
  claims: OverviewClaim[];
}

export interface OverviewInput {
  title: string;
  tolerancePct: number;
  datasets: OverviewDataset[];
  /** An HTML section of the readings map (already escaped), or "" when none was run. */
  readingsHtml: string;
  /** Relative link to the readings map's files. */
  readingsLink: string;
  /** The paper's market on every ledger of the full runs (none: the section says so). */
  today?: OverviewLedgerRow[];
  /** Beyond the paper: the devices rows, the sweep's chart (SVG) and the folder's link; null: not run. */
  beyond?: { svg: string; link: string; rows: OverviewStorageRow[] } | null;
}

/** One policy's figures (or "none") in one scenario of a dataset, with batteries and EVs. */
export interface OverviewStorageRow {
  dataset: string;
  scenario: string;
  batteryShare: number;
  evShare: number;
  policy: string;
  producerBenefitPct: number;
  consumerBenefitPct: number;
  mainGridKwh: number;
  peakImportKw: number;
  selfSufficiencyPct: number;
  lossesKwh: number;
  evUnmetKwh: number;
}

function beyondSection(beyond: OverviewInput["beyond"]): string {
  if (beyond === undefined || beyond === null)
    return "<p>Not run in this folder (p2psim reproduce runs it unless told not to).</p>";
  const first = beyond.rows[0];
  const head = [
    "Dataset",
    "Scenario",
    "Policy",
    "Producer benefit %",
    "Consumer benefit %",
    "Main-grid kWh",
    "Peak import kW",
    "Self-sufficiency %",
    "Losses kWh",
    "EV unmet kWh",
  ];
  const body = beyond.rows.map((r) => {
    const text = [r.dataset, r.scenario, r.policy].map((t) => `<td>${escapeHtml(t)}</td>`);
    const nums = [
      num(r.producerBenefitPct, 2),
      num(r.consumerBenefitPct, 2),
      num(r.mainGridKwh, 1),
      num(r.peakImportKw, 1),
      num(r.selfSufficiencyPct, 1),
      num(r.lossesKwh, 1),
      num(r.evUnmetKwh, 1),
    ].map((t) => `<td class="num">${t}</td>`);
    return `<tr>${text.join("")}${nums.join("")}</tr>`;
  });
  const shares =
    first === undefined
      ? ""
      : ` ${num(first.batteryShare * 100, 0)} % of each microgrid's agents with a home battery and ${num(first.evShare * 100, 0)} % with an electric vehicle`;
  return `<p class="muted">The paper's first future-work item: energy storage. Its three microgrids with${shares} (docs/storage.md), instant confirmation, the full run's seed; "none" is the same run without devices. Below, the sweep over battery penetration and size. Files: <a href="${escapeHtml(beyond.link)}">${escapeHtml(beyond.link)}</a> (beyond.arrow, beyond.json, the chart).</p>
<div class="scroll"><table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead><tbody>
${body.join("\n")}
</tbody></table></div>
<figure class="chart">${beyond.svg}</figure>`;
}

/** One ledger's figures on one dataset, for the "today" section. */
export interface OverviewLedgerRow {
  dataset: string;
  ledger: string;
  label: string;
  /** "2022", "today", or "reference" for instant confirmation. */
  era: string;
  waitsFor: string;
  /** Scenario grid (the paper's benefit figures) and all vs grid (its main-grid figure). */
  producerBenefitPct: number;
  consumerBenefitPct: number;
  mainGridReductionPct: number;
  /** Scenario all: energy of orders that missed their period, and energy sold to peers (kWh). */
  missedKwh: number;
  tradedKwh: number;
  /** Scenario all: mean time to the confirmation the market waits for (s), cost per bid (USD). */
  txLatencyMeanS: number;
  costPerBidUsd: number;
  /** Scenario all: the ledger's Wh, g CO2e and USD per kWh traded. */
  settlementWhPerKwhTraded: number;
  gCo2PerKwhTraded: number;
  feesUsdPerKwhTraded: number;
}

function todayTable(rows: readonly OverviewLedgerRow[]): string {
  const head = [
    "Dataset",
    "Ledger",
    "Era",
    "Waits for",
    "Producer benefit %",
    "Consumer benefit %",
    "Main-grid reduction %",
    "Missed kWh",
    "Traded kWh",
    "Mean s",
    "USD / bid",
    "Ledger Wh / kWh traded",
    "g CO2e / kWh traded",
    "Fees USD / kWh traded",
  ];
  const body = rows.map((r) => {
    const text = [r.dataset, `${r.label} (${r.ledger})`, r.era, r.waitsFor].map(
      (t) => `<td>${escapeHtml(t)}</td>`,
    );
    const nums = [
      num(r.producerBenefitPct, 2),
      num(r.consumerBenefitPct, 2),
      num(r.mainGridReductionPct, 2),
      num(r.missedKwh, 1),
      num(r.tradedKwh, 1),
      sig3(r.txLatencyMeanS),
      sig3(r.costPerBidUsd),
      sig3(r.settlementWhPerKwhTraded),
      sig3(r.gCo2PerKwhTraded),
      sig3(r.feesUsdPerKwhTraded),
    ].map((t) => `<td class="num">${t}</td>`);
    return `<tr>${text.join("")}${nums.join("")}</tr>`;
  });
  return `<div class="scroll"><table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead><tbody>\n${body.join("\n")}\n</tbody></table></div>`;
}

function todaySection(rows: readonly OverviewLedgerRow[] | undefined): string {
  if (rows === undefined || rows.length === 0)
    return "<p>No ledger runs in this reproduction: not run in this folder.</p>";
  return `<p class="muted">The paper's market (grid for the benefits, all vs grid for the main grid, all for the rest) on every ledger of each dataset's full run, one seed. Main-grid energy moves only where a ledger makes orders miss their period; benefits also move with the round in which a ledger's confirmations arrive; the settlement columns are the ledger's energy, CO2 and fees for every transaction of the run over the energy sold to peers. Table I of each dataset's report gives every figure's source.</p>
${todayTable(rows)}`;
}

const num = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

function figuresTable(datasets: readonly OverviewDataset[], tolerancePct: number): string {
  const names = datasets[0]?.figures.map((f) => f.name) ?? [];
  const head = `<tr><th scope="col">Figure</th><th scope="col">Paper</th>${datasets.map((d) => `<th scope="col">${escapeHtml(d.label)}<br><span class="muted">mean [95 % interval], ${d.seeds.length} seeds</span></th>`).join("")}</tr>`;
  const rows = names.map((name, i) => {
    const cells = datasets.map((d) => {
      const f = d.figures[i]!;
      const verdict = f.reproduces ? "yes" : "no";
      const text = f.reproduces ? `within ${tolerancePct} %` : `not within ${tolerancePct} %`;
      return `<td class="num verdict ${verdict}">${num(f.mean, 2)} [${num(f.lo, 2)}, ${num(f.hi, 2)}]<br><span>${text}${f.paperInInterval ? "; paper inside the interval" : ""}</span></td>`;
    });
    const reading = datasets[0]!.figures[i]!.reading;
    return `<tr><th scope="row">${escapeHtml(name)}${reading === "-" ? "" : ` <span class="muted">(${escapeHtml(reading)})</span>`}</th><td class="num">${datasets[0]!.figures[i]!.paper}</td>${cells.join("")}</tr>`;
  });
  return `<div class="scroll"><table><thead>${head}</thead><tbody>\n${rows.join("\n")}\n</tbody></table></div>`;
}

function readingsTable(datasets: readonly OverviewDataset[]): string {
  const keys = datasets[0]?.readings.map((r) => `${r.figure} ${r.reading}`) ?? [];
  const head = `<tr><th scope="col">Figure</th><th scope="col">Averaging/basis</th>${datasets.map((d) => `<th scope="col">${escapeHtml(d.label)}</th>`).join("")}</tr>`;
  const rows = keys.map((_, i) => {
    const first = datasets[0]!.readings[i]!;
    const cells = datasets.map((d) => {
      const r = d.readings[i];
      return r === undefined
        ? "<td></td>"
        : `<td class="num">${num(r.mean, 2)} [${num(r.lo, 2)}, ${num(r.hi, 2)}]</td>`;
    });
    return `<tr><td>${escapeHtml(first.figure)}</td><td>${escapeHtml(first.reading)}</td>${cells.join("")}</tr>`;
  });
  return `<div class="scroll"><table><thead>${head}</thead><tbody>\n${rows.join("\n")}\n</tbody></table></div>`;
}

function claimsTable(datasets: readonly OverviewDataset[]): string {
  const ids = [...new Set(datasets.flatMap((d) => d.claims.map((c) => c.id)))];
  const head = `<tr><th scope="col">Claim</th><th scope="col">Kind</th>${datasets.map((d) => `<th scope="col">${escapeHtml(d.label)}: seeds in which it holds</th>`).join("")}</tr>`;
  const rows = ids.map((id) => {
    const c = datasets.flatMap((d) => d.claims).find((x) => x.id === id)!;
    const kind =
      c.kind === "identity"
        ? `identity: holds by construction (${escapeHtml(c.because ?? "")}); not a confirmation`
        : "empirical: can fail";
    const cells = datasets.map((d) => {
      const x = d.claims.find((y) => y.id === id);
      if (x === undefined) return "<td></td>";
      const broken = x.kind === "identity" && x.held < x.of;
      return `<td class="num">${x.held} of ${x.of}${broken ? " <strong>(an identity failed: a bug)</strong>" : ""}</td>`;
    });
    return `<tr><td>${escapeHtml(c.claim)}</td><td>${kind}</td>${cells.join("")}</tr>`;
  });
  return `<div class="scroll"><table><thead>${head}</thead><tbody>\n${rows.join("\n")}\n</tbody></table></div>`;
}

export function overviewHtml(input: OverviewInput): string {
  const links = input.datasets
    .map(
      (d) =>
        `<li><a href="${escapeHtml(d.report)}">${escapeHtml(d.label)}</a>: every figure, Table I and the scalability study for seed ${d.seeds[0] ?? "?"}</li>`,
    )
    .join("\n");
  return staticPage(
    input.title,
    `<header>
<h1>${escapeHtml(input.title)}</h1>
<p class="lede">Reproduction of Mullaney et al., “Peer-to-Peer Energy Trading meets IOTA” (UCC 2022), Section IV, on ${input.datasets.length} datasets side by side. A figure reproduces when its seed mean lies within ${input.tolerancePct} % of the paper's value.</p>
<nav><a href="#headline">Headline</a><a href="#claims">Claims</a><a href="#benefit-readings">Benefit readings</a><a href="#readings">Readings map</a><a href="#today">Ledgers of today</a><a href="#beyond">Beyond the paper</a><a href="#runs">Full runs</a></nav>
</header>
<section id="headline">
<h2>The paper's three numbers</h2>
${figuresTable(input.datasets, input.tolerancePct)}
</section>
<section id="claims">
<h2>The paper's claims</h2>
${claimsTable(input.datasets)}
</section>
<section id="benefit-readings">
<h2>Every reading of "average benefit per Wh"</h2>
<p class="muted">The same runs, averaged differently (docs/metrics.md). The headline uses pooled/all.</p>
${readingsTable(input.datasets)}
</section>
<section id="readings">
<h2>The readings map</h2>
${
  input.readingsHtml === ""
    ? "<p>No readings map in this reproduction: run <code>p2psim readings</code> (or <code>make readings</code>).</p>"
    : `${input.readingsHtml}
<p>Files: <a href="${escapeHtml(input.readingsLink)}">${escapeHtml(input.readingsLink)}</a> (readings.arrow, readings.json, the chart). The full map: <code>make readings</code>; docs/fidelity.md is written from it.</p>`
}
</section>
<section id="today">
<h2>The paper's question on the ledgers of today</h2>
${todaySection(input.today)}
</section>
<section id="beyond">
<h2>Beyond the paper: batteries and electric vehicles</h2>
${beyondSection(input.beyond)}
</section>
<section id="runs">
<h2>Full runs</h2>
<ul>
${links}
</ul>
</section>`,
  );
}
