// Writes a simulation's results as Arrow IPC files plus summary.json and manifest.json (io/folder.ts).
// Row order is defined by (ledger, scenario) in config order, then period, microgrid and agent:
// never by completion order, so the files are byte-identical for the same config and seed.
import {
  AGENTS,
  consumerBenefitPct,
  DEVICES,
  PERIODS,
  STORAGE,
  producerBenefitPct,
  TRADES,
  TRANSACTIONS,
  type TableDef,
} from "../../sim/metrics/index.js";
import { EthereumLedger, IotaLedger } from "../../sim/ledger/index.js";
import { join } from "node:path";
import type { ScenarioRun, SimulationResult } from "../run/types.js";
import { schemaColumns, writeTableFiles, type Columns, type DictColumn } from "./arrow.js";
import { jsonText, sha256, writeFileAtomic } from "./atomic.js";
import { configHash, writeManifest } from "./folder.js";

/** Rows per record batch: large enough to amortise per-batch cost, small enough to bound buffers. */
const BATCH_ROWS = 1 << 20;

/** The unit of a run's fee_native: by the ledger's model; a plugin's own model is named by itself. */
function feeUnit(run: ScenarioRun): string {
  const model = run.ledgerModel;
  if (model instanceof IotaLedger) return model.feeUnit;
  if (model instanceof EthereumLedger) return "ETH";
  return run.ledger;
}

const KINDS = dictionaryOf(TRANSACTIONS, "kind");
const STATUSES = dictionaryOf(TRANSACTIONS, "status");

/** The fixed dictionary of a column of the schema. */
function dictionaryOf(table: TableDef, name: string): readonly string[] {
  const dictionary = table.columns.find((c) => c.name === name)?.dictionary;
  if (dictionary === undefined) throw new Error(`${table.file}: ${name} has no fixed dictionary`);
  return dictionary;
}

/** Integer buffers reused from one batch to the next (a batch is written before the next is built). */
class Scratch {
  readonly #i32 = new Map<string, Int32Array>();
  readonly #f64 = new Map<string, Float64Array>();

  i32(name: string, n: number): Int32Array {
    let buffer = this.#i32.get(name);
    if (buffer === undefined || buffer.length < n) this.#i32.set(name, (buffer = new Int32Array(n)));
    return buffer.subarray(0, n);
  }

  f64(name: string, n: number): Float64Array {
    let buffer = this.#f64.get(name);
    if (buffer === undefined || buffer.length < n) this.#f64.set(name, (buffer = new Float64Array(n)));
    return buffer.subarray(0, n);
  }

  /** `values` as doubles: themselves, or converted into a reused buffer. */
  doubles(name: string, values: Float64Array | Int32Array): Float64Array {
    if (values instanceof Float64Array) return values;
    const out = this.f64(name, values.length);
    out.set(values);
    return out;
  }

  /** `n` copies of `code`. */
  constant(name: string, code: number, n: number): Int32Array {
    return this.i32(name, n).fill(code);
  }

  /** from, from + 1, ..., to - 1. */
  range(name: string, from: number, to: number): Int32Array {
    const out = this.i32(name, to - from);
    for (let i = 0; i < out.length; i++) out[i] = from + i;
    return out;
  }
}

function dict(codes: Int32Array, dictionary: readonly string[]): DictColumn {
  return { type: "dict", codes, dictionary };
}

/** What every table of a result shares: dictionaries of the run keys and the scratch buffers. */
class Context {
  readonly result: SimulationResult;
  readonly ledgers: string[];
  readonly scenarios: string[];
  readonly agentNames: string[];
  /** fee_unit's dictionary: the units of the ledgers that keep a transaction log. */
  readonly feeUnits: string[];
  readonly scratch = new Scratch();

  constructor(result: SimulationResult) {
    this.result = result;
    this.ledgers = [...new Set(result.runs.map((r) => r.ledger))];
    this.scenarios = [...new Set(result.runs.map((r) => r.scenario.id))];
    this.agentNames = result.profile.agents.map((a) => a.name);
    this.feeUnits = [...new Set(result.runs.filter((r) => r.ledgerModel !== undefined).map(feeUnit))];
  }

  /** The ledger and scenario columns of `n` rows of `run`. */
  keys(run: ScenarioRun, n: number): { ledger: DictColumn; scenario: DictColumn } {
    const s = this.scratch;
    return {
      ledger: dict(s.constant("ledger", this.ledgers.indexOf(run.ledger), n), this.ledgers),
      scenario: dict(s.constant("scenario", this.scenarios.indexOf(run.scenario.id), n), this.scenarios),
    };
  }
}

