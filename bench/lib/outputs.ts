// The bench suite's files beside its JSON: Arrow tables (and Parquet, as every result table) with the
// columns declared in experiments/bench/schema.ts, and Vega-Lite charts, each as its spec
// (`<name>.vl.json`) and rendered to SVG (`<name>.svg`). Every writer returns the names it wrote.
//
// - The ledger comparison (ledgers.ts): ledgers.arrow, ledger-models.arrow and the charts
//   ledgers-latency (order latency against participants, log-log, one line per ledger),
//   ledgers-cost (cost per bid against participants, log-log) and ledgers-energy (energy per
//   transaction per ledger, log bars).
// - The speed figures of the other suites (results/bench/<suite>.json): speed.arrow and the chart
//   speed-floors (each figure's time over its floor's, log bars, goals marked).
// Charts take their data from the rows given, so their bytes follow the rows (the CPU figures vary
// from run to run; the simulated figures do not).
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { dictOf, schemaColumns, writeTableFiles } from "../../experiments/io/arrow.js";
import { jsonText, writeFileAtomic } from "../../experiments/io/atomic.js";
import { BENCH_LEDGER_MODELS, BENCH_LEDGERS, BENCH_SPEED } from "../../experiments/bench/schema.js";
import { renderSvg } from "../../experiments/report/index.js";
import { MICROGRID_PALETTE, reportConfig, SCHEMA_URL } from "../../experiments/report/theme.js";
import type { LedgerComparison, LedgerComparisonRow } from "./ledgers.js";

type Json = Record<string, unknown>;

/** The columns of ledgers.arrow. */
export function ledgerColumns(rows: readonly LedgerComparisonRow[]) {
  const f64 = (f: (r: LedgerComparisonRow) => number) => Float64Array.from(rows, f);
  const i32 = (f: (r: LedgerComparisonRow) => number) => Int32Array.from(rows, f);
  return schemaColumns(BENCH_LEDGERS, {
    ledger: dictOf(rows.map((r) => r.ledger)),
    participants: i32((r) => r.participants),
    microgrids: i32((r) => r.microgrids),
    periods: i32((r) => r.periods),
    seed: i32((r) => r.seed),
    transactions: i32((r) => r.transactions),
    confirmed: i32((r) => r.confirmed),
    confirmed_orders: i32((r) => r.confirmedOrders),
    rejected: i32((r) => r.rejected),
    dropped: i32((r) => r.dropped),
    pending: i32((r) => r.pending),
    missed: i32((r) => r.missed),
    order_latency_mean_s: f64((r) => r.orderLatencyMeanS),
    order_latency_p95_s: f64((r) => r.orderLatencyP95S),
    cost_per_bid_usd: f64((r) => r.costPerBidUsd),
    energy_wh_per_tx: f64((r) => r.energyWhPerTx),
    energy_wh_per_order: f64((r) => r.energyWhPerOrder),
    energy_wh: f64((r) => r.energyWh),
    mean_base_fee_gwei: f64((r) => r.meanBaseFeeGwei),
    kernel_events: f64((r) => r.kernelEvents),
    cpu_ms: f64((r) => r.cpuMs),
    cpu_us_per_tx: f64((r) => r.cpuUsPerTx),
  });
}

/** The columns of ledger-models.arrow. */
export function modelColumns(models: LedgerComparison["models"]) {
  return schemaColumns(BENCH_LEDGER_MODELS, {
    ledger: dictOf(models.map((m) => m.ledger)),
    description: dictOf(models.map((m) => m.description)),
    energy_reading: dictOf(models.map((m) => m.energyReading)),
    security: dictOf(models.map((m) => m.security)),
    default_round_s: Float64Array.from(models, (m) => m.defaultRoundS),
  });
}

/** One colour per ledger by its sorted position (no ledger name is special). */
function ledgerColour(ledgers: readonly string[]) {
  const domain = [...new Set(ledgers)].sort();
  return {
    field: "ledger",
    type: "nominal" as const,
    title: "Ledger",
    scale: { domain, range: domain.map((_, i) => MICROGRID_PALETTE[i % MICROGRID_PALETTE.length]!) },
  };
}

/** Only finite numbers reach a chart (JSON has no NaN; a log scale has no zero). */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function participantsAxis(rows: readonly LedgerComparisonRow[]) {
  const ticks = [...new Set(rows.map((r) => r.participants))].sort((a, b) => a - b);
  return {
    field: "participants",
    type: "quantitative" as const,
    title: "Participants",
    scale: { type: "log" as const, nice: false, padding: 12 },
    axis: { values: ticks, format: "~g", grid: false },
  };
}

