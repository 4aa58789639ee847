// Ledger model throughput: simulated transactions processed per CPU second, with 1,000 and
// 1,000,000 transactions pending.
//
//   node --import tsx bench/ledger.bench.ts
//
// Workload "hold": P agents (5 per microgrid) each keep one transaction in flight: the first is a
// bid, and every outcome (confirmed, rejected or dropped) triggers that agent's next transaction (an
// update), so P transactions stay pending while the model runs. One iteration runs the kernel until
// BATCH more outcomes have been delivered; tx/s = BATCH / CPU time. It measures the simulator, not the
// ledgers: the simulated times are whatever the models produce.
// Workload "submit": BATCH submissions into a ledger that already holds P pending transactions
// (no kernel run): the cost of submit() itself, which must not grow with P.
//
// Both models keep only unresolved log rows (as the large world runs do), so memory stays level
// however long tinybench iterates.
// Noise: other processes share the cores, so the clock is this process's CPU time. Results go to
// results/bench/ledger.json with the 1-minute load average.
import { loadavg } from "node:os";
import { Bench, type Task } from "tinybench";
import { Kernel, Streams } from "../sim/kernel/index.js";
import {
  ContractRules,
  EthereumLedger,
  IotaLedger,
  type Ledger,
  type TxRequest,
} from "../sim/ledger/index.js";
import { writeBenchJson } from "./lib/report.js";

const SIZES = [1_000, 1_000_000] as const;
const BATCH = 50_000;
const AGENTS_PER_MG = 5;

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

type Model = "iota" | "ethereum";

interface Case {
  kernel: Kernel;
  ledger: Ledger;
  outcomes: number;
}

function makeCase(model: Model, pending: number): Case {
  const chains = Math.ceil(pending / AGENTS_PER_MG);
  const memberOf = Int32Array.from({ length: pending }, (_, i) => Math.floor(i / AGENTS_PER_MG));
  const rules = new ContractRules({ memberOf, chains, pgs: 3.2, pgb: 18.9 });
  const kernel = new Kernel();
  const streams = new Streams(20221012);
  const ledger: Ledger =
    model === "iota"
      ? new IotaLedger({ kernel, streams, rules, config: { chains }, keepLog: "unresolved" })
      : new EthereumLedger({ kernel, streams, rules, config: { chains }, keepLog: "unresolved" });
  const c: Case = { kernel, ledger, outcomes: 0 };
  const nonce = new Float64Array(pending);
  const req: TxRequest = { chain: 0, sender: 0, kind: "bid", nonce: 0, price: 10, quantityWh: 100 };
  const next = (txId: number): void => {
    c.outcomes++;
    const row = ledger.log.row(txId);
    const sender = ledger.log.sender[row]!;
    req.chain = ledger.log.chain[row]!;
    req.sender = sender;
    req.kind = "update";
    req.nonce = ++nonce[sender]!;
    ledger.submit(req, next);
  };
  for (let i = 0; i < pending; i++) {
    req.chain = Math.floor(i / AGENTS_PER_MG);
    req.sender = i;
    req.kind = i % 2 === 0 ? "bid" : "ask";
    req.nonce = ++nonce[i]!;
    ledger.submit(req, next);
  }
  return c;
}

/** Runs until BATCH more outcomes have been delivered. */
function hold(c: Case): void {
  const target = c.outcomes + BATCH;
  while (c.outcomes < target && c.kernel.step()) {
    /* step */
  }
}

function submitBatch(c: Case): void {
  const req: TxRequest = { chain: 0, sender: 0, kind: "inter-mg", nonce: 0 };
  const base = c.ledger.log.length;
  for (let i = 0; i < BATCH; i++) {
    req.nonce = base + i + 1;
    c.ledger.submit(req);
  }
}

interface Figure {
  model: Model;
  workload: "hold" | "submit";
  pending: number;
  txPerSec: number;
  meanMsPerIteration: number;
  rmePercent: number;
  samples: number;
  /** Ethereum hold only: block-builder work per block. */
  work?: { blocks: number; meanLaneVisitsPerBlock: number; maxLaneVisitsPerBlock: number; lanes: number };
}

function figureOf(task: Task, model: Model, workload: "hold" | "submit", pending: number, c: Case): Figure {
  const r = task.result;
  if (r.state !== "completed") throw new Error(`${task.name}: ${r.state}`);
  const f: Figure = {
    model,
    workload,
    pending,
    txPerSec: (BATCH * 1000) / r.latency.p50,
    meanMsPerIteration: r.latency.mean,
    rmePercent: r.latency.rme,
    samples: r.latency.samplesCount,
  };
  if (workload === "hold" && c.ledger instanceof EthereumLedger) {
    const w = c.ledger.work;
    f.work = {
      blocks: w.blocks,
      meanLaneVisitsPerBlock: w.laneVisits / Math.max(1, w.blocks),
      maxLaneVisitsPerBlock: w.maxLaneVisitsPerBlock,
      lanes: w.lanes,
    };
  }
  return f;
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const figures: Figure[] = [];
  for (const pending of SIZES) {
    for (const model of ["iota", "ethereum"] as const) {
      for (const workload of ["hold", "submit"] as const) {
        // One case per task, built outside the timed region; big cases are built once.
        const c = makeCase(model, pending);
        const bench = new Bench({
          now: cpuNow,
          time: 1500,
          warmupTime: 300,
          warmupIterations: 1,
          iterations: 4,
          throws: true,
        });
        bench.add(`${model}/${workload}@${pending}`, () => (workload === "hold" ? hold(c) : submitBatch(c)));
        await bench.run();
        const f = figureOf(bench.tasks[0]!, model, workload, pending, c);
        figures.push(f);
        console.log(
          `${model.padEnd(8)} ${workload.padEnd(6)} pending=${String(pending).padStart(9)}  ` +
            `${(f.txPerSec / 1e3).toFixed(0).padStart(6)} k tx/s  (rme ${f.rmePercent.toFixed(1)} %, ${f.samples} samples)` +
            (f.work
              ? `  lane visits/block ${f.work.meanLaneVisitsPerBlock.toFixed(1)} (max ${f.work.maxLaneVisitsPerBlock})`
              : ""),
        );
      }
    }
  }
  const load = { before: loadBefore, after: loadavg()[0]! };
  console.log(`1-min load average: ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after`);
  const path = writeBenchJson("ledger", {
    method:
      "tinybench, clock = process CPU time; tx/s = batch / median iteration time. hold: run until " +
      `${BATCH} more outcomes with P transactions kept pending (each outcome submits the agent's next); ` +
      `submit: ${BATCH} submissions into a ledger holding P pending`,
    batch: BATCH,
    agentsPerMicrogrid: AGENTS_PER_MG,
    loadAverage1m: load,
    figures,
  });
  console.log(`wrote ${path}`);
}

await main();
