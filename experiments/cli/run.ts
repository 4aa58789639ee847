// `p2psim run <config>` and `p2psim validate <config>` (options in commands.ts).
import { dirname, join, resolve } from "node:path";
import { loadRunConfig } from "../config/load.js";
import { preloadPlugins } from "../config/plugins.js";
import { prepareRun, simulate } from "../run/simulate.js";
import { buildSummary, printSummary } from "../run/report-data.js";
import { writeResults } from "../io/results.js";
import type { ConfigArgs, RunArgs } from "./args.js";
import { InputError } from "./errors.js";

export async function run(args: RunArgs): Promise<void> {
  await preloadPlugins(args.config);
  const config = loadRunConfig(args.config);
  if (args.seed !== undefined) {
    const seed = /^\d+$/.test(args.seed.trim()) ? Number(args.seed.trim()) : NaN;
    if (!Number.isSafeInteger(seed))
      throw new InputError(`--seed: expected a whole number >= 0, got ${JSON.stringify(args.seed)}`);
    config.seed = seed;
  }
  if (args.out !== undefined && args.out.trim() === "")
    throw new InputError('--out: expected a folder, got ""');
  const result = fromConfig(args.config, () =>
    simulate(config, dirname(resolve(args.config)), args.profiles),
  );
  const summary = buildSummary(result);
  const dir = args.out ?? join("results", config.name);
  writeResults(dir, result, summary);
  if (!args.quiet) {
    process.stdout.write(printSummary(summary));
    process.stdout.write(`results written to ${dir}/\n`);
  }
}

/** Runs `step`; an input error it raises names the config file first (once). */
function fromConfig<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof InputError && !error.message.startsWith(path))
      throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

export async function validate(args: ConfigArgs): Promise<void> {
  await preloadPlugins(args.config);
  const config = loadRunConfig(args.config);
  // Every check `run` makes before simulating (files, CSV rows, scenarios, faults).
  fromConfig(args.config, () => prepareRun(config, dirname(resolve(args.config))));
  process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
}
