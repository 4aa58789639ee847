// `p2psim sweep <config>` and `p2psim merge <dirs...>` (options in commands.ts).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { checkFolder, configHash, dataInputs, hashInputs, writeFolder, writeManifest } from "../io/folder.js";
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
  const base = (JSON.parse(readFileSync(args["sweep.json"], "utf8")) as { base?: unknown }).base;
  const inputs = hashInputs([
    args["sweep.json"],
    ...(typeof base === "string" ? [resolve(dirname(args["sweep.json"]), base)] : []),
    ...sweep.cells.flatMap((c) => dataInputs(sweep.baseDir, c.config)),
  ]);
  const bar = progress(args.quiet, "cells");
  const outcome = await runSweep(sweep, {
    out,
    inputs,
    replace: args.replace === true,
    ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
    ...(args.shard !== undefined ? { shard: parseShard(args.shard) } : {}),
    source: file,
    onNote: (line) => {
      if (!args.quiet) process.stderr.write(`p2psim: ${line}\n`);
    },
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
  if (args.dirs.some((d) => resolve(d) === resolve(args.out)))
    throw new InputError(`--out: ${args.out} is one of the folders to merge; merge into a new folder`);
  const indexPath = join(args.dirs[0]!, "sweep.json");
  const index = existsSync(indexPath) ? readFileSync(indexPath, "utf8") : "";
  const owner = { command: "merge", configHash: configHash({ sweep: index }) };
  checkFolder(args.out, owner, { replace: args.replace === true });
  const r = await writeFolder(args.out, async (tmp) => {
    const merged = mergeSweep(args.dirs, tmp);
    await writeSweepReport(tmp);
    writeManifest(tmp, owner, { shards: args.dirs.length, cells: merged.cells }, {});
    return merged;
  });
  process.stdout.write(`merged ${r.cells} cells into ${args.out}/\n`);
}