/** Batches of at most BATCH_ROWS rows, run after run, in run order. */
function* sliced(
  ctx: Context,
  rows: (run: ScenarioRun) => number,
  columns: (run: ScenarioRun, from: number, to: number) => Columns,
): Generator<Columns> {
  for (const run of ctx.result.runs) {
    const n = rows(run);
    for (let from = 0; from < n; from += BATCH_ROWS) yield columns(run, from, Math.min(n, from + BATCH_ROWS));
  }
  // An empty table still carries its schema.
  const first = ctx.result.runs[0];
  if (first !== undefined && ctx.result.runs.every((run) => rows(run) === 0)) yield columns(first, 0, 0);
}

/** One batch per run, in run order (tables of a few rows per period or agent). */
function* perRun(ctx: Context, columns: (run: ScenarioRun) => Columns): Generator<Columns> {
  for (const run of ctx.result.runs) yield columns(run);
}

function periodColumns(ctx: Context, run: ScenarioRun): Columns {
  const { profile } = ctx.result;
  const r = run.recorder.periods;
  const n = r.period.length;
  const start = new Float64Array(n);
  for (let i = 0; i < n; i++) start[i] = profile.startMs + r.period[i]! * profile.periodMs;
  const involved = profile.microgrids.map((mg) => run.scenario.involved.includes(mg));
  return schemaColumns(PERIODS, {
    ...ctx.keys(run, n),
    period: r.period,
    start,
    microgrid: dict(r.microgrid, profile.microgrids),
    involved: Array.from(r.microgrid, (m) => involved[m]!),
    pv_wh: r.pvWh,
    load_wh: r.loadWh,
    forecast_wh: r.forecastWh,
    mcp: r.mcp,
    rounds: r.rounds,
    outcome: r.outcome,
    demand_wh: r.demandWh,
    supply_wh: r.supplyWh,
    matched_local_wh: r.matchedLocalWh,
    netted_wh: r.nettedWh,
    peer_import_wh: r.peerImportWh,
    peer_export_wh: r.peerExportWh,
    peer_price: r.peerPrice,
    grid_import_wh: r.gridImportWh,
    grid_export_wh: r.gridExportWh,
    imbalance_import_wh: r.imbalanceImportWh,
    imbalance_export_wh: r.imbalanceExportWh,
    corrected_buy_price: r.correctedBuyPrice,
    corrected_sell_price: r.correctedSellPrice,
    bought_wh: r.boughtWh,
    sold_wh: r.soldWh,
    paid_p: r.paidP,
    received_p: r.receivedP,
    peer_bought_wh: r.peerBoughtWh,
    peer_sold_wh: r.peerSoldWh,
    peer_paid_p: r.peerPaidP,
    peer_received_p: r.peerReceivedP,
    missed_orders: r.missedOrders,
    missed_wh: r.missedWh,
  });
}

function tradeColumns(ctx: Context, run: ScenarioRun, from: number, to: number): Columns {
  const n = to - from;
  const s = ctx.scratch;
  const stored = run.recorder.storedTrades(from, to);
  const derived = {
    period: s.i32("period", n),
    microgrid: s.i32("microgrid", n),
    mcp: s.f64("mcp", n),
    residualWh: s.f64("residual", n),
    residualPrice: s.f64("residualPrice", n),
  };
  run.recorder.deriveTrades(from, to, derived);
  const side = s.i32("side", n);
  side.set(stored.side);
  return schemaColumns(TRADES, {
    ...ctx.keys(run, n),
    period: derived.period,
    agent: dict(stored.agent, ctx.agentNames),
    microgrid: dict(derived.microgrid, ctx.result.profile.microgrids),
    side,
    forecast_wh: s.doubles("forecast", stored.forecastWh),
    quantity_wh: s.doubles("quantity", stored.quantityWh),
    fill_wh: s.doubles("fill", stored.fillWh),
    price: stored.price,
    mcp: derived.mcp,
    trade_price: stored.tradePrice,
    residual_wh: derived.residualWh,
    residual_price: derived.residualPrice,
    paid_p: stored.paidP,
    received_p: stored.receivedP,
  });
}

