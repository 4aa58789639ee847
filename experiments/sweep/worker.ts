// Worker-thread entry of the sweep pool (piscina): runs one cell. Errors do not keep their class
// across threads, so bad input is returned as data and rethrown as an InputError by the caller
// (the exit code must not depend on --jobs).
import { InputError } from "../cli/errors.js";
import { loadPlugins } from "../config/plugins.js";
import { runCell, type CellTask } from "./run-cell.js";

export type WorkerReply = { ok: true } | { ok: false; inputError: string };

export default async function work(task: CellTask): Promise<WorkerReply> {
  try {
    // This thread's registries know only the built-ins until the config's plugins are imported.
    await loadPlugins(task.config.plugins, task.baseDir);
    runCell(task);
    return { ok: true };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, inputError: error.message };
    throw error;
  }
}
