// `p2psim run <config>` and `p2psim validate <config>` (options in commands.ts).
import { dirname, join, resolve } from "node:path";
import { loadRunConfig } from "../config/load.js";
import { preloadPlugins } from "../config/plugins.js";
import { simulate } from "../run/simulate.js";
import { buildSummary, printSummary } from "../run/report-data.js";
import { writeResults } from "../io/results.js";
import {
  checkFolder,
  configHash,
  hashInputs,
  refreshManifest,
  runInputs,
  writeFolder,
} from "../io/folder.js";
import { reportInputFromDir } from "../run/report-input.js";
import { writeReport } from "../report/index.js";
import type { ConfigArgs, RunArgs } from "./args.js";
import { InputError } from "./errors.js";

export async function run(args: RunArgs): Promise<void> {
  await preloadPlugins(args.config);
  const config = loadRunConfig(args.config);
  if (args.seed !== undefined) {
    if (!Number.isSafeInteger(args.seed) || args.seed < 0)
      throw new InputError(`--seed: expected a non-negative integer, got ${args.seed}`);
    config.seed = args.seed;
  }
  const dir = args.out ?? join("results", config.name);
  // The folder is checked before the simulation: a refusal costs nothing.
  checkFolder(dir, { command: "run", configHash: configHash(config) }, { replace: args.replace === true });
  const inputs = hashInputs(runInputs(args.config, config, args.profiles));
  const result = simulate(config, dirname(resolve(args.config)), args.profiles);
  const summary = buildSummary(result);
  await writeFolder(dir, async (tmp) => {
    writeResults(tmp, result, summary, { command: "run", inputs });
    await writeReport(tmp, reportInputFromDir(tmp));
    refreshManifest(tmp);
  });
  if (!args.quiet) {
    process.stdout.write(printSummary(summary));
    process.stdout.write(`results written to ${dir}/ (open ${dir}/report.html)\n`);
  }
}

export async function validate(args: ConfigArgs): Promise<void> {
  await preloadPlugins(args.config);
  process.stdout.write(`${JSON.stringify(loadRunConfig(args.config), null, 2)}\n`);
}
