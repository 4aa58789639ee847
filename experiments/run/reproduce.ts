// The paper reproduction, on every dataset (the synthetic week and the measured week):
// - per dataset, the full run of the paper's setup (every scenario and ledger, Table I, the ledger
//   scalability study, charts and report) in <dir>/<dataset>/;
// - replications: the headline ledger with several seeds per dataset, on the worker pool, as seed
//   means with 95 % intervals beside the paper's numbers, and each claim's share of seeds;
// - a reduced readings map (the full one: `p2psim readings`) in <dir>/readings/;
// - the overview (summary.json, replicates.arrow, report.html), then manifest.json last, listing
//   every file of the folder with its SHA-256.
import { readFileSync } from "node:fs";
import { dirname, join, resolve, basename } from "node:path";
import { ledgerModelNames, scaleStudy } from "../../sim/ledger/index.js";
import { loadRunConfig } from "../config/load.js";
import { jsonText, writeFileAtomic } from "../io/atomic.js";
import {
  checkFolder,
  configHash,
  hashInputs,
  listFiles,
  refreshManifest,
  runInputs,
  writeFolder,
  writeManifest,
  type Owner,
} from "../io/folder.js";
import { dictOf, schemaColumns, writeTableFiles } from "../io/arrow.js";
import { packageVersion } from "../io/json.js";
import { writeResults } from "../io/results.js";
import { runMap, type MapOptions, type ReadingsMap } from "../readings/map.js";
import { REPLICATES } from "../readings/schema.js";
import { figureName, readingsSectionHtml, writeReadings } from "../readings/write.js";
import { overviewHtml, writeReport, type OverviewDataset, type ScalabilityRow } from "../report/index.js";
import { writeReportPdf } from "../report/pdf.js";
import type { Claim } from "./claims.js";
import { figureValue } from "./headline.js";
import type { RunMeasures } from "./measure.js";
import { PAPER_CONFIG, PAPER_REAL_CONFIG } from "./paths.js";
import { measureAll } from "./pool.js";
import { buildSummary, type Summary } from "./report-data.js";
import { reportInputFromDir } from "./report-input.js";
import {
  replicationTasks,
  summarizeReplication,
  TOLERANCE,
  type Dataset,
  type Replication,
} from "./replicate.js";
import { simulate } from "./simulate.js";
import { todayRows, withTodayLedgers, type TodayRow } from "./today.js";
import { beyondRows, writeBeyond, type BeyondRow } from "./beyond.js";

export { DEFAULT_REPRODUCE_DIR, PAPER_CONFIG, PAPER_REAL_CONFIG } from "./paths.js";

/** Participant counts of the scalability study (the paper's 15 up to 15,000). */
export const SCALE_PARTICIPANTS = [15, 150, 1_500, 15_000] as const;

/** The paper's setup on the synthetic week and on the measured week. */
export const PAPER_DATASETS: readonly Dataset[] = [
  { id: "synthetic", label: "synthetic week (generated)", config: PAPER_CONFIG },
  { id: "real", label: "measured week (CityLearn 2022)", config: PAPER_REAL_CONFIG },
];

/** Replications per dataset. */
export const DEFAULT_SEEDS = 10;

/** The reduced map of `make reproduce`: the readings that move the numbers most, corrected equations. */
export const REDUCED_MAP: Pick<MapOptions, "choices" | "seeds"> = {
  choices: {
    limits: ["grid", "split-midpoint"],
    equations: ["corrected"],
    learning: ["as-described"],
    fallback: ["as-described"],
  },
  seeds: 3,
};

export function scalability(
  seed: number,
  participants: readonly number[] = SCALE_PARTICIPANTS,
  ledgerOptions: Record<string, unknown> = {},
): ScalabilityRow[] {
  const rows: ScalabilityRow[] = [];
  for (const n of participants) {
    // Every registered ledger with a model: the paper's two and today's.
    const study = scaleStudy({
      participants: n,
      seed,
      periods: 1,
      ledgers: ledgerModelNames(),
      ledgerOptions,
    });
    for (const figures of Object.values(study.byLedger)) {
      rows.push({
        ledger: figures.ledger,
        participants: n,
        txLatencyMeanS: figures.orderLatency.meanMs / 1000,
        txLatencyP95S: figures.orderLatency.p95Ms / 1000,
        costPerBidUsd: figures.costPerBidUsd,
      });
    }
  }
  return rows;
}

