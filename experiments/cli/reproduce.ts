// `p2psim reproduce`, `p2psim readings`, `p2psim table1` and `p2psim report <dir>` (options in
// commands.ts).
import { sig3 } from "../io/format.js";
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import {
  checkFolder,
  configHash,
  hashInputs,
  readManifest,
  refreshManifest,
  runInputs,
  writeFolder,
  writeManifest,
  writtenBy,
} from "../io/folder.js";
import { hasLedger, ledgerModelNames, ledgerNames, ledgerPlugin } from "../../sim/ledger/index.js";
import { jsonText } from "../io/atomic.js";
import { loadRunConfig } from "../config/load.js";
import { buildSummary } from "../run/report-data.js";
import { PAPER_DATASETS, REDUCED_MAP, reproduce, type Overview } from "../run/reproduce.js";
import { simulate } from "../run/simulate.js";
import { reportInputFromDir } from "../run/report-input.js";
import { writeReport } from "../report/index.js";
import { writeReportPdf } from "../report/pdf.js";
import { runMap } from "../readings/map.js";
import { figureName, readingsPageHtml, writeReadings } from "../readings/write.js";
import { writeFileAtomic } from "../io/atomic.js";
import { fidelityMarkdown } from "../readings/fidelity.js";
import { DIMENSIONS } from "../readings/dimensions.js";
import { HEADLINE_BENEFIT } from "../run/headline.js";
import { InputError } from "./errors.js";
import { isSweepDir } from "../sweep/summary.js";
import { writeSweepReport } from "../report/sweep.js";
import { stages } from "./progress.js";
import type { ReadingsArgs, ReportArgs, ReproduceArgs, Table1Args } from "./args.js";

const num = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : "n/a");

function count(value: number | undefined, flag: string, min: number): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= min))
    throw new InputError(`--${flag}: expected a whole number >= ${min}, got ${String(value)}`);
}

/** The overview as a short plain-text table. */
export function printOverview(o: Overview): string {
  const lines: string[] = [];
  for (const d of o.datasets) {
    lines.push(`${d.label} (${d.config}, seeds ${d.seeds[0]}-${d.seeds[d.seeds.length - 1]}):`);
    for (const f of d.figures) {
      lines.push(
        `  ${figureName(f.figure).padEnd(40)} ${num(f.mean).padStart(8)} [${num(f.lo)}, ${num(f.hi)}]  paper ${f.paper}  ` +
          `${f.reproduces ? "within" : "not within"} ${o.tolerance * 100} %`,
      );
    }
    for (const c of d.claims)
      lines.push(
        `  [${c.kind === "identity" ? "identity" : `${c.held}/${c.of} seeds`}] ${c.id}${c.kind === "identity" && c.held < c.of ? " FAILED: a bug" : ""}`,
      );
  }
  if (o.today.length > 0) {
    lines.push("the paper's market on every ledger (seed of the full run; g CO2e and USD per kWh traded):");
    for (const r of o.today)
      lines.push(
        `  ${r.dataset.padEnd(10)} ${r.ledger.padEnd(18)} ${r.era.padEnd(9)} reduction ${num(r.mainGridReductionPct).padStart(6)} %  ` +
          `missed ${num(r.missedKwh, 1).padStart(7)} kWh  ${sig3(r.gCo2PerKwhTraded).padStart(9)} g  $${sig3(r.feesUsdPerKwhTraded)}`,
      );
  }
  if (o.beyond !== null) {
    lines.push("beyond the paper, batteries and EVs (scenario all; main-grid kWh, self-sufficiency %):");
    for (const r of o.beyond.rows.filter((x) => x.part === "devices" && x.scenario === "all"))
      lines.push(
        `  ${r.dataset.padEnd(10)} ${r.policy.padEnd(18)} ${num(r.mainGridKwh, 1).padStart(8)} kWh  ${num(r.selfSufficiencyPct, 1).padStart(5)} %`,
      );
  }
  const best = o.readings?.closest[0];
  if (best !== undefined)
    lines.push(`closest reading of the reduced map: ${best.id} (distance ${num(best.distance, 3)})`);
  return `${lines.join("\n")}\n`;
}

