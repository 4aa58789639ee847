// `p2psim sweep <config>` and `p2psim merge <dirs...>`.
import type { CommandModule } from "yargs";
import { join } from "node:path";
import { loadSweep, parseShard } from "../sweep/cells.js";
import { mergeSweep } from "../sweep/merge.js";
import { runSweep } from "../sweep/run-sweep.js";
import { InputError } from "./errors.js";
import { progress } from "./progress.js";

interface SweepArgs {
  config: string;
  jobs?: number;
  shard?: string;
  out?: string;
  quiet: boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: "sweep <config>",
  describe: "Run every cell of a sweep (or one shard) on a worker pool; merges when complete",
  builder: (y) =>
    y
      .positional("config", { type: "string", demandOption: true, describe: "sweep JSON file" })
      .option("jobs", { type: "number", describe: "worker threads (default: available cores)" })
      .option("shard", {
        type: "string",
        describe: "run only slice K of N (K/N), e.g. $SLURM_ARRAY_TASK_ID/N",
      })
      .option("out", { type: "string", describe: "output directory (default results/<name>)" })
      .option("quiet", { type: "boolean", default: false }),
  handler: async (args) => {
    if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1))
      throw new InputError(`--jobs: expected a positive integer, got ${args.jobs}`);
    const sweep = loadSweep(args.config);
    const out = args.out ?? join("results", sweep.name);
    const bar = progress(args.quiet);
    const outcome = await runSweep(sweep, {
      out,
      ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
      ...(args.shard !== undefined ? { shard: parseShard(args.shard) } : {}),
      onProgress: (done, total, cell) => bar.update(done, total, `${cell.id} ${JSON.stringify(cell.params)}`),
    });
    bar.stop();
    if (!args.quiet) {
      process.stdout.write(
        `${outcome.ran} cells run, ${outcome.skipped} already done; ${outcome.merged ? `merged into ${out}/` : "not merged yet (run the other shards, then p2psim merge)"}\n`,
      );
    }
  },
};

export const mergeCommand: CommandModule<object, { dirs: string[]; out: string }> = {
  command: "merge <dirs..>",
  describe: "Merge the shard directories of one sweep into one set of result tables",
  builder: (y) =>
    y
      .positional("dirs", { type: "string", array: true, demandOption: true })
      .option("out", { type: "string", demandOption: true }),
  handler: (args) => {
    const r = mergeSweep(args.dirs, args.out);
    process.stdout.write(`merged ${r.cells} cells into ${args.out}/\n`);
  },
};
