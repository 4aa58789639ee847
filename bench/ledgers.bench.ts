// The ledger comparison: every registered ledger model (sim/ledger/registry.ts; "ideal" has no model)
// on one identical, seeded workload, the ledger scalability study (sim/ledger/scale.ts: every
// participant sends an order and two updates a period, each microgrid's operator clears), at 15,
// 150, 1,500 and 15,000 participants. What it compares are the models' simulated figures (order
// latency, cost per bid, energy per transaction and per order, what was missed), which are the same
// on every run; beside them, the simulator's own CPU time for each (median of 3 runs), which is not.
//
//   node --import tsx bench/ledgers.bench.ts [--participants 15,150] [--repeats 3] [--seed 1]
//
// Writes results/bench/ledgers.json, ledgers.arrow and ledger-models.arrow (each with a .parquet),
// and the charts ledgers-latency, ledgers-cost and ledgers-energy (.vl.json and .svg); docs/bench.md
// says what every column means. The clock is this process's CPU time (the machine is shared).
import { loadavg } from "node:os";
import { compareLedgers } from "./lib/ledgers.js";
import { writeLedgerComparison } from "./lib/outputs.js";
import { writeBenchJson } from "./lib/report.js";

const DIR = "results/bench";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function positiveIntegers(text: string | undefined, fallback: readonly number[]): number[] {
  if (text === undefined) return [...fallback];
  const out = text.split(",").map(Number);
  if (out.length === 0 || out.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    process.stderr.write(`ledgers bench: expected positive integers separated by commas, got "${text}"\n`);
    process.exit(2);
  }
  return out;
}

const participants = positiveIntegers(arg("--participants"), [15, 150, 1_500, 15_000]);
const [repeats] = positiveIntegers(arg("--repeats"), [3]);
const [seed] = positiveIntegers(arg("--seed"), [1]);
const periods = 1;

const before = loadavg()[0]!;
const fmt = (x: number, digits: number): string => (Number.isFinite(x) ? x.toPrecision(digits) : "n/a");
const comparison = compareLedgers({
  participants,
  seed: seed!,
  periods,
  repeats: repeats!,
  onCell: (r) =>
    process.stdout.write(
      `${r.ledger.padEnd(18)} participants=${String(r.participants).padStart(6)}  ` +
        `latency ${fmt(r.orderLatencyMeanS, 3)} s (p95 ${fmt(r.orderLatencyP95S, 3)})  ` +
        `${fmt(r.costPerBidUsd, 3)} USD/bid  ${fmt(r.energyWhPerTx, 3)} Wh/tx  ` +
        `pending ${r.pending} missed ${r.missed}  cpu ${r.cpuMs.toFixed(0)} ms\n`,
    ),
});
const load = { before, after: loadavg()[0]! };
process.stdout.write(
  `1-min load average: ${load.before.toFixed(2)} before, ${load.after.toFixed(2)} after\n`,
);

const path = writeBenchJson(
  "ledgers",
  {
    method:
      "every registered ledger model on the ledger scalability study (sim/ledger/scale.ts), same options and seed; " +
      `cpu = median process CPU time over ${repeats} runs of each cell`,
    workload: { study: "sim/ledger/scale.ts", participants, seed, periods },
    repeats,
    loadAverage1m: load,
    rows: comparison.rows,
    models: comparison.models,
  },
  DIR,
);
const files = await writeLedgerComparison(DIR, comparison);
process.stdout.write(`wrote ${path} and ${files.map((f) => `${DIR}/${f}`).join(", ")}\n`);
