import { test } from "node:test";
import assert from "node:assert/strict";
import { Kernel } from "../../sim/kernel/kernel.js";
import { spawn, type Process } from "../../sim/kernel/process.js";

/** A process that records the clock at each step and waits the given delays in turn. */
function* waits(kernel: Kernel, delays: number[], seen: number[]): Process {
  for (const d of delays) {
    seen.push(kernel.now);
    yield d;
  }
  seen.push(kernel.now);
}

test("a spawned process starts at the current time and resumes after each yielded delay", () => {
  const kernel = new Kernel();
  const seen: number[] = [];
  kernel.run({ until: 100 });
  spawn(kernel, waits(kernel, [5, 10, 0], seen));
  kernel.run();
  assert.deepEqual(seen, [100, 105, 115, 115]);
});

test("a process does not start before spawn's delay", () => {
  const kernel = new Kernel();
  const seen: number[] = [];
  spawn(kernel, waits(kernel, [3], seen), 20);
  kernel.run();
  assert.deepEqual(seen, [20, 23]);
});

test("a finished process leaves no pending event", () => {
  const kernel = new Kernel();
  spawn(kernel, waits(kernel, [1, 2], []));
  kernel.run();
  assert.deepEqual([kernel.pending, kernel.now], [0, 3]);
});

test("stopping a process cancels its next step, so the clock does not move to it", () => {
  const kernel = new Kernel();
  const seen: number[] = [];
  const stop = spawn(kernel, waits(kernel, [10, 1000], seen));
  kernel.run({ until: 50 });
  stop();
  kernel.run();
  assert.deepEqual([seen, kernel.pending, kernel.now], [[0, 10], 0, 50]);
});

test("a process can stop itself from inside its own step", () => {
  const kernel = new Kernel();
  const seen: number[] = [];
  let stop = (): void => {};
  function* selfStopping(): Process {
    seen.push(kernel.now);
    yield 5;
    seen.push(kernel.now);
    stop();
    yield 5;
    seen.push(kernel.now);
  }
  stop = spawn(kernel, selfStopping());
  kernel.run();
  assert.deepEqual([seen, kernel.pending], [[0, 5], 0]);
});

test("stop is idempotent and harmless after the process finished", () => {
  const kernel = new Kernel();
  const stop = spawn(kernel, waits(kernel, [1], []));
  kernel.run();
  stop();
  stop();
  assert.equal(kernel.pending, 0);
});

test("interleaved processes step in time order, ties in spawn order", () => {
  const kernel = new Kernel();
  const log: string[] = [];
  function* named(name: string, delays: number[]): Process {
    for (const d of delays) {
      log.push(`${name}${kernel.now}`);
      yield d;
    }
  }
  spawn(kernel, named("a", [2, 2, 2]));
  spawn(kernel, named("b", [3, 1, 2]));
  kernel.run();
  assert.deepEqual(log, ["a0", "b0", "a2", "b3", "a4", "b4"]);
});

test("a process's priority orders its steps against same-time events", () => {
  const kernel = new Kernel();
  const log: string[] = [];
  kernel.schedule(4, () => log.push("event"));
  function* urgent(): Process {
    yield 4;
    log.push("process");
  }
  spawn(kernel, urgent(), 0, -1);
  kernel.run();
  assert.deepEqual(log, ["process", "event"]);
});

test("a process yielding an invalid delay throws a RangeError from the kernel", () => {
  const kernel = new Kernel();
  function* bad(): Process {
    yield 1.5;
  }
  spawn(kernel, bad());
  assert.throws(() => kernel.run(), { name: "RangeError", message: /delay must be a non-negative integer/ });
});
