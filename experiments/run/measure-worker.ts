// Worker-thread entry of the measurement pool (piscina): runs one replication. Errors do not keep
// their class across threads, so bad input is returned as data and rethrown as an InputError by the
// caller (the exit code must not depend on the number of workers).
import { InputError } from "../cli/errors.js";
import { loadPlugins } from "../config/plugins.js";
import { measure, type MeasureTask, type RunMeasures } from "./measure.js";

export type MeasureReply = { ok: true; measures: RunMeasures } | { ok: false; inputError: string };

function pluginsOf(config: unknown): string[] {
  const specs = (config as { plugins?: unknown } | null)?.plugins;
  return Array.isArray(specs) ? specs.filter((s): s is string => typeof s === "string") : [];
}

export default async function work(task: MeasureTask): Promise<MeasureReply> {
  try {
    // This thread's registries know only the built-ins until the config's plugins are imported.
    await loadPlugins(pluginsOf(task.config), task.baseDir, task.source);
    return { ok: true, measures: measure(task) };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, inputError: error.message };
    throw error;
  }
}
