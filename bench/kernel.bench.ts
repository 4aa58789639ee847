// Kernel throughput on the classic "hold" workload: pop the earliest event and schedule one at
// now + an exponential delay, so the number of pending events stays fixed. Run at 10, 1,000 and
// 100,000 pending events, for the Kernel and for a bare typed-array heap doing the same work (the
// floor). Delays are drawn once up front into a Float64Array so that RNG cost is not measured.
//
//   node --import tsx bench/kernel.bench.ts
//
// Writes results/bench/kernel.json.
import { Bench, type Task } from "tinybench";
import { Kernel, Streams, type Handler } from "../sim/kernel/index.js";
import { BareHeap } from "./lib/bare-heap.js";
import { writeBenchJson } from "./lib/report.js";

const SIZES = [10, 1_000, 100_000] as const;
/** Events per task iteration: large enough that timer resolution and call overhead vanish. */
const BATCH = 200_000;
/** Mean hold delay (ms); integer delays, so equal times (tie-breaks by sequence) do occur. */
const MEAN_DELAY_MS = 1_000;
const DELAY_COUNT = 1 << 16;
const DELAY_MASK = DELAY_COUNT - 1;

function makeDelays(): Float64Array {
  const stream = new Streams(20240601).get("bench/kernel/delays");
  const delays = new Float64Array(DELAY_COUNT);
  for (let i = 0; i < DELAY_COUNT; i++) delays[i] = Math.round(stream.exponential(1 / MEAN_DELAY_MS));
  return delays;
}

const delays = makeDelays();

interface HoldCase {
  fill(pending: number): void;
  /** Runs `BATCH` hold operations. */
  hold(): void;
}

function kernelCase(): HoldCase {
  let kernel = new Kernel();
  let j = 0;
  const hold: Handler = (_data, k) => {
    k.scheduleAfter(delays[j++ & DELAY_MASK]!, hold);
  };
  return {
    fill(pending) {
      kernel = new Kernel();
      j = 0;
      for (let i = 0; i < pending; i++) kernel.schedule(delays[j++ & DELAY_MASK]!, hold);
    },
    hold() {
      kernel.run({ maxEvents: BATCH });
    },
  };
}

function bareCase(): HoldCase {
  let heap = new BareHeap();
  let j = 0;
  return {
    fill(pending) {
      heap = new BareHeap();
      j = 0;
      for (let i = 0; i < pending; i++) heap.push(delays[j++ & DELAY_MASK]!);
    },
    hold() {
      const h = heap;
      for (let i = 0; i < BATCH; i++) {
        const now = h.pop();
        h.push(now + delays[j++ & DELAY_MASK]!);
      }
    },
  };
}

interface Figure {
  pending: number;
  impl: "kernel" | "bare";
  eventsPerSec: number;
  eventsPerSecP50: number;
  rmePercent: number;
  samples: number;
}

function figureOf(task: Task, pending: number, impl: Figure["impl"]): Figure {
  const r = task.result;
  if (r.state !== "completed") throw new Error(`${task.name}: ${r.state}`);
  return {
    pending,
    impl,
    eventsPerSec: (BATCH * 1000) / r.latency.mean,
    eventsPerSecP50: (BATCH * 1000) / r.latency.p50,
    rmePercent: r.latency.rme,
    samples: r.latency.samplesCount,
  };
}

async function main(): Promise<void> {
  const bench = new Bench({ time: 1500, warmupTime: 300, iterations: 10, throws: true });
  const labels: { name: string; pending: number; impl: Figure["impl"] }[] = [];
  for (const pending of SIZES) {
    for (const [impl, c] of [
      ["kernel", kernelCase()],
      ["bare", bareCase()],
    ] as const) {
      const name = `${impl} hold @${pending}`;
      labels.push({ name, pending, impl });
      bench.add(name, () => c.hold(), { beforeAll: () => c.fill(pending) });
    }
  }
  await bench.run();

  const figures = labels.map(({ name, pending, impl }) => figureOf(bench.getTask(name)!, pending, impl));
  const ratios = SIZES.map((pending) => {
    const k = figures.find((f) => f.pending === pending && f.impl === "kernel")!;
    const b = figures.find((f) => f.pending === pending && f.impl === "bare")!;
    // Throughput ratio kernel/bare (1 = as fast as the floor; 0.5 = 2x slower).
    return { pending, kernelOverBare: k.eventsPerSec / b.eventsPerSec };
  });

  for (const f of figures) {
    const mev = (f.eventsPerSec / 1e6).toFixed(2);
    const p50 = (f.eventsPerSecP50 / 1e6).toFixed(2);
    console.log(
      `${f.impl.padEnd(6)} pending=${String(f.pending).padStart(7)}  ${mev} M events/s (p50 ${p50})  ±${f.rmePercent.toFixed(1)}%  n=${f.samples}`,
    );
  }
  for (const r of ratios) console.log(`ratio kernel/bare @${r.pending}: ${r.kernelOverBare.toFixed(2)}`);

  const path = writeBenchJson("kernel", {
    workload: "hold",
    batchEventsPerIteration: BATCH,
    meanDelayMs: MEAN_DELAY_MS,
    figures,
    ratios,
  });
  console.log(`wrote ${path}`);
}

await main();
