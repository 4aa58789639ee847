import { test } from "node:test";
import assert from "node:assert/strict";
import { Kernel, PRIORITY_LIMIT, type EventHandle, type Handler } from "../../sim/kernel/kernel.js";

/** A kernel plus a log of fired event labels (the handler's payload). */
function logged(): { kernel: Kernel; log: number[]; record: Handler } {
  const kernel = new Kernel();
  const log: number[] = [];
  return { kernel, log, record: (id) => log.push(id) };
}

// --- ordering ---------------------------------------------------------------------------------

test("events at equal time and priority run in scheduling order", () => {
  const { kernel, log, record } = logged();
  // 200 entries force several heap growths and deep sifts.
  for (let i = 0; i < 200; i++) kernel.schedule(7, record, 0, i);
  kernel.run();
  assert.deepEqual(
    log,
    Array.from({ length: 200 }, (_, i) => i),
  );
});

test("at equal time the lower priority value runs first, whatever the scheduling order", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(5, record, 3, 0);
  kernel.schedule(5, record, -1, 1);
  kernel.schedule(5, record, 0, 2);
  kernel.schedule(5, record, -1, 3);
  kernel.run();
  assert.deepEqual(log, [1, 3, 2, 0]);
});

test("an earlier time runs first even with a larger priority value", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(10, record, -5, 0);
  kernel.schedule(9, record, 5, 1);
  kernel.run();
  assert.deepEqual(log, [1, 0]);
});

test("an event a handler schedules at the current time runs after queued same-time events of its priority", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(10, (_d, k) => {
    log.push(0);
    k.schedule(k.now, record, 0, 3); // same time, same priority: behind 1
    k.schedule(k.now, record, 1, 4); // same time, larger priority: behind 2 and 3
  });
  kernel.schedule(10, record, 0, 1);
  kernel.schedule(10, record, 1, 2);
  kernel.run();
  assert.deepEqual(log, [0, 1, 3, 2, 4]);
});

test("an event a handler schedules at the current time with a lower priority value runs next", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(10, (_d, k) => {
    log.push(0);
    k.scheduleAfter(0, record, -1, 2);
  });
  kernel.schedule(10, record, 0, 1);
  kernel.run();
  assert.deepEqual(log, [0, 2, 1]);
});

test("handlers receive their payload and the kernel, with the clock at the event's time", () => {
  const kernel = new Kernel();
  const seen: [number, Kernel, number][] = [];
  kernel.schedule(42, (data, k) => seen.push([data, k, k.now]), 0, 3.25);
  kernel.run();
  assert.deepEqual(seen, [[3.25, kernel, 42]]);
});

// --- cancellation -----------------------------------------------------------------------------

test("cancelling an event before it fires prevents it", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(1, record, 0, 1);
  const h = kernel.schedule(2, record, 0, 2);
  kernel.schedule(3, record, 0, 3);
  assert.equal(kernel.cancel(h), true);
  kernel.run();
  assert.deepEqual(log, [1, 3]);
});

test("cancel returns false for an event that already fired", () => {
  const { kernel, record } = logged();
  const h = kernel.schedule(1, record);
  kernel.run();
  assert.equal(kernel.cancel(h), false);
});

test("cancel returns false for an event already cancelled", () => {
  const { kernel, record } = logged();
  const h = kernel.schedule(1, record);
  kernel.cancel(h);
  assert.equal(kernel.cancel(h), false);
});

test("a stale handle does not cancel a later event that reuses its slot", () => {
  const { kernel, log, record } = logged();
  const stale = kernel.schedule(1, record, 0, 1);
  kernel.run();
  kernel.schedule(2, record, 0, 2); // recycles the freed slot
  assert.equal(kernel.cancel(stale), false);
  kernel.run();
  assert.deepEqual(log, [1, 2]);
});

test("cancel returns false for numbers that were never handles", () => {
  const { kernel, record } = logged();
  kernel.schedule(1, record);
  for (const h of [-1, 1.5, NaN, 2 ** 60, 12345]) assert.equal(kernel.cancel(h as EventHandle), false);
  assert.equal(kernel.pending, 1);
});

test("pending counts scheduled events until they fire or are cancelled", () => {
  const { kernel, record } = logged();
  const counts = [kernel.pending];
  const a = kernel.schedule(1, record);
  kernel.schedule(2, record);
  counts.push(kernel.pending);
  kernel.cancel(a);
  counts.push(kernel.pending);
  kernel.cancel(a);
  counts.push(kernel.pending);
  kernel.step();
  counts.push(kernel.pending);
  assert.deepEqual(counts, [0, 2, 1, 1, 0]);
});

test("after cancelling the head, peek gives the next live event's time", () => {
  const { kernel, record } = logged();
  const head = kernel.schedule(5, record);
  kernel.schedule(8, record);
  kernel.cancel(head);
  assert.equal(kernel.peek(), 8);
});

