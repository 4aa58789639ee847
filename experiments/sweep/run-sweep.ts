// Runs a sweep's cells (all, or one shard) on a worker-thread pool, skipping finished cells, then
// merges when every cell of the sweep is present.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { existsSync, readFileSync } from "node:fs";
import { jsonText, writeFileAtomic } from "../io/atomic.js";
import {
  checkFolder,
  configHash,
  readManifest,
  removeFolder,
  writeManifest,
  type Owner,
} from "../io/folder.js";
import { shardCells, type Cell, type Sweep } from "./cells.js";
import { mergeSweep, type SweepIndex } from "./merge.js";
import { InputError } from "../cli/errors.js";
import { writeSweepReport } from "../report/sweep.js";
import { cellDone, cellStale, removeStaleTemps, runCell, type CellTask } from "./run-cell.js";
import type { WorkerReply } from "./worker.js";

export interface SweepOptions {
  out: string;
  jobs?: number;
  shard?: { k: number; n: number };
  /** The sweep file, named in a cell's input error. */
  source?: string;
  /** Told of each cell that existed but is run again, and why (one line). */
  onNote?: (line: string) => void;
  /** Called after each finished cell with (done, total). */
  onProgress?: (done: number, total: number, cell: Cell) => void;
  /** Replace `out` even when another command or config wrote it. */
  replace?: boolean;
  /** SHA-256 of the sweep's input files, for the manifest. */
  inputs?: Record<string, string>;
}

export interface SweepOutcome {
  ran: number;
  skipped: number;
  merged: boolean;
}

function task(sweep: Sweep, cell: Cell, out: string): CellTask {
  return { config: cell.config, baseDir: sweep.baseDir, dir: join(out, "cells", cell.id) };
}

/** What a sweep runs, as its manifest's config hash sees it: every cell's resolved config. */
export function sweepOwner(sweep: Sweep): Owner {
  return {
    command: "sweep",
    configHash: configHash({
      name: sweep.name,
      varied: sweep.varied,
      cells: sweep.cells.map((c) => ({ id: c.id, params: c.params, config: c.config })),
    }),
  };
}

/**
 * Checks `out` before any cell runs. A sweep writes its cells in place so that it resumes and can be
 * sharded: its own folder (same sweep, unfinished or with files deleted) is continued; anything else
 * is refused, or with `replace` removed first.
 */
function claimSweepFolder(out: string, owner: Owner, index: SweepIndex, replace: boolean): void {
  const indexPath = join(out, "sweep.json");
  const unfinished =
    existsSync(indexPath) &&
    readManifest(out) === null &&
    readFileSync(indexPath, "utf8") === jsonText(index);
  if (unfinished) return checkFolder(out, owner, { replace: true });
  const manifest = readManifest(out);
  const mine = manifest?.command === owner.command && manifest.configHash === owner.configHash;
  if (replace && !mine) {
    checkFolder(out, owner, { replace: true });
    return removeFolder(out);
  }
  checkFolder(out, owner, { resumable: true });
}

export async function runSweep(sweep: Sweep, options: SweepOptions): Promise<SweepOutcome> {
  const index: SweepIndex = {
    name: sweep.name,
    varied: sweep.varied,
    cells: sweep.cells.map((c) => ({ id: c.id, params: c.params })),
  };
  const owner = sweepOwner(sweep);
  // An interrupted write may have left temporary files (`.<file>.tmp-…`, ours by name): removed
  // before the folder is checked, and in each cell below.
  removeStaleTemps(options.out);
  claimSweepFolder(options.out, owner, index, options.replace === true);
  writeFileAtomic(join(options.out, "sweep.json"), jsonText(index));
  const mine = options.shard === undefined ? sweep.cells : shardCells(sweep.cells, options.shard);
  const todo = mine.filter((c) => {
    const dir = join(options.out, "cells", c.id);
    removeStaleTemps(dir);
    const why = cellStale(dir, c.config);
    // A cell that was never started needs no note; one that was, and cannot be reused, does.
    if (why !== null && existsSync(dir)) options.onNote?.(`cell ${c.id}: run again (${why})`);
    return why !== null;
  });
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), todo.length));
  let done = mine.length - todo.length;
  const finished = (cell: Cell): void => {
    done++;
    options.onProgress?.(done, mine.length, cell);
  };
  // A cell's bad input (a CSV, a fault) names the sweep and the cell.
  const cellError = (cell: Cell, message: string) =>
    new InputError(
      `${options.source ?? sweep.name}: cell ${cell.id} ${JSON.stringify(cell.params)}: ${message}`,
    );
  if (jobs === 1) {
    for (const cell of todo) {
      try {
        runCell(task(sweep, cell, options.out));
      } catch (error) {
        if (error instanceof InputError) throw cellError(cell, error.message);
        throw error;
      }
      finished(cell);
    }
  } else {
    // From the TypeScript sources (tests, tsx) the workers need tsx too; compiled, plain node.
    const fromSource = import.meta.url.endsWith(".ts");
    const pool = new Piscina({
      filename: new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url).href,
      minThreads: jobs,
      maxThreads: jobs,
      ...(fromSource ? { execArgv: ["--import", "tsx"] } : {}),
    });
    try {
      await Promise.all(
        todo.map(async (cell) => {
          const reply = (await pool.run(task(sweep, cell, options.out))) as WorkerReply;
          if (!reply.ok) throw cellError(cell, reply.inputError);
          finished(cell);
        }),
      );
    } finally {
      await pool.destroy();
    }
  }
  const complete = sweep.cells.every((c) => cellDone(join(options.out, "cells", c.id), c.config));
  if (complete) {
    mergeSweep([options.out], options.out);
    await writeSweepReport(options.out);
    writeManifest(
      options.out,
      owner,
      { name: sweep.name, varied: sweep.varied, cells: sweep.cells.length },
      options.inputs ?? {},
    );
  }
  return { ran: todo.length, skipped: mine.length - todo.length, merged: complete };
}