/** The paper's claim on scalability, from the study: flat on IOTA, rising on Ethereum. */
export function scalabilityClaim(rows: readonly ScalabilityRow[]): Claim {
  const series = (ledger: string) =>
    rows.filter((r) => r.ledger === ledger).sort((a, b) => a.participants - b.participants);
  const growth = (ledger: string): number => {
    const s = series(ledger);
    return s.length < 2 ? NaN : s[s.length - 1]!.txLatencyMeanS / s[0]!.txLatencyMeanS;
  };
  const iota = growth("iota");
  const eth = growth("ethereum");
  const span = `${rows[0]?.participants ?? "?"} to ${Math.max(...rows.map((r) => r.participants))} participants`;
  const holds = iota < 1.2 && eth > 1.2;
  return {
    id: "iota-flat-ethereum-rising",
    claim: "IOTA time per transaction does not grow with participants while Ethereum's does",
    kind: "empirical",
    ours: `mean time per order from ${span}: IOTA x${iota.toFixed(2)}, Ethereum x${eth.toFixed(2)}`,
    paper: "IOTA scales better with participants (section IV.A)",
    holds,
    why: `the time per order grows x${iota.toFixed(2)} on IOTA (flat means below x1.2) and x${eth.toFixed(2)} on Ethereum (rising means above x1.2) over ${span}`,
  };
}

export interface ReproduceOptions {
  datasets?: readonly Dataset[];
  /** Replications per dataset (seeds). */
  seeds?: number;
  participants?: readonly number[];
  /** Worker threads for the replications and the map. */
  jobs?: number;
  /** The readings map to include (false: none). */
  map?: Pick<MapOptions, "choices" | "seeds"> | false;
  /** Called as work progresses: what is running, how far. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Also print report.pdf beside each report.html (skipped with a note when Chromium is missing). */
  pdf?: boolean;
  /** Replace `dir` even when another command or config wrote it. */
  replace?: boolean;
  /** Run the "beyond the paper" part (batteries and EVs); default true. */
  beyond?: boolean;
}

export interface ReproduceResult {
  dir: string;
  overview: Overview;
  /** Every file written, relative to `dir`. */
  files: string[];
}

export interface Overview {
  name: string;
  version: string;
  tolerance: number;
  headlineReading: string;
  datasets: (Replication & { summary: Pick<Summary, "headline" | "headlineLedger" | "seed"> })[];
  readings: { dir: string; runs: number; closest: ReadingsMap["ranked"] } | null;
  /** The paper's market on every ledger, of 2022 and of today (each dataset's full run, one seed). */
  today: TodayRow[];
  /** Beyond the paper: batteries and EVs on its microgrids (beyond/), one seed; null when not run. */
  beyond: { dir: string; rows: BeyondRow[] } | null;
}

/** The full single-seed run of one dataset into `dir` (every ledger, Table I, scalability, report). */
async function fullRun(dataset: Dataset, dir: string, scalabilityRows: ScalabilityRow[], claim: Claim) {
  // The paper's ledgers and today's: the "today" section reads this run.
  const config = withTodayLedgers(loadRunConfig(dataset.config));
  const inputs = hashInputs(runInputs(dataset.config, config));
  const result = simulate(config, dirname(resolve(dataset.config)));
  const base = buildSummary(result);
  const summary = {
    ...base,
    dataset: dataset.label,
    claims: [...base.claims, claim],
    scalability: scalabilityRows,
  };
  writeResults(dir, result, summary, { command: "reproduce", inputs });
  return { summary, seed: config.seed };
}

