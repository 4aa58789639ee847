// Process-style helper on top of the kernel: a generator yields delays (ms) and resumes after
// each. It adds no behaviour to the kernel; it only schedules the generator's next step.
//
// Assumptions: delays are integer ms (the kernel rejects anything else, from inside the step
// that yielded it). Stopping cancels the scheduled step, so a stopped process leaves no event
// behind to move the clock or count as pending; it does not run the generator's `finally`.
import type { EventHandle, Kernel } from "./kernel.js";

/** A process: a generator that yields the next delay in ms (a non-negative integer). */
export type Process = Generator<number, void, void>;

/**
 * Starts `process` at the current time (or after `delay` ms); each yielded number is a wait in
 * ms. Returns a function that stops the process before its next step (safe to call at any time,
 * also from inside the process, and more than once).
 */
export function spawn(kernel: Kernel, process: Process, delay = 0, priority = 0): () => void {
  let stopped = false;
  let handle: EventHandle | undefined;
  const resume = (): void => {
    handle = undefined;
    const next = process.next();
    if (next.done === true || stopped) return;
    handle = kernel.scheduleAfter(next.value, resume, priority);
  };
  handle = kernel.scheduleAfter(delay, resume, priority);
  return () => {
    stopped = true;
    if (handle !== undefined) kernel.cancel(handle);
    handle = undefined;
  };
}
