// Runs one sweep cell into its own directory. The cell's manifest.json is written last, so its
// presence means the cell is complete (an interrupted sweep resumes by skipping those cells).
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { sha256 } from "../io/atomic.js";
import { provenance } from "../io/provenance.js";
import { basename, join } from "node:path";
import type { RunConfig } from "../config/schema.js";
import { writeResults } from "../io/results.js";
import { buildSummary } from "../run/report-data.js";
import { simulate } from "../run/simulate.js";

export interface CellTask {
  config: RunConfig;
  baseDir: string;
  dir: string;
}

/**
 * Why the cell in `dir` cannot be reused for `config`, or null when it can: its manifest must
 * exist, record the same resolved config and the same simulator (version, commit and dirty flag),
 * and every file it lists must be there with its hash. A cell that fails is run again.
 */
export function cellStale(dir: string, config: RunConfig): string | null {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return "not finished (no manifest.json)";
  let manifest: { config?: unknown; simulator?: unknown; files?: Record<string, string> };
  try {
    manifest = JSON.parse(readFileSync(path, "utf8")) as typeof manifest;
  } catch {
    return "its manifest.json is not valid JSON";
  }
  if (JSON.stringify(manifest.config) !== JSON.stringify(config)) return "written for another config";
  const { name, version, gitCommit, dirty } = provenance().simulator;
  const now = JSON.stringify({ name, version, gitCommit, dirty });
  const then = manifest.simulator as Record<string, unknown> | undefined;
  if (
    then === undefined ||
    JSON.stringify({
      name: then.name,
      version: then.version,
      gitCommit: then.gitCommit,
      dirty: then.dirty,
    }) !== now
  )
    return "written by another version of the simulator";
  for (const [file, hash] of Object.entries(manifest.files ?? {})) {
    const full = join(dir, file);
    if (!existsSync(full)) return `${file} is missing`;
    if (sha256(readFileSync(full)) !== hash) return `${file} does not match its hash`;
  }
  return null;
}

/** Whether the cell in `dir` is finished for `config` and intact (cellStale says why not). */
export function cellDone(dir: string, config: RunConfig): boolean {
  return cellStale(dir, config) === null;
}

/** Removes temporary files an interrupted write left under `dir` (names `.<file>.tmp-…`). */
export function removeStaleTemps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const stale = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((path) => {
      const name = basename(path);
      return name.startsWith(".") && name.includes(".tmp-");
    });
  for (const path of stale) rmSync(join(dir, path), { recursive: true, force: true });
  return stale;
}

export function runCell(task: CellTask): string {
  const result = simulate(task.config, task.baseDir);
  writeResults(task.dir, result, buildSummary(result), { command: "sweep" });
  return task.dir;
}
