// Worker-thread entry of the sweep pool (piscina): runs one cell. Errors do not keep their class
// across threads, so bad input is returned as data and rethrown as an InputError by the caller
// (the exit code must not depend on --jobs).
import { InputError } from "../cli/errors.js";
import { runCell, type CellTask } from "./run-cell.js";

export type WorkerReply = { ok: true } | { ok: false; inputError: string };

export default function work(task: CellTask): WorkerReply {
  try {
    runCell(task);
    return { ok: true };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, inputError: error.message };
    throw error;
  }
}
