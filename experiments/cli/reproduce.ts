import { dirname, resolve } from "node:path";
// `p2psim reproduce` and `p2psim table1`.
import type { CommandModule } from "yargs";
import { loadRunConfig } from "../config/load.js";
import { buildSummary, printSummary } from "../run/report-data.js";
import { DEFAULT_REPRODUCE_DIR, PAPER_CONFIG, reproduce } from "../run/reproduce.js";
import { simulate } from "../run/simulate.js";
import { reportInputFromDir } from "../run/report-input.js";
import { writeReport } from "../report/index.js";

export const reproduceCommand: CommandModule<object, { out: string; quiet: boolean }> = {
  command: "reproduce",
  describe: "Reproduce the paper: every scenario and ledger, Table I, scalability, charts, report",
  builder: (y) =>
    y
      .option("out", { type: "string", default: DEFAULT_REPRODUCE_DIR, describe: "output directory" })
      .option("quiet", { type: "boolean", default: false }),
  handler: async (args) => {
    const result = await reproduce(args.out);
    if (!args.quiet) {
      process.stdout.write(printSummary(result.summary));
      process.stdout.write(
        `wrote ${result.files.length} files to ${result.dir}/ (open ${result.dir}/report.html)\n`,
      );
    }
  },
};

export const table1Command: CommandModule<object, { config: string }> = {
  command: "table1",
  describe: "Table I (IOTA vs Ethereum) from the paper setup under both ledger models",
  builder: (y) => y.option("config", { type: "string", default: PAPER_CONFIG, describe: "config to run" }),
  handler: (args) => {
    const config = loadRunConfig(args.config);
    config.scenarios = ["all"];
    config.ledgers = ["iota", "ethereum"];
    const summary = buildSummary(simulate(config, dirname(resolve(args.config))));
    const rows = summary.ledgers.map((l) => [
      l.ledger,
      l.energyPerTxWh.toPrecision(3),
      l.costPerBidUsd.toPrecision(3),
      l.txLatencyMeanS.toFixed(1),
      l.txLatencyP50S.toFixed(1),
      l.txLatencyP95S.toFixed(1),
      l.security,
    ]);
    const head = ["ledger", "Wh/tx", "USD/bid", "mean s", "p50 s", "p95 s", "security"];
    process.stdout.write(
      `${[head, ...rows].map((r) => r.map((c, i) => (i < 6 ? c.padEnd(10) : c)).join("")).join("\n")}\n`,
    );
    process.stdout.write(`paper: IOTA 3.93 nWh, 1 IOTA, ~12 s; Ethereum 238.22 kWh, ~$0.20, ~15 s\n`);
  },
};

export const reportCommand: CommandModule<object, { dir: string }> = {
  command: "report <dir>",
  describe: "Redraw the charts and report.html of a results directory",
  builder: (y) => y.positional("dir", { type: "string", demandOption: true }),
  handler: async (args) => {
    const files = await writeReport(args.dir, reportInputFromDir(args.dir));
    process.stdout.write(`wrote ${files.length} files to ${args.dir}/\n`);
  },
};
