// Writes a simulation's results as Arrow IPC files plus summary.json and manifest.json.
// Row order is defined by (ledger, scenario) in config order, then period, microgrid and agent:
// never by completion order, so the files are byte-identical for the same config and seed.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KIND_NAMES, STATUS_NAMES } from "../../sim/ledger/index.js";
import type { ScenarioRun, SimulationResult } from "../run/simulate.js";
import {
  arrowFileBytes,
  concatColumns,
  constantColumn,
  tableOf,
  type Columns,
  type DictColumn,
} from "./arrow.js";
import { jsonText, sha256, writeFileAtomic } from "./atomic.js";

/** Codes 0..n-1 (a dense index is its own dictionary code). */
function identityCodes(n: number): Int32Array {
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = i;
  return codes;
}

function dict(codes: Int32Array, dictionary: readonly string[]): DictColumn {
  return { type: "dict", codes, dictionary };
}

/** Codes of `values` (small non-negative integers) where `names` has no entry: the last code. */
function namedCodes(values: ArrayLike<number>, names: readonly string[]): DictColumn {
  const codes = Int32Array.from(values, (v) => (v < names.length ? v : names.length));
  return dict(codes, [...names, "unknown"]);
}

const OUTCOMES = ["consensus", "fallback", "no-trade"] as const;
const SIDES = ["buy", "sell"] as const;

function periodColumns(result: SimulationResult, run: ScenarioRun): Columns {
  const r = run.recorder.periods;
  const n = r.period.length;
  const periodMs = result.profile.periodMs;
  return {
    ledger: constantColumn(run.ledger, n),
    scenario: constantColumn(run.scenario.id, n),
    period: { type: "i32", values: r.period },
    start_ms: { type: "f64", values: r.period.map((t) => result.profile.startMs + t * periodMs) },
    microgrid: dict(Int32Array.from(r.microgrid), result.profile.microgrids),
    involved: {
      type: "bool",
      values: r.microgrid.map((m) => run.scenario.involved.includes(result.profile.microgrids[m]!)),
    },
    pv_wh: { type: "f64", values: r.pvWh },
    load_wh: { type: "f64", values: r.loadWh },
    mcp: { type: "f64", values: r.mcp },
    rounds: { type: "i32", values: r.rounds },
    outcome: dict(
      Int32Array.from(r.outcome, (o) => OUTCOMES.indexOf(o as (typeof OUTCOMES)[number])),
      OUTCOMES,
    ),
    demand_wh: { type: "f64", values: r.demandWh },
    supply_wh: { type: "f64", values: r.supplyWh },
    matched_local_wh: { type: "f64", values: r.matchedLocalWh },
    peer_import_wh: { type: "f64", values: r.peerImportWh },
    peer_export_wh: { type: "f64", values: r.peerExportWh },
    peer_price: { type: "f64", values: r.peerPrice },
    grid_import_wh: { type: "f64", values: r.gridImportWh },
    grid_export_wh: { type: "f64", values: r.gridExportWh },
    imbalance_import_wh: { type: "f64", values: r.imbalanceImportWh },
    imbalance_export_wh: { type: "f64", values: r.imbalanceExportWh },
    corrected_buy_price: { type: "f64", values: r.correctedBuyPrice },
    corrected_sell_price: { type: "f64", values: r.correctedSellPrice },
    paid_p: { type: "f64", values: r.paidP },
    received_p: { type: "f64", values: r.receivedP },
    missed_orders: { type: "i32", values: r.missedOrders },
    missed_wh: { type: "f64", values: r.missedWh },
  };
}

function tradeColumns(result: SimulationResult, run: ScenarioRun): Columns {
  const r = run.recorder.tradeColumns();
  const n = r.period.length;
  return {
    ledger: constantColumn(run.ledger, n),
    scenario: constantColumn(run.scenario.id, n),
    period: { type: "i32", values: r.period },
    agent: dict(
      r.agent,
      result.profile.agents.map((a) => a.name),
    ),
    microgrid: dict(r.microgrid, result.profile.microgrids),
    side: dict(Int32Array.from(r.side), SIDES),
    quantity_wh: { type: "f64", values: r.quantityWh },
    fill_wh: { type: "f64", values: r.fillWh },
    price: { type: "f64", values: r.price },
    mcp: { type: "f64", values: r.mcp },
    residual_wh: { type: "f64", values: r.residualWh },
    residual_price: { type: "f64", values: r.residualPrice },
    paid_p: { type: "f64", values: r.paidP },
    received_p: { type: "f64", values: r.receivedP },
  };
}