function agentColumns(ctx: Context, run: ScenarioRun): Columns {
  const t = run.recorder.totals;
  const { profile, config } = ctx.result;
  const n = profile.agents.length;
  const { pgs, pgb } = config.limits;
  const producer = Float64Array.from({ length: n }, (_, a) =>
    producerBenefitPct(t.receivedP[a]!, t.soldWh[a]!, pgs),
  );
  const consumer = Float64Array.from({ length: n }, (_, a) =>
    consumerBenefitPct(t.paidP[a]!, t.boughtWh[a]!, pgb),
  );
  return schemaColumns(AGENTS, {
    ...ctx.keys(run, n),
    agent: dict(ctx.scratch.range("agent", 0, n), ctx.agentNames),
    microgrid: dict(
      Int32Array.from(profile.agents, (a) => a.microgridIndex),
      profile.microgrids,
    ),
    bought_wh: t.boughtWh,
    sold_wh: t.soldWh,
    paid_p: t.paidP,
    received_p: t.receivedP,
    peer_bought_wh: t.peerBoughtWh,
    peer_sold_wh: t.peerSoldWh,
    grid_bought_wh: t.gridBoughtWh,
    grid_sold_wh: t.gridSoldWh,
    imbalance_import_wh: t.imbalanceImportWh,
    imbalance_export_wh: t.imbalanceExportWh,
    producer_benefit_pct: producer,
    consumer_benefit_pct: consumer,
  });
}

function storageColumns(ctx: Context, run: ScenarioRun): Columns {
  const { profile } = ctx.result;
  const r = run.recorder.devices?.rows;
  const n = r?.period.length ?? 0;
  const f64 = (column: Float64Array | undefined) => column ?? new Float64Array(0);
  const period = r?.period ?? new Int32Array(0);
  const start = new Float64Array(n);
  for (let i = 0; i < n; i++) start[i] = profile.startMs + period[i]! * profile.periodMs;
  return schemaColumns(STORAGE, {
    ...ctx.keys(run, n),
    period,
    start,
    microgrid: dict(r?.microgrid ?? new Int32Array(0), profile.microgrids),
    battery_stored_wh: f64(r?.batteryStoredWh),
    battery_soc_pct: f64(r?.batterySocPct),
    ev_stored_wh: f64(r?.evStoredWh),
    evs_home: r?.evsHome ?? new Int32Array(0),
    charge_wh: f64(r?.chargeWh),
    discharge_wh: f64(r?.dischargeWh),
    ev_charge_wh: f64(r?.evChargeWh),
    ev_discharge_wh: f64(r?.evDischargeWh),
    loss_wh: f64(r?.lossWh),
    ev_arrived_wh: f64(r?.evArrivedWh),
    ev_departed_wh: f64(r?.evDepartedWh),
    ev_unmet_wh: f64(r?.evUnmetWh),
  });
}

function deviceColumns(ctx: Context, run: ScenarioRun): Columns {
  const { profile } = ctx.result;
  const d = run.recorder.devices;
  const agents = d?.fleet.deviceAgents ?? new Int32Array(0);
  const n = agents.length;
  const f = () => new Float64Array(n);
  const c = {
    batteryKwh: f(),
    evKwh: f(),
    batteryChargeWh: f(),
    batteryDischargeWh: f(),
    batteryLossWh: f(),
    batteryStoredWh: f(),
    degradationP: f(),
    evChargeWh: f(),
    evDischargeWh: f(),
    evLossWh: f(),
    evArrivedWh: f(),
    evDepartedWh: f(),
    evUnmetWh: f(),
    evStoredWh: f(),
  };
  if (d !== undefined) {
    const { fleet, totals: t } = d;
    for (let i = 0; i < n; i++) {
      const a = agents[i]!;
      const b = fleet.batteryOf[a]!;
      if (b >= 0) {
        c.batteryKwh[i] = fleet.batteryCapacityWh[b]! / 1000;
        c.batteryChargeWh[i] = t.batteryChargeWh[b]!;
        c.batteryDischargeWh[i] = t.batteryDischargeWh[b]!;
        c.batteryLossWh[i] = t.batteryLossWh[b]!;
        c.batteryStoredWh[i] = fleet.batteryStoredWh[b]!;
        c.degradationP[i] = t.degradationP[b]!;
      }
      const e = fleet.evOf[a]!;
      if (e >= 0) {
        c.evKwh[i] = fleet.evCapacityWh[e]! / 1000;
        c.evChargeWh[i] = t.evChargeWh[e]!;
        c.evDischargeWh[i] = t.evDischargeWh[e]!;
        c.evLossWh[i] = t.evLossWh[e]!;
        c.evArrivedWh[i] = t.evArrivedWh[e]!;
        c.evDepartedWh[i] = t.evDepartedWh[e]!;
        c.evUnmetWh[i] = t.evUnmetWh[e]!;
        c.evStoredWh[i] = fleet.evStoredWh[e]!;
      }
    }
  }
  return schemaColumns(DEVICES, {
    ...ctx.keys(run, n),
    agent: dict(Int32Array.from(agents), ctx.agentNames),
    microgrid: dict(
      Int32Array.from(agents, (a) => profile.agents[a]!.microgridIndex),
      profile.microgrids,
    ),
    battery_kwh: c.batteryKwh,
    ev_kwh: c.evKwh,
    battery_charge_wh: c.batteryChargeWh,
    battery_discharge_wh: c.batteryDischargeWh,
    battery_loss_wh: c.batteryLossWh,
    battery_stored_wh: c.batteryStoredWh,
    degradation_p: c.degradationP,
    ev_charge_wh: c.evChargeWh,
    ev_discharge_wh: c.evDischargeWh,
    ev_loss_wh: c.evLossWh,
    ev_arrived_wh: c.evArrivedWh,
    ev_departed_wh: c.evDepartedWh,
    ev_unmet_wh: c.evUnmetWh,
    ev_stored_wh: c.evStoredWh,
  });
}

