// Property tests: the kernel's firing order equals a naive reference's.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Kernel, type EventHandle } from "../../sim/kernel/kernel.js";

// Fixed seeds keep the suite reproducible; the runs are many and the inputs varied.
const SETTINGS = { seed: 20_240_601, numRuns: 300 };

const spec = fc.record({
  time: fc.integer({ min: 0, max: 30 }),
  priority: fc.integer({ min: -3, max: 3 }),
  cancelled: fc.boolean(),
});

test("firing order is the sort by (time, priority, insertion) of the non-cancelled events", () => {
  fc.assert(
    fc.property(fc.array(spec, { maxLength: 300 }), (specs) => {
      const kernel = new Kernel();
      const fired: number[] = [];
      const handles = specs.map((s, i) => kernel.schedule(s.time, (id) => fired.push(id), s.priority, i));
      specs.forEach((s, i) => s.cancelled && kernel.cancel(handles[i]!));
      kernel.run();
      const expected = specs
        .map((s, i) => ({ ...s, i }))
        .filter((s) => !s.cancelled)
        .sort((a, b) => a.time - b.time || a.priority - b.priority || a.i - b.i)
        .map((s) => s.i);
      assert.deepEqual(fired, expected);
    }),
    SETTINGS,
  );
});

/** What an event does when it fires: schedule children, cancel the event `cancelBack` ids earlier. */
interface Plan {
  children: { delay: number; priority: number }[];
  cancelBack: number;
}

const plan = fc.record({
  children: fc.array(
    fc.record({ delay: fc.integer({ min: 0, max: 5 }), priority: fc.integer({ min: -2, max: 2 }) }),
    {
      maxLength: 2,
    },
  ),
  cancelBack: fc.integer({ min: 0, max: 20 }),
});

const EVENTS = 400;
/** Children are only scheduled while fewer than this many events are live (keeps the heap small). */
const LIVE_CAP = 30;

// Event ids are assigned in scheduling order; event `id` follows plans[id % plans.length]. Each
// log line is "id@time:result of its cancel (true, false or - for none)".
function runKernel(plans: Plan[], seqLimit: number): string[] {
  const kernel = new Kernel({ seqLimit });
  const handles: EventHandle[] = [];
  const log: string[] = [];
  const fire = (id: number, k: Kernel): void => {
    const p = plans[id % plans.length]!;
    const target = p.cancelBack > 0 ? handles[id - p.cancelBack] : undefined;
    log.push(`${id}@${k.now}:${target === undefined ? "-" : k.cancel(target)}`);
    for (const c of p.children) {
      if (k.pending < LIVE_CAP) handles.push(k.scheduleAfter(c.delay, fire, c.priority, handles.length));
    }
  };
  handles.push(kernel.schedule(0, fire, 0, 0));
  kernel.run({ maxEvents: EVENTS });
  return log;
}

function runReference(plans: Plan[]): string[] {
  // All events ever scheduled, by id; `live` lists the ids of those neither fired nor cancelled,
  // in id (= scheduling) order.
  const events = [{ time: 0, priority: 0, live: true }];
  let live = [0];
  const log: string[] = [];
  for (let n = 0; n < EVENTS && live.length > 0; n++) {
    let id = live[0]!;
    for (const i of live) {
      const e = events[i]!;
      const b = events[id]!;
      // Scanning in scheduling order, only a strict improvement displaces the best so far.
      if (e.time < b.time || (e.time === b.time && e.priority < b.priority)) id = i;
    }
    const best = events[id]!;
    best.live = false;
    const p = plans[id % plans.length]!;
    const target = p.cancelBack > 0 ? events[id - p.cancelBack] : undefined;
    log.push(`${id}@${best.time}:${target === undefined ? "-" : target.live}`);
    if (target !== undefined) target.live = false;
    live = live.filter((i) => events[i]!.live);
    for (const c of p.children) {
      if (live.length < LIVE_CAP) {
        live.push(events.length);
        events.push({ time: best.time + c.delay, priority: c.priority, live: true });
      }
    }
  }
  return log;
}

const plans = fc.array(plan, { minLength: 1, maxLength: 40 });

test("events scheduling and cancelling events fire as in a naive reference", () => {
  fc.assert(
    fc.property(plans, (ps) => {
      assert.deepEqual(runKernel(ps, 2 ** 32), runReference(ps));
    }),
    SETTINGS,
  );
});

test("with frequent sequence renumbering, events still fire as in the naive reference", () => {
  // At most LIVE_CAP live events plus a few cancelled ones sit in the heap, so a seqLimit of 64
  // fits and renumbers every few dozen schedules.
  fc.assert(
    fc.property(plans, (ps) => {
      assert.deepEqual(runKernel(ps, 64), runReference(ps));
    }),
    SETTINGS,
  );
});

test("the reference workloads are not trivial: some runs reach the event budget", () => {
  // Guards the two tests above against plans that die out after a handful of events.
  const sizes = fc.sample(plans, { seed: SETTINGS.seed, numRuns: 100 }).map((ps) => runReference(ps).length);
  assert.ok(sizes.filter((n) => n === EVENTS).length >= 20, `run lengths: ${sizes.join(" ")}`);
});