/** Attaches each claim's share of seeds to a dataset's summary.json and redraws its report. */
async function attachReplication(dir: string, replication: Replication): Promise<void> {
  const path = join(dir, "summary.json");
  const summary = JSON.parse(readFileSync(path, "utf8")) as Summary & { claims: Claim[] };
  for (const c of summary.claims) {
    const r = replication.claims.find((x) => x.id === c.id);
    if (r !== undefined) c.seeds = { held: r.held, of: r.of };
  }
  writeFileAtomic(path, jsonText({ ...summary, replication }));
  await writeReport(dir, reportInputFromDir(dir));
  refreshManifest(dir);
}

function replicateColumns(datasets: readonly Dataset[], measures: readonly RunMeasures[][]) {
  const rows = datasets.flatMap((d, i) =>
    measures[i]!.flatMap((m) =>
      Object.keys(m.headline.producerBenefitPctGrid).map((key) => ({ d: d.id, m, key })),
    ),
  );
  const [avg, basis] = [0, 1].map((k) => dictOf(rows.map((r) => r.key.split("/")[k] ?? "")));
  return schemaColumns(REPLICATES, {
    dataset: dictOf(rows.map((r) => r.d)),
    seed: Int32Array.from(rows, (r) => r.m.seed),
    averaging: avg!,
    basis: basis!,
    producer_benefit_pct: Float64Array.from(rows, (r) =>
      figureValue(r.m.headline, "producerBenefitPctGrid", r.key),
    ),
    consumer_benefit_pct: Float64Array.from(rows, (r) =>
      figureValue(r.m.headline, "consumerBenefitPctGrid", r.key),
    ),
    main_grid_reduction_pct: Float64Array.from(rows, (r) => r.m.headline.mainGridReductionAllVsGridPct),
  });
}

function overviewDataset(d: Dataset, r: Replication, claims: readonly Claim[]): OverviewDataset {
  return {
    id: d.id,
    label: d.label,
    report: `${d.id}/report.html`,
    seeds: r.seeds,
    figures: r.figures.map((f) => ({ ...f, name: figureName(f.figure) })),
    readings: r.readings.map((x) => ({ figure: figureName(x.figure), reading: x.reading, ...x.interval })),
    claims: r.claims.map((c) => {
      const full = claims.find((x) => x.id === c.id);
      return { ...c, claim: full?.claim ?? c.id, ...(full?.because ? { because: full.because } : {}) };
    }),
  };
}

/** What `reproduce` runs, as its manifest's config hash sees it: the resolved configs and options. */
function reproduceOwner(datasets: readonly Dataset[], seeds: number, options: ReproduceOptions): Owner {
  const mapOptions = options.map === undefined ? REDUCED_MAP : options.map;
  return {
    command: "reproduce",
    configHash: configHash({
      datasets: datasets.map((d) => ({ id: d.id, label: d.label, config: loadRunConfig(d.config) })),
      seeds,
      participants: options.participants ?? SCALE_PARTICIPANTS,
      map: mapOptions,
    }),
  };
}

/**
 * Runs everything and writes `dir` whole: into a temporary sibling swapped in at the end. Refuses
 * (InputError) a folder another command or config wrote unless `options.replace`.
 */
export async function reproduce(dir: string, options: ReproduceOptions = {}): Promise<ReproduceResult> {
  const datasets = options.datasets ?? PAPER_DATASETS;
  const seeds = options.seeds ?? DEFAULT_SEEDS;
  const owner = reproduceOwner(datasets, seeds, options);
  checkFolder(dir, owner, { replace: options.replace === true });
  const written = await writeFolder(dir, (tmp) => reproduceInto(tmp, owner, datasets, seeds, options));
  return { dir, overview: written.overview, files: [...written.files, "manifest.json"] };
}

