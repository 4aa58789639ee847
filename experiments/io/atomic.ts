// Atomic file output: write to a temporary name in the same directory, then rename, so that a
// reader (or an interrupted run) never sees a half-written file.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { createHash } from "node:crypto";
import { threadId } from "node:worker_threads";

let counter = 0;

/**
 * Writes `data` to `path` atomically, creating parent directories. The temporary name is unique
 * per process, worker thread and call, so concurrent writers never share one.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${threadId}-${++counter}`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Stable JSON: object keys in insertion order, two-space indent, trailing newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
