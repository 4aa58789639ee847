// A seeded random kernel workload for determinism tests: events schedule events with random
// delays (0 included, so same-time events are common) and priorities, and cancel random earlier
// events. The live population is held between 20 and 60 so runs neither die out nor explode.
import { createHash } from "node:crypto";
import { Kernel, type EventHandle, type Handler, type KernelOptions } from "../../sim/kernel/kernel.js";
import { Streams } from "../../sim/kernel/random.js";

const RECENT = 64;

/** Runs the workload for `events` events and returns its trace: (time, id, priority) triples. */
export function workloadTrace(seed: number, events = 20_000, options: KernelOptions = {}): number[] {
  const rng = new Streams(seed).get("test/kernel/workload");
  const kernel = new Kernel(options);
  const recent: EventHandle[] = [];
  const trace: number[] = [];
  const priorities: number[] = [];

  const schedule = (delay: number): void => {
    const id = priorities.length;
    const priority = rng.int(-2, 2);
    priorities.push(priority);
    recent[id % RECENT] = kernel.scheduleAfter(delay, handler, priority, id);
  };
  const handler: Handler = (id, k) => {
    trace.push(k.now, id, priorities[id]!);
    schedule(rng.int(0, 50));
    if (k.pending < 20 || (k.pending < 60 && rng.bernoulli(0.3))) schedule(rng.int(0, 50));
    if (rng.bernoulli(0.3)) kernel.cancel(recent[rng.int(0, recent.length - 1)]!);
  };

  for (let i = 0; i < 30; i++) schedule(rng.int(0, 20));
  kernel.run({ maxEvents: events });
  return trace;
}

/** SHA-256 (hex) of a numeric trace, taken over its float64 bytes. */
export function traceHash(trace: readonly number[]): string {
  return createHash("sha256")
    .update(new Uint8Array(Float64Array.from(trace).buffer))
    .digest("hex");
}
