// `p2psim reproduce`, `p2psim table1` and `p2psim report <dir>` (options in commands.ts).
import { dirname, resolve } from "node:path";
import { ledgerPlugin } from "../../sim/ledger/index.js";
import { loadRunConfig } from "../config/load.js";
import { buildSummary, printSummary } from "../run/report-data.js";
import { reproduce } from "../run/reproduce.js";
import { simulate } from "../run/simulate.js";
import { reportInputFromDir } from "../run/report-input.js";
import { writeReport } from "../report/index.js";
import type { ConfigArgs, ReportArgs, ReproduceArgs } from "./args.js";

export async function reproducePaper(args: ReproduceArgs): Promise<void> {
  const result = await reproduce(args.out);
  if (!args.quiet) {
    process.stdout.write(printSummary(result.summary));
    process.stdout.write(
      `wrote ${result.files.length} files to ${result.dir}/ (open ${result.dir}/report.html)\n`,
    );
  }
}

export function table1(args: ConfigArgs): void {
  const config = loadRunConfig(args.config);
  config.scenarios = ["all"];
  // Every ledger of the config that has a model (instant confirmation has no figures of its own).
  config.ledgers = config.ledgers.filter((name) => ledgerPlugin(name).create !== null);
  const summary = buildSummary(simulate(config, dirname(resolve(args.config))));
  const head = ["ledger", "Wh/tx", "USD/bid", "mean s", "p50 s", "p95 s", "security"];
  const rows = summary.ledgers.map((l) => [
    l.ledger,
    l.energyPerTxWh.toPrecision(3),
    l.costPerBidUsd.toPrecision(3),
    l.txLatencyMeanS.toFixed(1),
    l.txLatencyP50S.toFixed(1),
    l.txLatencyP95S.toFixed(1),
    l.security,
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)) + 2);
  const line = (r: string[]): string =>
    r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join("");
  const readings = summary.ledgers.map((l) => `energy reading, ${l.ledger}: ${l.energyReading}`);
  process.stdout.write(`${[head, ...rows].map(line).concat(readings).join("\n")}\n`);
  process.stdout.write(`paper: IOTA 3.93 nWh, 1 IOTA, ~12 s; Ethereum 238.22 kWh, ~$0.20, ~15 s\n`);
}

export async function report(args: ReportArgs): Promise<void> {
  const files = await writeReport(args.dir, reportInputFromDir(args.dir));
  process.stdout.write(`wrote ${files.length} files to ${args.dir}/\n`);
}
