// Kernel throughput on the classic "hold" workload: pop the earliest event and schedule one at
// now + an exponential delay, so the number of pending events stays fixed. Run at 10, 1,000 and
// 100,000 pending events, for the Kernel and for a bare typed-array heap doing the same work (the
// floor). Delays are drawn once up front into a Float64Array so that RNG cost is not measured.
//
//   node --import tsx bench/kernel.bench.ts
//
// Writes results/bench/kernel.json. Delays are integer ms with mean 1 s, so equal times are common
// at 1,000 pending (~1 event per ms) and the rule at 100,000 (~100 per ms): the (time, sequence)
// tie-break is part of what is measured, on both sides.
//
// Noise: other processes share the two cores, so the clock is this process's CPU time (user +
// system, from process.cpuUsage), not wall time: time spent descheduled is not counted, though
// cache pollution by the neighbours still is. Kernel and bare tasks alternate, in several rounds;
// the headline is the best round's median. The 1-minute load average is recorded too.
import { loadavg } from "node:os";
import { Bench, type Task } from "tinybench";
import { Kernel, Streams, type Handler } from "../sim/kernel/index.js";
import { BareHeap } from "./lib/bare-heap.js";
import { writeBenchJson } from "./lib/report.js";

const SIZES = [10, 1_000, 100_000] as const;
/** Events per task iteration: large enough that timer resolution and call overhead vanish. */
const BATCH = 200_000;
const ROUNDS = 3;
const TASK_MS = 600;
/** Mean hold delay (ms); integer delays, so equal times (tie-breaks by sequence) do occur. */
const MEAN_DELAY_MS = 1_000;
const DELAY_COUNT = 1 << 16;
const DELAY_MASK = DELAY_COUNT - 1;

/** CPU time of this process in ms (microsecond resolution). */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

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

type Impl = "kernel" | "bare";

/** One task's result in one round, as events per second. */
interface RoundFigure {
  fromMean: number;
  fromMedian: number;
  rmePercent: number;
  samples: number;
}

interface Figure {
  pending: number;
  impl: Impl;
  /** Headline: the best round's median-based rate (the least disturbed by other processes). */
  eventsPerSec: number;
  /** Spread of the median-based rate over the rounds, as a noise indication. */
  eventsPerSecMinRound: number;
  rounds: RoundFigure[];
}

function roundFigure(task: Task): RoundFigure {
  const r = task.result;
  if (r.state !== "completed") throw new Error(`${task.name}: ${r.state}`);
  return {
    fromMean: (BATCH * 1000) / r.latency.mean,
    fromMedian: (BATCH * 1000) / r.latency.p50,
    rmePercent: r.latency.rme,
    samples: r.latency.samplesCount,
  };
}

/** Kernel and bare tasks alternate inside a round, so slow phases of the machine hit both. */
async function runRound(): Promise<Map<string, RoundFigure>> {
  const bench = new Bench({ now: cpuNow, time: TASK_MS, warmupTime: 200, iterations: 5, throws: true });
  for (const pending of SIZES) {
    for (const [impl, c] of [
      ["kernel", kernelCase()],
      ["bare", bareCase()],
    ] as const) {
      bench.add(`${impl}@${pending}`, () => c.hold(), { beforeAll: () => c.fill(pending) });
    }
  }
  await bench.run();
  return new Map(bench.tasks.map((t) => [t.name, roundFigure(t)]));
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const rounds: Map<string, RoundFigure>[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await runRound());
  const load = { before: loadBefore, after: loadavg()[0]! };

  const figures: Figure[] = SIZES.flatMap((pending) =>
    (["kernel", "bare"] as const).map((impl) => {
      const per = rounds.map((m) => m.get(`${impl}@${pending}`)!);
      const medians = per.map((f) => f.fromMedian);
      return {
        pending,
        impl,
        eventsPerSec: Math.max(...medians),
        eventsPerSecMinRound: Math.min(...medians),
        rounds: per,
      };
    }),
  );
  const ratios = SIZES.map((pending) => {
    const k = figures.find((f) => f.pending === pending && f.impl === "kernel")!;
    const b = figures.find((f) => f.pending === pending && f.impl === "bare")!;
    // Throughput ratio kernel/bare (1 = as fast as the floor; 0.5 = 2x slower).
    return { pending, kernelOverBare: k.eventsPerSec / b.eventsPerSec };
  });

  const m = (x: number): string => (x / 1e6).toFixed(2);
  for (const f of figures) {
    const rmes = f.rounds.map((r) => r.rmePercent.toFixed(1)).join("/");
    console.log(
      `${f.impl.padEnd(6)} pending=${String(f.pending).padStart(7)}  ${m(f.eventsPerSec)} M events/s` +
        `  (rounds ${m(f.eventsPerSecMinRound)}..${m(f.eventsPerSec)}, rme ${rmes} %)`,
    );
  }
  for (const r of ratios) console.log(`ratio kernel/bare @${r.pending}: ${r.kernelOverBare.toFixed(2)}`);
  console.log(`1-min load average: ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after`);

  const path = writeBenchJson("kernel", {
    workload: "hold",
    method:
      `${ROUNDS} rounds of tinybench (${TASK_MS} ms CPU time a task, clock = process CPU time); ` +
      "events/s = batch / median latency, best round",
    loadAverage1m: load,
    batchEventsPerIteration: BATCH,
    meanDelayMs: MEAN_DELAY_MS,
    figures,
    ratios,
  });
  console.log(`wrote ${path}`);
}

await main();
