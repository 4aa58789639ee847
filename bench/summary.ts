// Collects results/bench/*.json into results/bench/SUMMARY.md: every figure beside its floor (a
// bare heap, a bare sort, the market alone, a bare expm1), so that it means something on any
// machine, plus the machine and load it was measured under, and the ledger comparison
// (ledgers.bench.ts). Also writes every speed figure as results/bench/speed.arrow (and .parquet)
// with the chart speed-floors (.vl.json, .svg): docs/bench.md.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../experiments/io/atomic.js";
import { speedRows, writeSpeed } from "./lib/outputs.js";

const DIR = "results/bench";
const SUMMARY_MD = "SUMMARY.md";

type Json = Record<string, unknown>;

function read(name: string): Json | undefined {
  const path = join(DIR, `${name}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Json) : undefined;
}

const rows = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []);
const n = (x: unknown, digits = 2): string =>
  typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "n/a";
const m = (x: unknown): string => (typeof x === "number" ? (x / 1e6).toFixed(2) : "n/a");

function table(head: string[], body: string[][]): string[] {
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...body.map((r) => `| ${r.join(" | ")} |`),
  ];
}

function machine(j: Json): string {
  const mc = j.machine as Json;
  const load = j.loadAverage1m as Json | undefined;
  return `${String(mc.cpu)}, ${String(mc.cores)} cores, ${String(mc.memoryGiB)} GiB, Node ${String(mc.node)}${
    load ? `; 1-min load ${n(load.before, 1)} -> ${n(load.after, 1)}` : ""
  }`;
}

function kernel(j: Json): string[] {
  const figures = rows(j.figures);
  const ratio = new Map(rows(j.ratios).map((r) => [r.pending, r.kernelOverBare]));
  const body = [...new Set(figures.map((f) => f.pending))].map((p) => {
    const k = figures.find((f) => f.pending === p && f.impl === "kernel");
    const b = figures.find((f) => f.pending === p && f.impl !== "kernel");
    return [String(p), m(k?.eventsPerSec), m(b?.eventsPerSec), n(ratio.get(p))];
  });
  return [
    "## Kernel: hold workload",
    machine(j),
    "",
    ...table(["pending", "kernel M events/s", "bare heap M events/s", "kernel / bare (goal >= 0.5)"], body),
  ];
}

function market(j: Json): string[] {
  return [
    "## Market: uniform clearing and the consensus loop",
    machine(j),
    "",
    ...table(
      ["orders", "clear ms", "sort ms (floor)", "clear / sort (goal <= 2)"],
      rows(j.clear).map((c) => [
        String(c.orders) + (c.prices ? ` (${String(c.prices)})` : ""),
        n(c.clearMs, 3),
        n(c.sortMs, 3),
        n(c.ratio),
      ]),
    ),
    "",
    ...table(
      ["agents", "consensus loop ms", "rounds", "ms a round"],
      rows(j.consensus).map((c) => [String(c.agents), n(c.loopMs, 3), String(c.rounds), n(c.msPerRound, 4)]),
    ),
  ];
}

function period(j: Json): string[] {
  const b = j.bidding as Json;
  return [
    "## One trading period of the world, and bid pricing",
    machine(j),
    "",
    ...table(
      [
        "microgrids x agents",
        "ms a period",
        "market alone ms (floor)",
        "world / market alone",
        "us per agent-period",
      ],
      rows(j.periods).map((p) => [
        `${String(p.microgrids)} x ${String(p.agentsPerMicrogrid)}`,
        n(p.msPerPeriod, 3),
        n(p.marketOnlyMsPerPeriod, 3),
        n(p.ratioToMarketOnly),
        n(p.usPerAgentPeriod),
      ]),
    ),
    "",
    `Bid pricing (AA, corrected equations): ${m(b.bidsPerSec)} M bids/s, ${n(b.ratioToExpm1)} x the cost of one Math.expm1.`,
  ];
}

function ledger(j: Json): string[] {
  const figures = rows(j.figures);
  return [
    "## Ledgers: transactions through each model",
    machine(j),
    "",
    ...table(
      ["model", "workload", "pending", "M tx/s", "rme %"],
      figures.map((f) => [
        String(f.model),
        String(f.workload),
        String(f.pending),
        m(f.txPerSec),
        n(f.rmePercent, 0),
      ]),
    ),
    "",
    "Same workload on both models in one process: compare the IOTA and Ethereum rows at equal pending.",
  ];
}

/** Significant digits, or n/a for JSON's null (a NaN figure). */
const g = (x: unknown, digits = 3): string =>
  typeof x === "number" && Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : "n/a";

/** A Markdown table cell: no pipes or line breaks. */
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

function ledgers(j: Json): string[] {
  const w = j.workload as Json;
  const models = rows(j.models);
  return [
    "## Ledger models compared on one workload",
    machine(j),
    "",
    `Every registered ledger model on the ledger scalability study (sim/ledger/scale.ts), seed ${String(w.seed)}, ` +
      `${String(w.periods)} period(s): each participant sends an order and two updates, each microgrid's operator clears. ` +
      "The simulated figures are the same on every run; CPU is the simulator's own time (median of " +
      `${String(j.repeats)} runs). Files: ledgers.arrow, ledger-models.arrow, ledgers-latency.svg, ledgers-cost.svg, ledgers-energy.svg.`,
    "",
    ...table(
      [
        "ledger",
        "participants",
        "latency mean s",
        "latency p95 s",
        "USD per bid",
        "Wh per tx",
        "Wh per order",
        "transactions",
        "pending",
        "missed",
        "CPU ms",
      ],
      rows(j.rows).map((r) => [
        String(r.ledger),
        String(r.participants),
        g(r.orderLatencyMeanS),
        g(r.orderLatencyP95S),
        g(r.costPerBidUsd),
        g(r.energyWhPerTx),
        g(r.energyWhPerOrder),
        String(r.transactions),
        String(r.pending),
        String(r.missed),
        n(r.cpuMs, 0),
      ]),
    ),
    "",
    ...table(
      ["ledger", "energy reading", "security"],
      models.map((mo) => [String(mo.ledger), String(mo.energyReading), String(mo.security)].map(cell)),
    ),
  ];
}

const sections: [string, (j: Json) => string[]][] = [
  ["kernel", kernel],
  ["market", market],
  ["period", period],
  ["ledger", ledger],
  ["ledgers", ledgers],
];

const out = [
  "# Benchmark summary",
  "",
  "Figures from `make bench`; each beside its floor. The machine is noted per suite.",
  "",
];
for (const [name, render] of sections) {
  const j = read(name);
  out.push(...(j ? render(j) : [`## ${name}`, "not run"]), "");
}
const speed = speedRows(
  Object.fromEntries(["kernel", "market", "period", "ledger"].map((s) => [s, read(s)])),
);
const speedFiles = speed.length > 0 ? await writeSpeed(DIR, speed) : [];
if (speedFiles.length > 0)
  out.push(
    "## Files",
    "",
    "Every speed figure above is also in `speed.arrow` (ops/s, its floor's, the ratio and the goal; chart `speed-floors.svg`).",
    "",
  );
writeFileAtomic(join(DIR, "SUMMARY.md"), `${out.join("\n")}\n`);
process.stdout.write(`wrote ${[SUMMARY_MD, ...speedFiles].map((f) => join(DIR, f)).join(", ")}\n`);
