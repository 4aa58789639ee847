// `p2psim run [config]` and `p2psim validate <config>` (options in commands.ts).
import { existsSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import {
  ethereumConfig,
  iotaConfig,
  type DeepPartial,
  type EthereumConfig,
  type IotaConfig,
} from "../../sim/ledger/index.js";
import { loadRunConfig, parseRunConfig } from "../config/load.js";
import { preloadPlugins } from "../config/plugins.js";
import type { RunConfig } from "../config/schema.js";
import { prepareRun, simulate } from "../run/simulate.js";
import { buildSummary, printSummary } from "../run/report-data.js";
import { writeResults } from "../io/results.js";
import {
  checkFolder,
  configHash,
  hashInputs,
  refreshManifest,
  runInputs,
  dataInputs,
  writeFolder,
} from "../io/folder.js";
import { reportInputFromDir } from "../run/report-input.js";
import { writeReport } from "../report/index.js";
import type { ConfigArgs, RunArgs } from "./args.js";
import { InputError } from "./errors.js";
import { progress } from "./progress.js";

/** A CSV named on the command line: it must exist (the loader names bad lines itself). */
function csvFlag(path: string, flag: string): string {
  const full = resolve(path);
  if (!existsSync(full)) throw new InputError(`--${flag}: no such file ${path}`);
  return full;
}

/** A config name from a file name: letters, digits, '.', '_' and '-' only. */
function nameOf(path: string): string {
  return basename(path, extname(path)).replace(/[^A-Za-z0-9._-]/g, "-") || "run";
}

/**
 * The config to run and where its relative paths resolve from: the config file (with --profiles
 * and --households replacing its CSV files), or without one the paper's defaults on the measured
 * CSV files given.
 */
async function runConfig(args: RunArgs): Promise<{ config: RunConfig; baseDir: string; csv?: string }> {
  if (args.households !== undefined && args.profiles === undefined)
    throw new InputError("--households: needs --profiles (the measured CSV it maps to microgrids)");
  if (args.config === undefined) {
    if (args.profiles === undefined)
      throw new InputError("give a config file, or --profiles <csv> with --households <csv>");
    if (args.households === undefined)
      throw new InputError(
        "--profiles: without a config, also give --households (CSV household,microgrid[,pv_kw])",
      );
    const file = csvFlag(args.profiles, "profiles");
    const households = csvFlag(args.households, "households");
    const config = parseRunConfig(
      { name: nameOf(file), profiles: { source: "csv", file, households } },
      "--profiles",
    );
    return { config, baseDir: process.cwd() };
  }
  await preloadPlugins(args.config);
  const config = loadRunConfig(args.config);
  const baseDir = dirname(resolve(args.config));
  if (args.households !== undefined) {
    if (config.profiles.source !== "csv")
      throw new InputError(
        `--households: ${args.config} has synthetic profiles; give --profiles and --households without a config, or a config whose profiles.source is "csv"`,
      );
    config.profiles.households = csvFlag(args.households, "households");
  }
  const csv = args.profiles === undefined ? undefined : csvFlag(args.profiles, "profiles");
  return { config, baseDir, ...(csv === undefined ? {} : { csv }) };
}

export async function run(args: RunArgs): Promise<void> {
  const { config, baseDir, csv } = await runConfig(args);
  if (args.seed !== undefined) {
    const seed = /^\d+$/.test(args.seed.trim()) ? Number(args.seed.trim()) : NaN;
    if (!Number.isSafeInteger(seed))
      throw new InputError(`--seed: expected a whole number >= 0, got ${JSON.stringify(args.seed)}`);
    config.seed = seed;
  }
  if (args.out !== undefined && args.out.trim() === "")
    throw new InputError('--out: expected a folder, got ""');
  const dir = args.out ?? join("results", config.name);
  // The folder is checked before the simulation: a refusal costs nothing.
  checkFolder(dir, { command: "run", configHash: configHash(config) }, { replace: args.replace === true });
  const inputs = hashInputs(
    args.config === undefined ? dataInputs(baseDir, config, csv) : runInputs(args.config, config, csv),
  );
  const bar = progress(args.quiet, "runs");
  let result;
  try {
    result = fromConfig(args.config, () =>
      simulate(config, baseDir, csv, (done, total, running) => bar.update(done, total, running)),
    );
  } finally {
    bar.stop();
  }
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

/** Runs `step`; an input error it raises names the config file first (once). */
function fromConfig<T>(path: string | undefined, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (path !== undefined && error instanceof InputError && !error.message.startsWith(path))
      throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
}

/**
 * The config with every default filled in, the ledger models' parameters included: the `iota` and
 * `ethereum` blocks are the models' defaults merged with the config's overrides. `chains` is left
 * out: a run has one chain per microgrid of its profile, whatever the options say.
 */
export function resolvedConfig(config: RunConfig): Record<string, unknown> {
  const withoutChains = ({ chains: _chains, ...rest }: { chains: number }) => rest;
  return {
    ...config,
    iota: withoutChains(iotaConfig(config.iota as DeepPartial<IotaConfig>)),
    ethereum: withoutChains(ethereumConfig(config.ethereum as DeepPartial<EthereumConfig>)),
  };
}

export async function validate(args: ConfigArgs): Promise<void> {
  await preloadPlugins(args.config);
  const config = loadRunConfig(args.config);
  // Every check `run` makes before simulating (files, CSV rows, scenarios, faults).
  fromConfig(args.config, () => prepareRun(config, dirname(resolve(args.config))));
  process.stdout.write(`${JSON.stringify(resolvedConfig(config), null, 2)}\n`);
}
