// Writes benchmark figures to results/bench/<name>.json (atomically) with the machine they ran on,
// so that a figure is never separated from its context.
import { writeFileAtomic } from "../../experiments/io/atomic.js";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { Task } from "tinybench";

export interface MachineInfo {
  node: string;
  platform: string;
  arch: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: cpuList[0]?.model ?? "unknown",
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

/** Writes `{ name, machine, ...figures }` to `results/bench/<name>.json` and returns the path. */
export function writeBenchJson(
  name: string,
  figures: Record<string, unknown>,
  dir = "results/bench",
): string {
  const path = join(dir, `${name}.json`);
  writeFileAtomic(path, `${JSON.stringify({ name, machine: machineInfo(), ...figures }, null, 2)}\n`);
  return path;
}

/** Median latency (ms) of a finished tinybench task; throws when the task did not complete. */
export function medianMs(task: Task): number {
  const r = task.result;
  if (r.state !== "completed") throw new Error(`${task.name}: ${r.state}`);
  return r.latency.p50;
}