export async function reproducePaper(args: ReproduceArgs): Promise<void> {
  count(args.seeds, "seeds", 1);
  count(args.jobs, "jobs", 1);
  const bar = stages(args.quiet);
  const result = await reproduce(args.out, {
    seeds: args.seeds,
    ...(args.jobs === undefined ? {} : { jobs: args.jobs }),
    ...(args.map ? {} : { map: false }),
    ...(args.beyond === false ? { beyond: false } : {}),
    ...(args.pdf === false ? {} : { pdf: true }),
    replace: args.replace === true,
    onProgress: bar.update,
  });
  bar.stop();
  if (!args.quiet) {
    process.stdout.write(printOverview(result.overview));
    process.stdout.write(
      `wrote ${result.files.length} files to ${result.dir}/ (open ${result.dir}/report.html)\n`,
    );
  }
}

/** The default reading (the paper configs'): every dimension's first value, the headline benefit. */
function defaults(): Record<string, string> {
  const [averaging, basis] = HEADLINE_BENEFIT.split("/");
  return {
    ...Object.fromEntries(DIMENSIONS.map((d) => [d.name, d.values[0]!.id])),
    averaging: averaging!,
    basis: basis!,
  };
}

export async function readings(args: ReadingsArgs): Promise<void> {
  count(args.seeds, "seeds", 1);
  count(args.jobs, "jobs", 1);
  const configs = PAPER_DATASETS.map((d) => ({ id: d.id, path: d.config, config: loadRunConfig(d.config) }));
  const owner = {
    command: "readings",
    configHash: configHash({
      datasets: configs.map((d) => ({ id: d.id, config: d.config })),
      seeds: args.seeds,
      reduced: args.reduced,
    }),
  };
  checkFolder(args.out, owner, { replace: args.replace === true });
  const bar = stages(args.quiet);
  const map = await runMap({
    datasets: PAPER_DATASETS,
    seeds: args.seeds,
    ...(args.reduced ? { choices: REDUCED_MAP.choices } : {}),
    ...(args.jobs === undefined ? {} : { jobs: args.jobs }),
    onProgress: (done, total) => bar.update("readings", done, total),
  });
  bar.stop();
  const command = `p2psim readings --seeds ${args.seeds}${args.reduced ? " --reduced" : ""}`;
  const inputs = hashInputs(configs.flatMap((d) => runInputs(d.path, d.config)));
  await writeFolder(args.out, async (tmp) => {
    const written = await writeReadings(tmp, map);
    writeFileAtomic(join(tmp, "report.html"), readingsPageHtml(map, written.svg, command));
    writeManifest(tmp, owner, { seeds: args.seeds, reduced: args.reduced }, inputs);
  });
  if (args.doc !== undefined) writeFileAtomic(args.doc, fidelityMarkdown(map, defaults(), command));
  if (!args.quiet) {
    for (const r of map.ranked.slice(0, 5))
      process.stdout.write(`${r.rank}. ${r.id}  distance ${num(r.distance, 3)}\n`);
    process.stdout.write(`wrote ${map.runs} runs of ${map.ranked.length} readings to ${args.out}/\n`);
  }
}

/** The ledgers `table1` runs: `--ledgers`, each checked, or every registered ledger with a model. */
function table1Ledgers(asked: string | undefined): string[] {
  if (asked === undefined) return ledgerModelNames();
  const names = [...new Set(asked.split(",").map((n) => n.trim()))].filter((n) => n.length > 0);
  for (const name of names) {
    if (!hasLedger(name))
      throw new InputError(
        `--ledgers: unknown ledger "${name}" (expected one of ${ledgerNames().join(", ")})`,
      );
    if (ledgerPlugin(name).create === null)
      throw new InputError(`--ledgers: "${name}" has no ledger model, so no Table I figures`);
  }
  if (names.length === 0) throw new InputError("--ledgers: expected a comma-separated list of ledgers");
  return names;
}

const sig = (x: number | string | null): string => (typeof x === "number" ? sig3(x) : (x ?? "n/a"));

