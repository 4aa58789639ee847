// Scalability study: the ledgers alone (no market) under N participants, to test the paper's claim
// that time and cost per transaction stay flat on IOTA (parallel Wasp chains) and rise on Ethereum.
//
// Assumptions and units (ms, USD, Wh):
// - Participants are grouped agentsPerMicrogrid to a microgrid (the paper: 5), one Wasp chain per
//   microgrid on IOTA, one contract instance per microgrid on the single Ethereum chain.
// - Each period, every participant submits one order (even ids buy, odd ids sell), then
//   updatesPerPeriod updates updateSpacingMs apart; each wave of submissions is spread evenly over
//   submitSpreadMs. Each microgrid's operator clears at clearAtMs into the period (so the next
//   period's orders are new orders again). An order's deadline is the clear time, a clear's the
//   period end.
// - Nothing here decides the answer: latency and cost come out of each ledger's queueing. Figures
//   are taken when the run stops at periods * periodMs + drainMs; unresolved transactions are
//   reported as pending.
import { Kernel, spawn, Streams, type Process } from "../kernel/index.js";
import { BUY, DEFAULT_LIMITS, SELL, type MarketLimits } from "../market/index.js";
import { EthereumLedger } from "./ethereum.js";
import { NO_FAULTS } from "./faults.js";
import { ledgerPlugin, type LedgerContext } from "./registry.js";
import { latencySummary, ledgerStats, type LatencySummary } from "./stats.js";
import { KIND, REASON_NAMES, TxStatus, type Ledger, type TxRequest } from "./types.js";

export interface ScaleStudyOptions {
  participants: number;
  periods?: number;
  periodMs?: number;
  updatesPerPeriod?: number;
  updateSpacingMs?: number;
  submitSpreadMs?: number;
  clearAtMs?: number;
  agentsPerMicrogrid?: number;
  drainMs?: number;
  seed?: number | string;
  /** Registered ledgers (registry.ts) with a ledger model; default iota and ethereum. */
  ledgers?: readonly string[];
  /** Main-grid prices bounding the orders (the contract's price rule); default DEFAULT_LIMITS. */
  limits?: MarketLimits;
  /** Overrides by ledger name, passed to its plugin (e.g. `{ iota: { l1: { throughputMps: 1000 } } }`). */
  ledgerOptions?: Readonly<Record<string, unknown>>;
}

export interface LedgerScaleFigures {
  ledger: string;
  participants: number;
  microgrids: number;
  submitted: number;
  confirmed: number;
  /** Orders and clears confirmed by their deadline. */
  confirmedByDeadline: number;
  rejected: number;
  dropped: number;
  pending: number;
  /** Rejections and drops by reason name (types.REASON_NAMES). */
  reasons: Record<string, number>;
  /** Submit-to-confirm time of confirmed orders (bids, asks, updates). */
  orderLatency: LatencySummary;
  /** Same, over every confirmed transaction including clears. */
  txLatency: LatencySummary;
  /** Mean fee of a confirmed order, USD and native units (IOTA tokens or ETH). */
  costPerBidUsd: number;
  costPerBidNative: number;
  energyWhPerTx: number;
  /** Ledger energy of every transaction of the run (orders and clears), Wh. */
  energyWh: number;
  /** The energy figure the model charges per transaction and its source (Ledger.energyReading). */
  energyReading: string;
  kernelEvents: number;
  /** Ethereum only: mean base fee over the blocks of the run, gwei (NaN for IOTA). */
  meanBaseFeeGwei: number;
}

export interface ScaleStudyResult {
  options: Required<Omit<ScaleStudyOptions, "ledgerOptions">>;
  /** Figures by ledger name, in the order of options.ledgers. */
  byLedger: Record<string, LedgerScaleFigures>;
}

const DEFAULTS = {
  periods: 1,
  periodMs: 1_800_000,
  updatesPerPeriod: 2,
  updateSpacingMs: 300_000,
  submitSpreadMs: 60_000,
  clearAtMs: 1_500_000,
  agentsPerMicrogrid: 5,
  drainMs: 0,
  seed: 1,
  ledgers: ["iota", "ethereum"] as readonly string[],
  limits: DEFAULT_LIMITS,
};

/** Runs each requested ledger on its own kernel with the same load and returns their figures. */
export function scaleStudy(options: ScaleStudyOptions): ScaleStudyResult {
  const { ledgerOptions = {}, ...given } = options;
  const o: Resolved = { ...DEFAULTS, ...given };
  validate(o);
  const byLedger: Record<string, LedgerScaleFigures> = {};
  for (const name of o.ledgers) byLedger[name] = runOne(name, o, ledgerOptions[name]);
  return { options: o, byLedger };
}

type Resolved = ScaleStudyResult["options"];

function validate(o: Resolved): void {
  const bad = (what: string): never => {
    throw new RangeError(`scaleStudy: ${what}`);
  };
  if (!Number.isSafeInteger(o.participants) || o.participants < 1)
    bad("participants must be a positive integer");
  if (!Number.isInteger(o.periods) || o.periods < 1) bad("periods must be a positive integer");
  if (!Number.isInteger(o.agentsPerMicrogrid) || o.agentsPerMicrogrid < 1)
    bad("agentsPerMicrogrid must be >= 1");
  for (const k of ["periodMs", "updateSpacingMs", "submitSpreadMs", "clearAtMs", "drainMs"] as const) {
    if (!Number.isSafeInteger(o[k]) || o[k] < 0) bad(`${k} must be an integer >= 0`);
  }
  if (o.updatesPerPeriod * o.updateSpacingMs + o.submitSpreadMs > o.clearAtMs || o.clearAtMs >= o.periodMs) {
    bad("the order waves must end before clearAtMs, and clearAtMs must fall inside the period");
  }
  for (const name of o.ledgers) {
    if (ledgerPlugin(name).create === null) bad(`ledger "${name}" has no ledger model to study`);
  }
}

