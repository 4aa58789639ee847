// The benchmark's floor must do the same work as the kernel: the same pops at the same times.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BareHeap } from "../../bench/lib/bare-heap.js";
import { Kernel, type Handler } from "../../sim/kernel/kernel.js";
import { Streams } from "../../sim/kernel/random.js";

test("the bare heap pops the same time sequence as the kernel on the hold workload", () => {
  const rng = new Streams(3).get("test/bare-heap");
  // Small integer delays make equal times common. (The bare heap's sequence tie-break is not
  // observable through its API; equal pop times show both hold the same multiset of keys.)
  const delays = Array.from({ length: 20_000 }, () => rng.int(0, 30));
  const bareTimes: number[] = [];
  const kernelTimes: number[] = [];

  const kernel = new Kernel();
  let j = 0;
  const hold: Handler = (_id, k) => {
    kernelTimes.push(k.now);
    k.scheduleAfter(delays[j]!, hold, 0, j++);
  };
  for (let i = 0; i < 500; i++) kernel.schedule(delays[j]!, hold, 0, j++);
  kernel.run({ maxEvents: 19_000 });

  const heap = new BareHeap(4);
  for (let i = 0; i < 500; i++) heap.push(delays[i]!);
  for (let i = 500; i < 19_500; i++) {
    const now = heap.pop();
    bareTimes.push(now);
    heap.push(now + delays[i]!);
  }
  assert.deepEqual(bareTimes, kernelTimes);
});
