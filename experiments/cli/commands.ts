// The list of subcommands: their names, help and options. A handler imports its command's modules
// only when that command runs, so `p2psim --help` and `p2psim <command> --help` load yargs and
// this table, not the simulator.
import type { CommandModule } from "yargs";
import { DEFAULT_READINGS_DIR, DEFAULT_REPRODUCE_DIR, PAPER_CONFIG } from "../run/paths.js";
import type {
  ConfigArgs,
  Table1Args,
  MergeArgs,
  ReadingsArgs,
  ReportArgs,
  ReproduceArgs,
  RunArgs,
  SweepArgs,
} from "./args.js";

const runCommand: CommandModule<object, RunArgs> = {
  command: "run [config]",
  describe:
    "Run a config (every scenario and ledger) and write results/<name>/; without a config, --profiles and --households run the paper's defaults on measured data",
  builder: (y) =>
    y
      .positional("config", { type: "string", describe: "JSON config file" })
      .option("seed", { type: "string", describe: "override the config's seed (a whole number >= 0)" })
      .option("out", { type: "string", describe: "output directory (default results/<name>)" })
      .option("profiles", {
        type: "string",
        describe: "measured profiles CSV (timestamp,household,pv_kwh,load_kwh)",
      })
      .option("replace", {
        type: "boolean",
        default: false,
        describe: "replace the output folder even if another command or config wrote it",
      })
      .option("households", {
        type: "string",
        describe: "households CSV (household,microgrid[,pv_kw]) for --profiles",
      })
      .option("quiet", { type: "boolean", default: false, describe: "print nothing but errors" }),
  handler: async (args) => (await import("./run.js")).run(args),
};

const validateCommand: CommandModule<object, ConfigArgs> = {
  command: "validate <config>",
  describe:
    "Check a config file and print it with every default filled in, the ledger models' options included",
  builder: (y) =>
    y.positional("config", { type: "string", demandOption: true, describe: "JSON config file" }),
  handler: async (args) => (await import("./run.js")).validate(args),
};

const sweepCommand: CommandModule<object, SweepArgs> = {
  command: "sweep <sweep.json>",
  describe:
    "Run every cell of a sweep (or one shard) on a worker pool; merges and writes summary.json and report.html when complete",
  builder: (y) =>
    y
      .positional("sweep.json", { type: "string", demandOption: true, describe: "sweep JSON file" })
      .option("jobs", { type: "number", describe: "worker threads (default: available cores)" })
      .option("shard", {
        type: "string",
        describe: "run only slice K of N (K/N), e.g. $SLURM_ARRAY_TASK_ID/N",
      })
      .option("out", { type: "string", describe: "output directory (default results/<name>)" })
      .option("replace", {
        type: "boolean",
        default: false,
        describe: "replace the output folder even if another command or config wrote it",
      })
      .option("quiet", { type: "boolean", default: false, describe: "print nothing but errors" }),
  handler: async (args) => (await import("./sweep.js")).sweep(args),
};

const mergeCommand: CommandModule<object, MergeArgs> = {
  command: "merge <dirs..>",
  describe: "Merge the shard directories of one sweep into one set of result tables, summary and report",
  builder: (y) =>
    y
      .positional("dirs", {
        type: "string",
        array: true,
        demandOption: true,
        default: undefined,
        describe: "shard output directories",
      })
      .option("out", { type: "string", demandOption: true, describe: "merged output directory" })
      .option("replace", {
        type: "boolean",
        default: false,
        describe: "replace the output folder even if another command or config wrote it",
      }),
  handler: async (args) => (await import("./sweep.js")).merge(args),
};

const reproduceCommand: CommandModule<object, ReproduceArgs> = {
  command: "reproduce",
  describe:
    "Reproduce the paper on the synthetic and the measured week: full runs, seed replications, a reduced readings map, report",
  builder: (y) =>
    y
      .option("out", { type: "string", default: DEFAULT_REPRODUCE_DIR, describe: "output directory" })
      .option("seeds", { type: "number", default: 10, describe: "replications (seeds) per dataset" })
      .option("jobs", { type: "number", describe: "worker threads (default: available cores)" })
      .option("map", {
        type: "boolean",
        default: true,
        describe: "include the reduced readings map (--no-map: skip)",
      })
      .option("beyond", {
        type: "boolean",
        default: true,
        describe: "include batteries and EVs beyond the paper (--no-beyond: skip)",
      })
      .option("replace", {
        type: "boolean",
        default: false,
        describe: "replace the output folder even if another command or config wrote it",
      })
      .option("pdf", {
        type: "boolean",
        default: true,
        describe:
          "print report.pdf beside each report.html when headless Chromium is present (--no-pdf: skip)",
      })
      .option("quiet", { type: "boolean", default: false, describe: "print nothing but errors" }),
  handler: async (args) => (await import("./reproduce.js")).reproducePaper(args),
};

const readingsCommand: CommandModule<object, ReadingsArgs> = {
  command: "readings",
  describe:
    "Sweep every reading of the paper (data x shift x limits x level 2 x equations x Algorithm 1 x eq. 1, averaging and basis) and rank them by distance to the paper",
  builder: (y) =>
    y
      .option("out", { type: "string", default: DEFAULT_READINGS_DIR, describe: "output directory" })
      .option("seeds", { type: "number", default: 5, describe: "seeds per reading" })
      .option("jobs", { type: "number", describe: "worker threads (default: available cores)" })
      .option("reduced", { type: "boolean", default: false, describe: "only the reduced map of reproduce" })
      .option("doc", {
        type: "string",
        describe: "also write this fidelity document (e.g. docs/fidelity.md)",
      })
      .option("replace", {
        type: "boolean",
        default: false,
        describe: "replace the output folder even if another command or config wrote it",
      })
      .option("quiet", { type: "boolean", default: false, describe: "print nothing but errors" }),
  handler: async (args) => (await import("./reproduce.js")).readings(args),
};

const table1Command: CommandModule<object, Table1Args> = {
  command: "table1",
  describe:
    "Table I then and now: the paper's setup under the ledgers of 2022 and of today, every figure with its source",
  builder: (y) =>
    y
      .option("config", { type: "string", default: PAPER_CONFIG, describe: "config to run" })
      .option("ledgers", {
        type: "string",
        describe: "comma-separated ledgers (default: every registered ledger with a model)",
      })
      .option("json", { type: "boolean", default: false, describe: "print summary.json's table1 block" }),
  handler: async (args) => (await import("./reproduce.js")).table1(args),
};

const reportCommand: CommandModule<object, ReportArgs> = {
  command: "report <dir>",
  describe: "Redraw the charts and report.html of a results or sweep directory",
  builder: (y) =>
    y
      .positional("dir", {
        type: "string",
        demandOption: true,
        describe: "results or merged sweep directory",
      })
      .option("pdf", {
        type: "boolean",
        default: false,
        describe: "also print report.pdf with headless Chromium (skipped with a note when it is missing)",
      }),
  handler: async (args) => (await import("./reproduce.js")).report(args),
};

// yargs' CommandModule is invariant in its argument type; the list mixes commands of several.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  runCommand,
  validateCommand,
  sweepCommand,
  mergeCommand,
  reproduceCommand,
  readingsCommand,
  table1Command,
  reportCommand,
];
