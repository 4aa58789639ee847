// Market engine speed: clearUniform on 1k, 100k and 1M orders against the floor of natively
// sorting the same prices (a Float64Array copy + sort), and the full consensus loop for 10, 100
// and 10,000 agents.
//
//   node --import tsx bench/market.bench.ts
//
// Writes results/bench/market.json. Books are half bids, half asks, integer Wh quantities, owners
// unique per side. Two price sets: "continuous" (any double in the band) and "tick" (the 1e-4 grid
// agents submit, so many orders share a price). Clear and sort alternate inside one tinybench run
// so that slow phases of the shared machine hit both; figures are medians. 1M-order runs use a
// few iterations only. The 1-minute load average is recorded before and after.
import { loadavg } from "node:os";
import { Bench, type Task } from "tinybench";
import {
  BUY,
  clearUniform,
  createBook,
  createClearingWorkspace,
  DEFAULT_LIMITS,
  drawLimitPrice,
  runConsensus,
  SELL,
  type MarketAgents,
  type MemberStreams,
  type OrderBook,
} from "../sim/market/index.js";
import { Streams } from "../sim/kernel/index.js";
import { medianMs, writeBenchJson } from "./lib/report.js";

const L = DEFAULT_LIMITS;
const CLEAR_SIZES = [1_000, 100_000, 1_000_000] as const;
const AGENT_COUNTS = [10, 100, 10_000] as const;
type PriceSet = "continuous" | "tick";

function makeBook(n: number, prices: PriceSet): OrderBook {
  const s = new Streams(20240611).get(`bench/market/book/${n}/${prices}`);
  const book = createBook(n);
  for (let i = 0; i < n; i++) {
    let p = s.uniform(L.pgs + 1e-4, L.pgb - 1e-4);
    if (prices === "tick") p = Math.round(p * 1e4) / 1e4;
    book.price[i] = p;
    book.quantity[i] = s.int(1, 5000);
    book.side[i] = i % 2 === 0 ? BUY : SELL;
    book.owner[i] = i >> 1;
  }
  book.n = n;
  return book;
}

function latency(task: Task): { p50: number; samplesCount: number } {
  const r = task.result;
  if (r.state !== "completed") throw new Error(`${task.name}: ${r.state}`);
  return r.latency;
}

const median = medianMs;

interface ClearFigure {
  orders: number;
  prices: PriceSet;
  clearMs: number;
  sortMs: number;
  /** clear / sort: 1 = as fast as the floor, 2 = the goal's limit. */
  ratio: number;
  samples: number;
}

async function benchClear(n: number, prices: PriceSet): Promise<ClearFigure> {
  const book = makeBook(n, prices);
  const ws = createClearingWorkspace(n);
  const scratch = new Float64Array(n);
  const big = n >= 1_000_000;
  const bench = new Bench({
    time: big ? 0 : 800,
    iterations: big ? 5 : 20,
    warmupIterations: big ? 1 : 5,
    warmupTime: big ? 0 : 100,
    throws: true,
  });
  bench.add("clear", () => {
    clearUniform(book, L, ws);
  });
  bench.add("sort", () => {
    scratch.set(book.price.subarray(0, n));
    scratch.sort();
  });
  await bench.run();
  const [clear, sort] = bench.tasks as [Task, Task];
  const clearMs = median(clear);
  const sortMs = median(sort);
  return {
    orders: n,
    prices,
    clearMs,
    sortMs,
    ratio: clearMs / sortMs,
    samples: latency(clear).samplesCount,
  };
}

function makeMarket(n: number): { agents: MarketAgents } {
  const root = new Streams(20240612);
  const agents: MarketAgents = {
    n,
    side: new Uint8Array(n),
    quantity: new Float64Array(n),
    limit: new Float64Array(n),
  };
  for (let a = 0; a < n; a++) {
    const setup = root.get(`agent/${a}/setup`);
    const side = setup.bernoulli(0.5) ? BUY : SELL;
    agents.side[a] = side;
    agents.quantity[a] = setup.int(100, 2000);
    agents.limit[a] = drawLimitPrice(side, L, "split-midpoint", setup);
  }
  return { agents };
}

interface ConsensusFigure {
  agents: number;
  loopMs: number;
  rounds: number;
  msPerRound: number;
  source: string;
}

async function benchConsensus(n: number): Promise<ConsensusFigure> {
  const { agents } = makeMarket(n);
  let rounds = 0;
  let source = "";
  const bench = new Bench({ time: 800, iterations: n >= 10_000 ? 5 : 20, warmupIterations: 2, throws: true });
  let streams: MemberStreams[] = [];
  bench.add(
    "consensus",
    () => {
      const out = runConsensus(agents, streams);
      rounds = out.rounds;
      source = out.source;
    },
    {
      // Fresh streams (outside the timing) so every iteration repeats the same deterministic loop.
      beforeEach: () => {
        const root = new Streams(20240612);
        streams = Array.from({ length: n }, (_, a) => {
          const name = `agent/${a}`;
          return {
            limit: root.fresh(`${name}/limit`),
            start: root.fresh(`${name}/start`),
            learn: root.fresh(`${name}/learn`),
          };
        });
      },
    },
  );
  await bench.run();
  const loopMs = median(bench.tasks[0] as Task);
  return { agents: n, loopMs, rounds, msPerRound: loopMs / rounds, source };
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] as number;
  const clears: ClearFigure[] = [];
  for (const n of CLEAR_SIZES) {
    for (const prices of ["continuous", "tick"] as const) {
      const f = await benchClear(n, prices);
      clears.push(f);
      console.log(
        `clear ${String(n).padStart(9)} ${prices.padEnd(10)} ${f.clearMs.toFixed(3)} ms` +
          `  sort ${f.sortMs.toFixed(3)} ms  ratio ${f.ratio.toFixed(2)}`,
      );
    }
  }
  const loops: ConsensusFigure[] = [];
  for (const n of AGENT_COUNTS) {
    const f = await benchConsensus(n);
    loops.push(f);
    console.log(
      `consensus ${String(n).padStart(6)} agents  ${f.loopMs.toFixed(2)} ms  ${f.rounds} rounds (${f.source})` +
        `  ${f.msPerRound.toFixed(3)} ms/round`,
    );
  }
  const load = { before: loadBefore, after: loadavg()[0] as number };
  console.log(`1-min load average: ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after`);
  const path = writeBenchJson("market", {
    method:
      "tinybench medians; clear and sort alternate in one run; sort = copy prices + Float64Array.sort()",
    loadAverage1m: load,
    clear: clears,
    consensus: loops,
  });
  console.log(`wrote ${path}`);
}

await main();