export function table1(args: Table1Args): void {
  const config = loadRunConfig(args.config);
  config.scenarios = ["all"];
  config.ledgers = table1Ledgers(args.ledgers) as typeof config.ledgers;
  const { table1: table } = buildSummary(simulate(config, dirname(resolve(args.config))));
  if (args.json === true) {
    process.stdout.write(jsonText(table));
    return;
  }
  const head = [
    "era",
    "ledger",
    "Wh/tx",
    "USD/bid",
    "mean s",
    "p95 s",
    "waits for",
    "Wh/kWh",
    "gCO2/kWh",
    "USD/kWh",
  ];
  const columns = [
    ...table.then.map((c) => ["2022", c] as const),
    ...table.now.map((c) => ["today", c] as const),
  ];
  const rows = columns.map(([era, c]) => [
    era,
    c.ledger,
    sig(c.energyPerTx.value),
    sig(c.costPerBid.value),
    sig(c.timeToConfirmation.value),
    sig(c.timeToConfirmation.p95S),
    c.timeToConfirmation.waitsFor,
    sig(c.settlementEnergyPerKwhTraded.value),
    sig(c.co2PerKwhTraded.value),
    sig(c.feesPerKwhTraded.value),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)) + 2);
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join("");
  const sources = columns.flatMap(([, c]) => [
    `${c.ledger} (${c.label}, calibrated ${c.calibrated})`,
    `  security: ${String(c.security.value)}`,
    `  energy: ${c.energyPerTx.source}`,
    `  cost: ${c.costPerBid.source}`,
    `  time: ${c.timeToConfirmation.source}`,
    `  carbon: ${c.co2PerKwhTraded.source}`,
  ]);
  process.stdout.write(`${[head, ...rows].map(line).join("\n")}\n\n${table.note}\n\n${sources.join("\n")}\n`);
  process.stdout.write(`paper: IOTA 3.93 nWh, 1 IOTA, ~12 s; Ethereum 238.22 kWh, ~$0.20, ~15 s\n`);
}

/**
 * Redraws the charts and report.html of a folder written by `run` or `reproduce` (of each dataset
 * folder, for a reproduction) and updates its manifest's file hashes. Refuses any other folder.
 */
export async function report(args: ReportArgs): Promise<void> {
  if (isSweepDir(args.dir)) {
    const files = await writeSweepReport(args.dir);
    // The sweep's manifest lists the report's files: their hashes follow the redraw.
    if (readManifest(args.dir) !== null) refreshManifest(args.dir);
    process.stdout.write(`wrote ${files.length} files to ${args.dir}/\n`);
    return;
  }
  const { dir } = args;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${dir}: no such folder`);
  const manifest = readManifest(dir);
  if (manifest === null)
    throw new InputError(`${dir}: no manifest.json (report redraws folders of p2psim run and reproduce)`);
  if (manifest.command !== "run" && manifest.command !== "reproduce")
    throw new InputError(
      `${dir}: written by ${writtenBy(manifest)} (report redraws folders of p2psim run and reproduce)`,
    );
  const datasets = Array.isArray(manifest.datasets) ? (manifest.datasets as { id: string }[]) : [];
  const parts =
    datasets.length > 0 && !existsSync(join(dir, "periods.arrow"))
      ? datasets.map((d) => join(dir, d.id))
      : [dir];
  let count = 0;
  for (const part of parts) {
    count += (await writeReport(part, reportInputFromDir(part))).length;
    if (args.pdf === true && (await writeReportPdf(part)) !== null) count++;
    if (part !== dir) refreshManifest(part);
  }
  refreshManifest(dir);
  // A dataset folder of a reproduction: the reproduction's manifest lists its files too.
  const parent = dirname(resolve(dir));
  const outer = existsSync(join(parent, "manifest.json")) ? readManifest(parent) : null;
  if (outer?.command === "reproduce" && `${basename(resolve(dir))}/manifest.json` in outer.files)
    refreshManifest(parent);
  process.stdout.write(`wrote ${count} files to ${dir}/\n`);
}