function agentColumns(result: SimulationResult, run: ScenarioRun): Columns {
  const t = run.recorder.totals;
  const agents = result.profile.agents;
  const n = agents.length;
  const { pgs, pgb } = result.config.limits;
  const pct = (gain: number, ref: number): number => (ref > 0 ? (gain / ref) * 100 : NaN);
  const producer = Array.from({ length: n }, (_, a) =>
    pct(t.receivedP[a]! - (t.soldWh[a]! * pgs) / 1000, (t.soldWh[a]! * pgs) / 1000),
  );
  const consumer = Array.from({ length: n }, (_, a) =>
    pct((t.boughtWh[a]! * pgb) / 1000 - t.paidP[a]!, (t.boughtWh[a]! * pgb) / 1000),
  );
  return {
    ledger: constantColumn(run.ledger, n),
    scenario: constantColumn(run.scenario.id, n),
    agent: dict(
      identityCodes(n),
      agents.map((a) => a.name),
    ),
    microgrid: dict(
      Int32Array.from(agents, (a) => a.microgridIndex),
      result.profile.microgrids,
    ),
    bought_wh: { type: "f64", values: t.boughtWh },
    sold_wh: { type: "f64", values: t.soldWh },
    paid_p: { type: "f64", values: t.paidP },
    received_p: { type: "f64", values: t.receivedP },
    peer_bought_wh: { type: "f64", values: t.peerBoughtWh },
    peer_sold_wh: { type: "f64", values: t.peerSoldWh },
    grid_bought_wh: { type: "f64", values: t.gridBoughtWh },
    grid_sold_wh: { type: "f64", values: t.gridSoldWh },
    imbalance_import_wh: { type: "f64", values: t.imbalanceImportWh },
    imbalance_export_wh: { type: "f64", values: t.imbalanceExportWh },
    producer_benefit_pct: { type: "f64", values: producer },
    consumer_benefit_pct: { type: "f64", values: consumer },
  };
}

function transactionColumns(run: ScenarioRun): Columns {
  const log = run.ledgerModel?.log;
  const n = log?.length ?? 0;
  const f64 = (column: Float64Array | undefined) => column?.subarray(0, n) ?? new Float64Array(0);
  return {
    ledger: constantColumn(run.ledger, n),
    scenario: constantColumn(run.scenario.id, n),
    tx: { type: "i32", values: identityCodes(n) },
    chain: { type: "i32", values: log?.chain.subarray(0, n) ?? new Int32Array(0) },
    sender: { type: "i32", values: log?.sender.subarray(0, n) ?? new Int32Array(0) },
    kind: namedCodes(log?.kind.subarray(0, n) ?? [], KIND_NAMES),
    status: namedCodes(log?.status.subarray(0, n) ?? [], STATUS_NAMES),
    submit_ms: { type: "f64", values: f64(log?.submitMs) },
    confirm_ms: { type: "f64", values: f64(log?.confirmMs) },
    deadline_ms: { type: "f64", values: f64(log?.deadlineMs) },
    fee_native: { type: "f64", values: f64(log?.feeNative) },
    fee_usd: { type: "f64", values: f64(log?.feeUsd) },
    energy_wh: { type: "f64", values: f64(log?.energyWh) },
    size_or_gas: { type: "f64", values: f64(log?.sizeOrGas) },
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Writes the tables, summary.json and manifest.json into `dir`; returns the files written. */
export function writeResults(dir: string, result: SimulationResult, summary: unknown): string[] {
  const tables: [string, (run: ScenarioRun) => Columns][] = [
    ["periods.arrow", (run) => periodColumns(result, run)],
    ["trades.arrow", (run) => tradeColumns(result, run)],
    ["agents.arrow", (run) => agentColumns(result, run)],
    ["transactions.arrow", (run) => transactionColumns(run)],
  ];
  const hashes: Record<string, string> = {};
  for (const [name, columns] of tables) {
    const bytes = arrowFileBytes(tableOf(concatColumns(result.runs.map(columns))));
    writeFileAtomic(join(dir, name), bytes);
    hashes[name] = sha256(bytes);
  }
  const summaryText = jsonText(summary);
  writeFileAtomic(join(dir, "summary.json"), summaryText);
  hashes["summary.json"] = sha256(summaryText);
  const manifest = {
    name: result.config.name,
    seed: result.config.seed,
    package: { name: "p2p-energy-sim", version: packageVersion() },
    gitCommit: gitCommit(),
    node: process.version,
    config: result.config,
    files: hashes,
  };
  writeFileAtomic(join(dir, "manifest.json"), jsonText(manifest));
  return [...Object.keys(hashes), "manifest.json"];
}
