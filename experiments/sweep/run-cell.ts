// Runs one sweep cell into its own directory. The cell's manifest.json is written last, so its
// presence means the cell is complete (an interrupted sweep resumes by skipping those cells).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
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
 * Whether the cell in `dir` is finished for `config`: its manifest exists and records the same
 * resolved config (a cell left from an earlier version of the sweep is run again).
 */
export function cellDone(dir: string, config: RunConfig): boolean {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return false;
  try {
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { config?: unknown };
    return JSON.stringify(manifest.config) === JSON.stringify(config);
  } catch {
    return false;
  }
}

export function runCell(task: CellTask): string {
  const result = simulate(task.config, task.baseDir);
  writeResults(task.dir, result, buildSummary(result), { command: "sweep" });
  return task.dir;
}