test("after cancelling the head, step runs the next live event", () => {
  const { kernel, log, record } = logged();
  const head = kernel.schedule(5, record, 0, 1);
  kernel.schedule(8, record, 0, 2);
  kernel.cancel(head);
  assert.equal(kernel.step(), true);
  assert.deepEqual([log, kernel.now], [[2], 8]);
});

test("an event can be cancelled by a handler running at the same time", () => {
  const { kernel, log, record } = logged();
  let victim = 0 as EventHandle;
  kernel.schedule(4, (_d, k) => {
    log.push(0);
    k.cancel(victim);
  });
  victim = kernel.schedule(4, record, 0, 1);
  kernel.run();
  assert.deepEqual(log, [0]);
});

// --- step and peek ----------------------------------------------------------------------------

test("step on an empty kernel returns false and leaves the clock alone", () => {
  const kernel = new Kernel();
  assert.deepEqual([kernel.step(), kernel.now, kernel.processed], [false, 0, 0]);
});

test("peek on an empty kernel returns Infinity", () => {
  assert.equal(new Kernel().peek(), Infinity);
});

test("step and peek treat a kernel holding only cancelled events as empty", () => {
  const { kernel, record } = logged();
  kernel.cancel(kernel.schedule(3, record));
  assert.deepEqual([kernel.peek(), kernel.step(), kernel.pending], [Infinity, false, 0]);
});

test("step runs exactly one event and advances the clock to it", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(3, record, 0, 1);
  kernel.schedule(6, record, 0, 2);
  kernel.step();
  assert.deepEqual([log, kernel.now, kernel.processed, kernel.peek()], [[1], 3, 1, 6]);
});

// --- run boundaries ---------------------------------------------------------------------------

test("run({until}) runs the events strictly before until and sets the clock to until", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(0, record, 0, 0);
  kernel.schedule(9, record, 0, 9);
  kernel.schedule(10, record, 0, 10);
  const ran = kernel.run({ until: 10 });
  assert.deepEqual([ran, log, kernel.now], [2, [0, 9], 10]);
});

test("run({until}) leaves an event at exactly until pending", () => {
  const { kernel, record } = logged();
  kernel.schedule(10, record);
  kernel.run({ until: 10 });
  assert.deepEqual([kernel.pending, kernel.peek()], [1, 10]);
});

test("a later run fires the event that was at the previous until", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(10, record, 0, 10);
  kernel.run({ until: 10 });
  kernel.run({ until: 11 });
  assert.deepEqual([log, kernel.now], [[10], 11]);
});

test("run({until}) on an empty kernel advances the clock", () => {
  const kernel = new Kernel();
  kernel.run({ until: 1234 });
  assert.equal(kernel.now, 1234);
});

test("run({until: now}) runs nothing", () => {
  const { kernel, record } = logged();
  kernel.run({ until: 5 });
  kernel.schedule(5, record);
  assert.deepEqual([kernel.run({ until: 5 }), kernel.pending], [0, 1]);
});

test("run() without options runs every event and leaves the clock at the last one", () => {
  const { kernel, record } = logged();
  kernel.schedule(4, record);
  kernel.schedule(17, record);
  assert.deepEqual([kernel.run(), kernel.now, kernel.pending], [2, 17, 0]);
});

test("run rejects an until before now or not an integer", () => {
  const kernel = new Kernel();
  kernel.run({ until: 100 });
  for (const until of [99, 100.5, NaN]) {
    assert.throws(() => kernel.run({ until }), {
      name: "RangeError",
      message: /until must be an integer ms/,
    });
  }
});

test("run rejects a negative or NaN maxEvents", () => {
  const kernel = new Kernel();
  for (const maxEvents of [-1, NaN]) assert.throws(() => kernel.run({ maxEvents }), RangeError);
});

// --- maxEvents --------------------------------------------------------------------------------

test("run({maxEvents}) stops after that many events and returns the count", () => {
  const { kernel, log, record } = logged();
  for (let i = 0; i < 5; i++) kernel.schedule(i, record, 0, i);
  assert.deepEqual([kernel.run({ maxEvents: 3 }), log, kernel.pending], [3, [0, 1, 2], 2]);
});

test("run({maxEvents, until}) stopped early keeps the clock at the last event, not until", () => {
  const { kernel, record } = logged();
  for (let i = 0; i < 5; i++) kernel.schedule(i, record);
  kernel.run({ until: 100, maxEvents: 2 });
  assert.equal(kernel.now, 1);
});

test("run({maxEvents, until}) that used its budget on the last event before until moves to until", () => {
  const { kernel, record } = logged();
  kernel.schedule(1, record);
  kernel.schedule(2, record);
  kernel.schedule(500, record);
  kernel.run({ until: 100, maxEvents: 2 });
  assert.equal(kernel.now, 100);
});