function seedNote(rows: readonly LedgerComparisonRow[]): string {
  const r = rows[0];
  return r === undefined
    ? "no rows"
    : `Same workload on every ledger (sim/ledger/scale.ts, seed ${r.seed}); log-log`;
}

/** Order latency (mean, and p95 in the tooltip) against participants, log-log, one line per ledger. */
export function latencySpec(rows: readonly LedgerComparisonRow[]): TopLevelSpec {
  return {
    $schema: SCHEMA_URL,
    title: { text: "Order latency by ledger", subtitle: seedNote(rows) },
    width: 520,
    height: 320,
    data: {
      values: rows.map((r) => ({
        ledger: r.ledger,
        participants: r.participants,
        meanS: finite(r.orderLatencyMeanS),
        p95S: finite(r.orderLatencyP95S),
      })),
    },
    transform: [{ filter: "isValid(datum.meanS) && datum.meanS > 0" }],
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: participantsAxis(rows),
      y: {
        field: "meanS",
        type: "quantitative",
        title: "Order latency, mean (s)",
        scale: { type: "log" },
        axis: { format: "~g" },
      },
      color: ledgerColour(rows.map((r) => r.ledger)),
      tooltip: [
        { field: "ledger", type: "nominal", title: "Ledger" },
        { field: "participants", type: "quantitative", title: "Participants" },
        { field: "meanS", type: "quantitative", title: "Mean (s)", format: ".3~g" },
        { field: "p95S", type: "quantitative", title: "95th percentile (s)", format: ".3~g" },
      ],
    },
    config: reportConfig(),
  };
}

/** Mean fee of a confirmed order against participants, log-log, one line per ledger. */
export function costSpec(rows: readonly LedgerComparisonRow[]): TopLevelSpec {
  return {
    $schema: SCHEMA_URL,
    title: { text: "Cost per bid by ledger", subtitle: seedNote(rows) },
    width: 520,
    height: 320,
    data: {
      values: rows.map((r) => ({
        ledger: r.ledger,
        participants: r.participants,
        usd: finite(r.costPerBidUsd),
      })),
    },
    transform: [{ filter: "isValid(datum.usd) && datum.usd > 0" }],
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: participantsAxis(rows),
      y: {
        field: "usd",
        type: "quantitative",
        title: "Cost per bid (USD)",
        scale: { type: "log" },
        axis: { format: "~g" },
      },
      color: ledgerColour(rows.map((r) => r.ledger)),
      tooltip: [
        { field: "ledger", type: "nominal", title: "Ledger" },
        { field: "participants", type: "quantitative", title: "Participants" },
        { field: "usd", type: "quantitative", title: "USD per bid", format: ".3~g" },
      ],
    },
    config: reportConfig(),
  };
}

/** The whole decades around the positive values: a log axis's domain, so that bars have a baseline. */
function decades(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return [1, 10];
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.ceil(Math.log10(Math.max(...positive)));
  return [Number(`1e${lo}`), Number(`1e${Math.max(hi, lo + 1)}`)];
}

/** Energy per transaction of each ledger (log bars), at the largest participant count. */
export function energySpec(rows: readonly LedgerComparisonRow[]): TopLevelSpec {
  const largest = Math.max(...rows.map((r) => r.participants));
  const at = rows.filter((r) => r.participants === largest);
  // One decade below the smallest value, so that the shortest bar still shows.
  const [lo, hi] = decades(at.map((r) => r.energyWhPerTx));
  const domain: [number, number] = [lo / 10, hi];
  return {
    $schema: SCHEMA_URL,
    title: { text: "Energy per transaction by ledger", subtitle: `At ${largest} participants; log scale` },
    width: 480,
    height: { step: 24 },
    data: {
      values: at.map((r) => ({
        ledger: r.ledger,
        whPerTx: finite(r.energyWhPerTx),
        whPerOrder: finite(r.energyWhPerOrder),
      })),
    },
    transform: [{ filter: "isValid(datum.whPerTx) && datum.whPerTx > 0" }],
    mark: { type: "bar" },
    encoding: {
      y: { field: "ledger", type: "nominal", title: null, sort: "-x" },
      x: {
        field: "whPerTx",
        type: "quantitative",
        title: "Energy per transaction (Wh)",
        scale: { type: "log", domain, nice: false },
        axis: { format: ".0e" },
      },
      // A log scale has no zero: the bars start at the axis's lowest decade.
      x2: { datum: domain[0] },
      color: { ...ledgerColour(at.map((r) => r.ledger)), legend: null },
      tooltip: [
        { field: "ledger", type: "nominal", title: "Ledger" },
        { field: "whPerTx", type: "quantitative", title: "Wh per transaction", format: ".3~g" },
        { field: "whPerOrder", type: "quantitative", title: "Wh per confirmed order", format: ".3~g" },
      ],
    },
    config: reportConfig(),
  };
}

