// Runs many measurements on a worker-thread pool. Results come back in task order whatever the
// number of workers or the order they finish in, so what is written from them is byte-identical
// for any --jobs.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { InputError } from "../cli/errors.js";
import { measure, type MeasureTask, type RunMeasures } from "./measure.js";
import type { MeasureReply } from "./measure-worker.js";

export interface PoolOptions {
  /** Worker threads (default: the machine's parallelism); 1 runs in this thread. */
  jobs?: number;
  /** Called after each finished task with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export async function measureAll(
  tasks: readonly MeasureTask[],
  options: PoolOptions = {},
): Promise<RunMeasures[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), tasks.length));
  let done = 0;
  const finished = (): void => options.onProgress?.(++done, tasks.length);
  if (jobs === 1) {
    return tasks.map((task) => {
      const m = measure(task);
      finished();
      return m;
    });
  }
  // From the TypeScript sources (tests, tsx) the workers need tsx too; compiled, plain node.
  const fromSource = import.meta.url.endsWith(".ts");
  const pool = new Piscina({
    filename: new URL(fromSource ? "./measure-worker.ts" : "./measure-worker.js", import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    ...(fromSource ? { execArgv: ["--import", "tsx"] } : {}),
  });
  try {
    return await Promise.all(
      tasks.map(async (task) => {
        const reply = (await pool.run(task)) as MeasureReply;
        if (!reply.ok) throw new InputError(reply.inputError);
        finished();
        return reply.measures;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