function runOne(name: string, o: Resolved, ledgerOptions: unknown): LedgerScaleFigures {
  const n = o.participants;
  const chains = Math.ceil(n / o.agentsPerMicrogrid);
  const kernel = new Kernel();
  const context: LedgerContext = {
    kernel,
    streams: new Streams(o.seed),
    faults: NO_FAULTS,
    keepLog: "all",
    memberOf: Int32Array.from({ length: n }, (_, i) => Math.floor(i / o.agentsPerMicrogrid)),
    chains,
    limits: o.limits,
  };
  const ledger = ledgerPlugin(name).create!(context, ledgerOptions); // validate() refused create: null
  spawn(kernel, load(kernel, ledger, o, chains));
  kernel.run({ until: o.periods * o.periodMs + o.drainMs });
  return figures(name, ledger, o, chains, kernel.processed);
}

/** The submissions of every period, as one process that wakes at each distinct submission time. */
function* load(kernel: Kernel, ledger: Ledger, o: Resolved, chains: number): Process {
  const n = o.participants;
  const nonce = new Float64Array(n + chains);
  const req: TxRequest = { chain: 0, sender: 0, kind: "bid", nonce: 0, price: 10, quantityWh: 1000 };
  for (let p = 0; p < o.periods; p++) {
    const start = p * o.periodMs;
    const clearAt = start + o.clearAtMs;
    for (let w = 0; w <= o.updatesPerPeriod; w++) {
      const waveStart = start + w * o.updateSpacingMs;
      for (let i = 0; i < n; i++) {
        const t = waveStart + Math.floor((i * o.submitSpreadMs) / n);
        if (t > kernel.now) yield t - kernel.now;
        req.chain = Math.floor(i / o.agentsPerMicrogrid);
        req.sender = i;
        req.kind = w === 0 ? (i % 2 === 0 ? "bid" : "ask") : "update";
        req.side = i % 2 === 0 ? BUY : SELL;
        req.price = 10 + (w % 2);
        req.nonce = ++nonce[i]!;
        req.deadlineMs = clearAt;
        ledger.submit(req);
      }
    }
    if (clearAt > kernel.now) yield clearAt - kernel.now;
    req.kind = "clear";
    req.deadlineMs = start + o.periodMs;
    for (let c = 0; c < chains; c++) {
      req.chain = c;
      req.sender = n + c;
      req.orders = Math.min(o.agentsPerMicrogrid, n - c * o.agentsPerMicrogrid);
      req.nonce = ++nonce[n + c]!;
      ledger.submit(req);
    }
    req.orders = undefined;
  }
}

function figures(
  name: string,
  ledger: Ledger,
  o: Resolved,
  chains: number,
  events: number,
): LedgerScaleFigures {
  const log = ledger.log;
  const s = ledgerStats(log);
  let byDeadline = 0;
  let orderFeeUsd = 0;
  let orderFeeNative = 0;
  let orders = 0;
  const reasons: Record<string, number> = {};
  for (let i = 0; i < log.length; i++) {
    const r = log.reason[i]!;
    if (r !== 0) {
      const key = REASON_NAMES[r] ?? String(r);
      reasons[key] = (reasons[key] ?? 0) + 1;
    }
    if (log.status[i] !== TxStatus.CONFIRMED) continue;
    if (log.confirmMs[i]! <= log.deadlineMs[i]!) byDeadline++;
    if (log.kind[i]! > KIND.update) continue;
    orders++;
    orderFeeUsd += log.feeUsd[i]!;
    orderFeeNative += log.feeNative[i]!;
  }
  return {
    ledger: name,
    participants: o.participants,
    microgrids: chains,
    submitted: s.submitted,
    confirmed: s.confirmed,
    confirmedByDeadline: byDeadline,
    rejected: s.rejected,
    dropped: s.dropped,
    pending: s.pending,
    reasons,
    orderLatency: latencySummary(log, "orders"),
    txLatency: latencySummary(log),
    costPerBidUsd: orders > 0 ? orderFeeUsd / orders : NaN,
    costPerBidNative: orders > 0 ? orderFeeNative / orders : NaN,
    energyWhPerTx: s.confirmed + s.rejected > 0 ? s.energyWh / (s.confirmed + s.rejected) : NaN,
    energyWh: s.energyWh,
    energyReading: ledger.energyReading ?? "not stated by the ledger model",
    kernelEvents: events,
    meanBaseFeeGwei: ledger instanceof EthereumLedger ? meanBaseFee(ledger) : NaN,
  };
}

function meanBaseFee(ledger: EthereumLedger): number {
  const b = ledger.blocks;
  let sum = 0;
  for (let i = 0; i < b.length; i++) sum += b.baseFeeGwei[i]!;
  return b.length > 0 ? sum / b.length : NaN;
}