async function writeChart(dir: string, name: string, spec: TopLevelSpec): Promise<string[]> {
  writeFileAtomic(join(dir, `${name}.vl.json`), jsonText(spec));
  writeFileAtomic(join(dir, `${name}.svg`), await renderSvg(spec));
  return [`${name}.vl.json`, `${name}.svg`];
}

/** Writes ledgers.arrow, ledger-models.arrow (each with its .parquet) and the three ledger charts. */
export async function writeLedgerComparison(dir: string, comparison: LedgerComparison): Promise<string[]> {
  const files = [
    ...Object.keys(writeTableFiles(join(dir, BENCH_LEDGERS.file), [ledgerColumns(comparison.rows)])),
    ...Object.keys(writeTableFiles(join(dir, BENCH_LEDGER_MODELS.file), [modelColumns(comparison.models)])),
  ];
  files.push(...(await writeChart(dir, "ledgers-latency", latencySpec(comparison.rows))));
  files.push(...(await writeChart(dir, "ledgers-cost", costSpec(comparison.rows))));
  files.push(...(await writeChart(dir, "ledgers-energy", energySpec(comparison.rows))));
  return files;
}

// --- speed figures -------------------------------------------------------------------------------

export interface SpeedRow {
  suite: string;
  case: string;
  operation: string;
  opsPerS: number;
  floor: string;
  floorOpsPerS: number;
  ratio: number;
  ratioKind: "throughput" | "time" | "none";
  timeOverFloor: number;
  goalTimeOverFloor: number;
}

const rowsOf = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []);
const num = (x: unknown): number => (typeof x === "number" ? x : NaN);

function noFloor(suite: string, name: string, operation: string, opsPerS: number): SpeedRow {
  return {
    suite,
    case: name,
    operation,
    opsPerS,
    floor: "none",
    floorOpsPerS: NaN,
    ratio: NaN,
    ratioKind: "none",
    timeOverFloor: NaN,
    goalTimeOverFloor: NaN,
  };
}

function kernelRows(j: Json): SpeedRow[] {
  const figures = rowsOf(j.figures);
  return [...new Set(figures.map((f) => f.pending))].flatMap((p) => {
    const k = figures.find((f) => f.pending === p && f.impl === "kernel");
    const b = figures.find((f) => f.pending === p && f.impl !== "kernel");
    if (k === undefined || b === undefined) return [];
    const ops = num(k.eventsPerSec);
    const floor = num(b.eventsPerSec);
    return [
      {
        suite: "kernel",
        case: `kernel hold, ${String(p)} pending`,
        operation: "event",
        opsPerS: ops,
        floor: "bare heap",
        floorOpsPerS: floor,
        ratio: ops / floor,
        ratioKind: "throughput",
        timeOverFloor: floor / ops,
        goalTimeOverFloor: 2,
      },
    ];
  });
}

function marketRows(j: Json): SpeedRow[] {
  const clears = rowsOf(j.clear).map((c): SpeedRow => {
    const orders = num(c.orders);
    const ratio = num(c.clearMs) / num(c.sortMs);
    return {
      suite: "market",
      case: `clear ${String(c.orders)} orders${c.prices ? ` (${String(c.prices)})` : ""}`,
      operation: "order",
      opsPerS: (orders * 1000) / num(c.clearMs),
      floor: "sort",
      floorOpsPerS: (orders * 1000) / num(c.sortMs),
      ratio,
      ratioKind: "time",
      timeOverFloor: ratio,
      goalTimeOverFloor: 2,
    };
  });
  const loops = rowsOf(j.consensus).map((c) =>
    noFloor(
      "market",
      `consensus loop, ${String(c.agents)} agents`,
      "consensus round",
      1000 / num(c.msPerRound),
    ),
  );
  return [...clears, ...loops];
}

function periodRows(j: Json): SpeedRow[] {
  const periods = rowsOf(j.periods).map((p): SpeedRow => {
    const agents = num(p.microgrids) * num(p.agentsPerMicrogrid);
    const ratio = num(p.ratioToMarketOnly);
    return {
      suite: "period",
      case: `period, ${String(p.microgrids)} x ${String(p.agentsPerMicrogrid)} agents`,
      operation: "agent-period",
      opsPerS: (agents * 1000) / num(p.msPerPeriod),
      floor: "market alone",
      floorOpsPerS: (agents * 1000) / num(p.marketOnlyMsPerPeriod),
      ratio,
      ratioKind: "time",
      timeOverFloor: ratio,
      goalTimeOverFloor: NaN,
    };
  });
  const b = j.bidding as Json | undefined;
  if (b === undefined) return periods;
  const ratio = num(b.ratioToExpm1);
  const bids = num(b.bidsPerSec);
  return [
    ...periods,
    {
      suite: "period",
      case: "AA bid pricing",
      operation: "bid",
      opsPerS: bids,
      floor: "Math.expm1",
      floorOpsPerS: bids * ratio,
      ratio,
      ratioKind: "time",
      timeOverFloor: ratio,
      goalTimeOverFloor: NaN,
    },
  ];
}

