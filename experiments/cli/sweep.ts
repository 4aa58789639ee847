// `p2psim sweep <config>` and `p2psim merge <dirs...>` (options in commands.ts).
import { join } from "node:path";
import { loadSweep, parseShard, preloadSweepPlugins } from "../sweep/cells.js";
import { mergeSweep } from "../sweep/merge.js";
import { runSweep } from "../sweep/run-sweep.js";
import { writeSweepReport } from "../report/sweep.js";
import type { MergeArgs, SweepArgs } from "./args.js";
import { InputError } from "./errors.js";
import { progress } from "./progress.js";

export async function sweep(args: SweepArgs): Promise<void> {
  if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1))
    throw new InputError(`--jobs: expected a positive integer, got ${args.jobs}`);
  const file = args["sweep.json"];
  await preloadSweepPlugins(file);
  const sweep = loadSweep(file);
  const out = args.out ?? join("results", sweep.name);
  const bar = progress(args.quiet, "cells");
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
}

export async function merge(args: MergeArgs): Promise<void> {
  const r = mergeSweep(args.dirs, args.out);
  await writeSweepReport(args.out);
  process.stdout.write(`merged ${r.cells} cells into ${args.out}/\n`);
}
