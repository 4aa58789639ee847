// Process-style helper on top of the kernel: a generator yields delays (ms) and resumes after
// each. It adds no behaviour to the kernel; it only schedules the generator's next step.
import type { Kernel } from "./kernel.js";

/** A process: a generator that yields the next delay in ms (a non-negative integer). */
export type Process = Generator<number, void, void>;

/**
 * Starts `process` at the current time (or after `delay` ms); each yielded number is a wait in
 * ms. Returns a function that stops the process before its next step.
 */
export function spawn(kernel: Kernel, process: Process, delay = 0, priority = 0): () => void {
  let stopped = false;
  const resume = (): void => {
    if (stopped) return;
    const next = process.next();
    if (next.done === true) return;
    kernel.scheduleAfter(next.value, resume, priority);
  };
  kernel.scheduleAfter(delay, resume, priority);
  return () => {
    stopped = true;
  };
}