/** Codes of small non-negative integers into `names`, whose last entry names any value beyond. */
function namedCodes(out: Int32Array, values: ArrayLike<number>, names: readonly string[]): Int32Array {
  const unknown = names.length - 1;
  for (let i = 0; i < out.length; i++) out[i] = Math.min(values[i]!, unknown);
  return out;
}

function transactionColumns(ctx: Context, run: ScenarioRun, from: number, to: number): Columns {
  const log = run.ledgerModel?.log;
  const n = to - from;
  const s = ctx.scratch;
  const f64 = (column: Float64Array | undefined) => column?.subarray(from, to) ?? new Float64Array(0);
  const i32 = (column: Int32Array | undefined) => column?.subarray(from, to) ?? new Int32Array(0);
  const u8 = (column: Uint8Array | undefined) => column?.subarray(from, to) ?? new Uint8Array(0);
  return schemaColumns(TRANSACTIONS, {
    ...ctx.keys(run, n),
    tx: s.range("tx", from, to),
    chain: i32(log?.chain),
    sender: i32(log?.sender),
    kind: namedCodes(s.i32("kind", n), u8(log?.kind), KINDS),
    status: namedCodes(s.i32("status", n), u8(log?.status), STATUSES),
    submit_ms: f64(log?.submitMs),
    confirm_ms: f64(log?.confirmMs),
    deadline_ms: f64(log?.deadlineMs),
    fee_native: f64(log?.feeNative),
    fee_unit: dict(s.constant("feeUnit", Math.max(0, ctx.feeUnits.indexOf(feeUnit(run))), n), ctx.feeUnits),
    fee_usd: f64(log?.feeUsd),
    energy_wh: f64(log?.energyWh),
    size_or_gas: f64(log?.sizeOrGas),
  });
}

/** What wrote a results folder, for its manifest: the command and the input files' SHA-256. */
export interface ResultsMeta {
  command?: string;
  inputs?: Record<string, string>;
}

/** Writes the tables, summary.json and manifest.json into `dir`; returns the files written. */
export function writeResults(
  dir: string,
  result: SimulationResult,
  summary: unknown,
  meta: ResultsMeta = {},
): string[] {
  const ctx = new Context(result);
  const trades = (run: ScenarioRun) => run.recorder.tradeCount;
  // With outputs.transactions false the log keeps only unresolved rows: no table rows then.
  const log = (run: ScenarioRun) =>
    result.config.outputs.transactions ? (run.ledgerModel?.log.length ?? 0) : 0;
  const tables: [string, Iterable<Columns>][] = [
    [PERIODS.file, perRun(ctx, (run) => periodColumns(ctx, run))],
    [TRADES.file, sliced(ctx, trades, (run, from, to) => tradeColumns(ctx, run, from, to))],
    [AGENTS.file, perRun(ctx, (run) => agentColumns(ctx, run))],
    [TRANSACTIONS.file, sliced(ctx, log, (run, from, to) => transactionColumns(ctx, run, from, to))],
  ];
  // Only a config with devices writes their tables: a run without them writes what it always did.
  if (result.config.devices !== undefined)
    tables.push(
      [STORAGE.file, perRun(ctx, (run) => storageColumns(ctx, run))],
      [DEVICES.file, perRun(ctx, (run) => deviceColumns(ctx, run))],
    );
  const hashes: Record<string, string> = {};
  for (const [name, parts] of tables) Object.assign(hashes, writeTableFiles(join(dir, name), parts));
  const summaryText = jsonText(summary);
  writeFileAtomic(join(dir, "summary.json"), summaryText);
  hashes["summary.json"] = sha256(summaryText);
  const owner = { command: meta.command ?? "run", configHash: configHash(result.config) };
  const fields = { name: result.config.name, seed: result.config.seed, config: result.config };
  writeManifest(dir, owner, fields, meta.inputs ?? {});
  return [...Object.keys(hashes), "manifest.json"];
}
