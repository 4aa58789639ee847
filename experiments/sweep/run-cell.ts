// Runs one sweep cell into its own directory. The cell's manifest.json is written last, so its
// presence means the cell is complete (an interrupted sweep resumes by skipping those cells).
import { existsSync } from "node:fs";
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

export function cellDone(dir: string): boolean {
  return existsSync(join(dir, "manifest.json"));
}

export function runCell(task: CellTask): string {
  const result = simulate(task.config, task.baseDir);
  writeResults(task.dir, result, buildSummary(result));
  return task.dir;
}