async function reproduceInto(
  dir: string,
  owner: Owner,
  datasets: readonly Dataset[],
  seeds: number,
  options: ReproduceOptions,
): Promise<{ overview: Overview; files: string[] }> {
  const progress = options.onProgress ?? (() => {});
  const firstConfig = loadRunConfig(datasets[0]!.config);
  progress("scalability study", 0, 1);
  const scalabilityRows = scalability(firstConfig.seed, options.participants);
  const claim = scalabilityClaim(scalabilityRows);
  const full: Awaited<ReturnType<typeof fullRun>>[] = [];
  for (const [i, d] of datasets.entries()) {
    progress(`full run: ${d.label}`, i, datasets.length);
    full.push(await fullRun(d, join(dir, d.id), scalabilityRows, claim));
  }
  const tasks = datasets.map((d) => replicationTasks(d, seeds));
  const flat = await measureAll(tasks.flat(), {
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    onProgress: (done, total) => progress("replications", done, total),
  });
  const measures = tasks.map((_, i) => flat.slice(i * seeds, (i + 1) * seeds));
  const replications = datasets.map((d, i) => summarizeReplication(d, measures[i]!));
  for (const [i, d] of datasets.entries()) {
    progress(`report: ${d.label}`, i, datasets.length);
    await attachReplication(join(dir, d.id), replications[i]!);
  }
  let map: ReadingsMap | undefined;
  let readingsHtml = "";
  const mapOptions = options.map === undefined ? REDUCED_MAP : options.map;
  if (mapOptions !== false) {
    map = await runMap({
      datasets,
      ...mapOptions,
      ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
      onProgress: (done, total) => progress("readings map", done, total),
    });
    const written = await writeReadings(join(dir, "readings"), map);
    readingsHtml = readingsSectionHtml(map, written.svg);
  }
  let beyond: Overview["beyond"] = null;
  let beyondSvg = "";
  if (options.beyond !== false) {
    const rows = beyondRows(datasets, (done, total) => progress("beyond the paper", done, total));
    beyondSvg = await writeBeyond(join(dir, "beyond"), rows);
    beyond = { dir: "beyond", rows };
  }
  const overview: Overview = {
    name: "paper",
    version: packageVersion(),
    tolerance: TOLERANCE,
    headlineReading: "pooled/all",
    datasets: replications.map((r, i) => ({
      ...r,
      config: basename(r.config),
      summary: {
        headline: full[i]!.summary.headline,
        headlineLedger: full[i]!.summary.headlineLedger,
        seed: full[i]!.seed,
      },
    })),
    readings:
      map === undefined ? null : { dir: "readings", runs: map.runs, closest: map.ranked.slice(0, 10) },
    today: datasets.flatMap((d, i) => todayRows(full[i]!.summary, d.id)),
    beyond,
  };
  writeTableFiles(join(dir, REPLICATES.file), [replicateColumns(datasets, measures)]);
  writeFileAtomic(join(dir, "summary.json"), jsonText(overview));
  const claims = full.flatMap((f) => f.summary.claims);
  writeFileAtomic(
    join(dir, "report.html"),
    overviewHtml({
      title: "p2p-energy-sim: the paper reproduced",
      tolerancePct: TOLERANCE * 100,
      datasets: datasets.map((d, i) => overviewDataset(d, replications[i]!, claims)),
      readingsHtml,
      readingsLink: "readings/",
      beyond:
        beyond === null
          ? null
          : {
              svg: beyondSvg,
              link: "beyond/",
              rows: beyond.rows
                .filter((r) => r.part === "devices")
                .map((r) => ({
                  ...r,
                  dataset: datasets.find((d) => d.id === r.dataset)?.label ?? r.dataset,
                })),
            },
      today: overview.today.map((r) => ({
        ...r,
        dataset: datasets.find((d) => d.id === r.dataset)?.label ?? r.dataset,
      })),
    }),
  );
  if (options.pdf === true) {
    progress("report.pdf", 0, 1);
    // Stops at the first page that cannot be printed: a missing browser is reported once.
    for (const d of [...datasets.map((x) => join(dir, x.id)), dir])
      if ((await writeReportPdf(d)) === null) break;
  }
  const inputs = hashInputs(datasets.flatMap((d) => runInputs(d.config, loadRunConfig(d.config))));
  writeManifest(
    dir,
    owner,
    {
      name: "paper",
      seeds,
      datasets: datasets.map((d) => ({ id: d.id, config: basename(d.config) })),
    },
    inputs,
  );
  return { overview, files: listFiles(dir) };
}