test("run({maxEvents: 0}) runs nothing", () => {
  const { kernel, record } = logged();
  kernel.schedule(1, record);
  assert.deepEqual([kernel.run({ maxEvents: 0 }), kernel.pending], [0, 1]);
});

test("processed accumulates across runs and steps", () => {
  const { kernel, record } = logged();
  for (let i = 0; i < 6; i++) kernel.schedule(i, record);
  kernel.run({ maxEvents: 2 });
  kernel.step();
  kernel.run();
  assert.equal(kernel.processed, 6);
});

// --- validation -------------------------------------------------------------------------------

test("scheduling in the past throws a RangeError naming both times", () => {
  const { kernel, record } = logged();
  kernel.run({ until: 10 });
  assert.throws(() => kernel.schedule(5, record), {
    name: "RangeError",
    message: "Kernel.schedule: cannot schedule in the past (at 5 ms, now 10 ms)",
  });
});

test("schedule rejects times that are not safe integers", () => {
  const { kernel, record } = logged();
  for (const at of [1.5, NaN, Infinity, -Infinity, 2 ** 53]) {
    assert.throws(() => kernel.schedule(at, record), {
      name: "RangeError",
      message: /time must be an integer number of ms/,
    });
  }
});

test("scheduleAfter rejects negative, fractional and non-finite delays", () => {
  const { kernel, record } = logged();
  for (const delay of [-1, 0.5, NaN, Infinity, 2 ** 53]) {
    assert.throws(() => kernel.scheduleAfter(delay, record), {
      name: "RangeError",
      message: /delay must be a non-negative integer ms/,
    });
  }
});

test("a rejected schedule leaves the kernel unchanged", () => {
  const { kernel, record } = logged();
  assert.throws(() => kernel.schedule(1.5, record));
  assert.throws(() => kernel.schedule(1, record, 0.5));
  assert.deepEqual([kernel.pending, kernel.peek()], [0, Infinity]);
});

test("priorities must be integers in [-2^20, 2^20)", () => {
  const { kernel, record } = logged();
  for (const p of [0.5, NaN, PRIORITY_LIMIT, -PRIORITY_LIMIT - 1, 2 ** 31]) {
    assert.throws(() => kernel.schedule(1, record, p), {
      name: "RangeError",
      message: /priority must be an integer/,
    });
  }
});

test("the extreme priorities are accepted and ordered", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(1, record, PRIORITY_LIMIT - 1, 1);
  kernel.schedule(1, record, -PRIORITY_LIMIT, 0);
  kernel.run();
  assert.deepEqual(log, [0, 1]);
});

test("schedule accepts the largest safe integer time", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(Number.MAX_SAFE_INTEGER, record, 0, 1);
  kernel.run();
  assert.deepEqual([log, kernel.now], [[1], Number.MAX_SAFE_INTEGER]);
});

test("run called from a handler throws", () => {
  const kernel = new Kernel();
  kernel.schedule(1, (_d, k) => k.run());
  assert.throws(() => kernel.run(), /already running/);
});

test("a handler's exception propagates and the kernel stays usable", () => {
  const { kernel, log, record } = logged();
  kernel.schedule(1, () => {
    throw new Error("boom");
  });
  kernel.schedule(2, record, 0, 2);
  assert.throws(() => kernel.run(), /boom/);
  kernel.run();
  assert.deepEqual([log, kernel.now, kernel.processed], [[2], 2, 2]);
});

test("the Kernel constructor rejects a bad seqLimit", () => {
  for (const seqLimit of [1, 2.5, 2 ** 32 + 1]) assert.throws(() => new Kernel({ seqLimit }), RangeError);
});

test("after most pending events are cancelled, the rest fire in order and the cancelled stay cancelled", () => {
  // Cancelling more than half of a large heap triggers its compaction.
  const { kernel, log, record } = logged();
  const handles = Array.from({ length: 1_000 }, (_, i) => kernel.schedule(1_000 - i, record, 0, i));
  handles.forEach((h, i) => i % 10 !== 0 && kernel.cancel(h));
  const recancelled = handles.filter((h, i) => i % 10 !== 0 && kernel.cancel(h)).length;
  kernel.run();
  const expected = handles
    .map((_, i) => i)
    .filter((i) => i % 10 === 0)
    .reverse();
  assert.deepEqual([recancelled, kernel.processed, log], [0, 100, expected]);
});

test("renumbering sequence numbers throws when more events are pending than seqLimit allows", () => {
  const { record } = logged();
  const kernel = new Kernel({ seqLimit: 4 });
  for (let i = 0; i < 4; i++) kernel.schedule(1, record);
  assert.throws(() => kernel.schedule(1, record), { name: "RangeError", message: /exceed seqLimit 4/ });
});