function ledgerRows(j: Json): SpeedRow[] {
  return rowsOf(j.figures).map((f) =>
    noFloor(
      "ledger",
      `${String(f.model)} ${String(f.workload)}, ${String(f.pending)} pending`,
      "transaction",
      num(f.txPerSec),
    ),
  );
}

/** Every speed figure of the suites' JSON (by suite name; missing suites give no rows). */
export function speedRows(suites: Readonly<Record<string, Json | undefined>>): SpeedRow[] {
  const by: [string, (j: Json) => SpeedRow[]][] = [
    ["kernel", kernelRows],
    ["market", marketRows],
    ["period", periodRows],
    ["ledger", ledgerRows],
  ];
  return by.flatMap(([name, rows]) => {
    const j = suites[name];
    return j === undefined ? [] : rows(j);
  });
}

/** The columns of speed.arrow. */
export function speedColumns(rows: readonly SpeedRow[]) {
  const f64 = (f: (r: SpeedRow) => number) => Float64Array.from(rows, f);
  return schemaColumns(BENCH_SPEED, {
    suite: dictOf(rows.map((r) => r.suite)),
    case: dictOf(rows.map((r) => r.case)),
    operation: dictOf(rows.map((r) => r.operation)),
    ops_per_s: f64((r) => r.opsPerS),
    floor: dictOf(rows.map((r) => r.floor)),
    floor_ops_per_s: f64((r) => r.floorOpsPerS),
    ratio: f64((r) => r.ratio),
    ratio_kind: dictOf(rows.map((r) => r.ratioKind)),
    time_over_floor: f64((r) => r.timeOverFloor),
    goal_time_over_floor: f64((r) => r.goalTimeOverFloor),
  });
}

/** Each figure's time over its floor's (log bars), with its goal as a tick where it has one. */
export function speedSpec(rows: readonly SpeedRow[]): TopLevelSpec {
  const values = rows
    .filter((r) => Number.isFinite(r.timeOverFloor) && r.timeOverFloor > 0)
    .map((r) => ({
      suite: r.suite,
      case: r.case,
      floor: r.floor,
      timeOverFloor: r.timeOverFloor,
      goal: finite(r.goalTimeOverFloor),
    }));
  const domain = decades([...values.map((v) => v.timeOverFloor), ...values.map((v) => v.goal ?? NaN), 1]);
  const y = { field: "case", type: "nominal" as const, title: null, sort: null, axis: { labelLimit: 320 } };
  const x = {
    field: "timeOverFloor",
    type: "quantitative" as const,
    title: "Time over the floor's (1 = as fast)",
    scale: { type: "log" as const, domain, nice: false },
    axis: { format: "~g" },
  };
  return {
    $schema: SCHEMA_URL,
    title: {
      text: "Speed against floors",
      subtitle: "Log scale; black ticks: the goal (at most)",
    },
    width: 480,
    height: { step: 22 },
    data: { values },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y,
          x,
          x2: { datum: domain[0] },
          color: { field: "suite", type: "nominal", title: "Suite" },
          tooltip: [
            { field: "case", type: "nominal", title: "Figure" },
            { field: "floor", type: "nominal", title: "Floor" },
            { field: "timeOverFloor", type: "quantitative", title: "Time over floor", format: ".3~g" },
            { field: "goal", type: "quantitative", title: "Goal (at most)", format: "~g" },
          ],
        },
      },
      {
        transform: [{ filter: "isValid(datum.goal)" }],
        mark: { type: "tick", color: "#000000", thickness: 2 },
        encoding: { y, x: { field: "goal", type: "quantitative" } },
      },
    ],
    config: reportConfig(),
  };
}

/** Writes speed.arrow (with its .parquet) and the chart speed-floors. */
export async function writeSpeed(dir: string, rows: readonly SpeedRow[]): Promise<string[]> {
  const files = Object.keys(writeTableFiles(join(dir, BENCH_SPEED.file), [speedColumns(rows)]));
  files.push(...(await writeChart(dir, "speed-floors", speedSpec(rows))));
  return files;
}
