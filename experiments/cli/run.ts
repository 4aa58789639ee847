// `p2psim run <config>` and `p2psim validate <config>`.
import type { CommandModule } from "yargs";
import { dirname, join, resolve } from "node:path";
import { loadRunConfig } from "../config/load.js";
import { simulate } from "../run/simulate.js";
import { buildSummary, printSummary } from "../run/report-data.js";
import { writeResults } from "../io/results.js";
import { InputError } from "./errors.js";

interface RunArgs {
  config: string;
  seed?: number;
  out?: string;
  profiles?: string;
  quiet: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: "run <config>",
  describe: "Run a config (every scenario and ledger) and write results/<name>/",
  builder: (y) =>
    y
      .positional("config", { type: "string", demandOption: true, describe: "JSON config file" })
      .option("seed", { type: "number", describe: "override the config's seed" })
      .option("out", { type: "string", describe: "output directory (default results/<name>)" })
      .option("profiles", {
        type: "string",
        describe: "measured profiles CSV (timestamp,household,pv_kwh,load_kwh)",
      })
      .option("quiet", { type: "boolean", default: false, describe: "print nothing but errors" }),
  handler: (args) => {
    const config = loadRunConfig(args.config);
    if (args.seed !== undefined) {
      if (!Number.isSafeInteger(args.seed) || args.seed < 0)
        throw new InputError(`--seed: expected a non-negative integer, got ${args.seed}`);
      config.seed = args.seed;
    }
    const result = simulate(config, dirname(resolve(args.config)), args.profiles);
    const summary = buildSummary(result);
    const dir = args.out ?? join("results", config.name);
    writeResults(dir, result, summary);
    if (!args.quiet) {
      process.stdout.write(printSummary(summary));
      process.stdout.write(`results written to ${dir}/\n`);
    }
  },
};

export const validateCommand: CommandModule<object, { config: string }> = {
  command: "validate <config>",
  describe: "Check a config file and print it with every default filled in",
  builder: (y) => y.positional("config", { type: "string", demandOption: true }),
  handler: (args) => {
    process.stdout.write(`${JSON.stringify(loadRunConfig(args.config), null, 2)}\n`);
  },
};
