// The ledger comparison: every ledger model in the registry (sim/ledger/registry.ts) run on one
// identical, seeded workload, the ledger scalability study (sim/ledger/scale.ts), for a range of
// participant counts; and what each model states about itself (energy reading, security).
//
// Assumptions:
// - The models come from the registry at the time of the call: a plugin registered by a user is
//   compared like the built-ins; a plugin without a model (`create: null`, "ideal") has nothing to
//   compare and is left out. No name is special.
// - Each (ledger, participants) cell is its own scaleStudy call with the same options and seed:
//   the study gives each ledger its own kernel and streams seeded from the seed, so a cell's
//   figures are those the study gives for that ledger beside any others.
// - CPU time is this process's (user + system) around the study, the median over `repeats` runs
//   (the first run also warms the JIT). The simulated figures must be identical on every repeat;
//   a difference is an error (the simulator is deterministic).
// Units: s, USD, Wh, gwei, ms.
import { ledgerNames, ledgerPlugin, scaleStudy, type LedgerScaleFigures } from "../../sim/ledger/index.js";

export interface LedgerComparisonOptions {
  /** Participant counts, each run on every ledger. */
  participants: readonly number[];
  seed?: number;
  periods?: number;
  /** Runs per cell; the CPU time is their median. */
  repeats?: number;
  /** Called after each cell, for progress lines. */
  onCell?: (row: LedgerComparisonRow) => void;
}

export interface LedgerComparisonRow {
  ledger: string;
  participants: number;
  microgrids: number;
  periods: number;
  seed: number;
  transactions: number;
  confirmed: number;
  confirmedOrders: number;
  rejected: number;
  dropped: number;
  pending: number;
  missed: number;
  orderLatencyMeanS: number;
  orderLatencyP95S: number;
  costPerBidUsd: number;
  energyWhPerTx: number;
  energyWhPerOrder: number;
  energyWh: number;
  meanBaseFeeGwei: number;
  kernelEvents: number;
  cpuMs: number;
  cpuUsPerTx: number;
}

export interface LedgerModelRow {
  ledger: string;
  description: string;
  energyReading: string;
  security: string;
  defaultRoundS: number;
}

export interface LedgerComparison {
  rows: LedgerComparisonRow[];
  models: LedgerModelRow[];
}

/** Names of the registered ledgers that have a ledger model, sorted. */
export function comparedLedgers(): string[] {
  return ledgerNames().filter((name) => ledgerPlugin(name).create !== null);
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The figures of one repeat as JSON with NaN spelled out, to check repeats agree. */
function fingerprint(f: LedgerScaleFigures): string {
  return JSON.stringify(f, (_k, v: unknown) =>
    typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
  );
}

function rowOf(f: LedgerScaleFigures, periods: number, seed: number, cpu: number): LedgerComparisonRow {
  const orders = f.orderLatency.count;
  return {
    ledger: f.ledger,
    participants: f.participants,
    microgrids: f.microgrids,
    periods,
    seed,
    transactions: f.submitted,
    confirmed: f.confirmed,
    confirmedOrders: orders,
    rejected: f.rejected,
    dropped: f.dropped,
    pending: f.pending,
    missed: f.submitted - f.confirmedByDeadline,
    orderLatencyMeanS: f.orderLatency.meanMs / 1000,
    orderLatencyP95S: f.orderLatency.p95Ms / 1000,
    costPerBidUsd: f.costPerBidUsd,
    energyWhPerTx: f.energyWhPerTx,
    energyWhPerOrder: orders > 0 ? f.energyWh / orders : NaN,
    energyWh: f.energyWh,
    meanBaseFeeGwei: f.meanBaseFeeGwei,
    kernelEvents: f.kernelEvents,
    cpuMs: cpu,
    cpuUsPerTx: f.submitted > 0 ? (cpu * 1000) / f.submitted : NaN,
  };
}

/** Runs every registered ledger model on the scalability study's workload at each participant count. */
export function compareLedgers(options: LedgerComparisonOptions): LedgerComparison {
  const { participants, seed = 1, periods = 1, repeats = 3, onCell } = options;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError("compareLedgers: repeats must be >= 1");
  const names = comparedLedgers();
  const rows: LedgerComparisonRow[] = [];
  const readings = new Map<string, string>();
  for (const n of participants) {
    for (const ledger of names) {
      const times: number[] = [];
      let figures: LedgerScaleFigures | undefined;
      for (let r = 0; r < repeats; r++) {
        const start = cpuMs();
        const study = scaleStudy({ participants: n, ledgers: [ledger], seed, periods });
        times.push(cpuMs() - start);
        const f = study.byLedger[ledger]!;
        if (figures !== undefined && fingerprint(f) !== fingerprint(figures))
          throw new Error(`compareLedgers: ${ledger} at ${n} participants differs between repeats`);
        figures = f;
      }
      const row = rowOf(figures!, periods, seed, median(times));
      readings.set(ledger, figures!.energyReading);
      rows.push(row);
      onCell?.(row);
    }
  }
  const models = names.map((ledger) => {
    const p = ledgerPlugin(ledger);
    return {
      ledger,
      description: p.description,
      energyReading: readings.get(ledger) ?? "not measured (no participants)",
      security: p.security ?? "not stated",
      defaultRoundS: p.defaultRoundSeconds,
    };
  });
  return { rows, models };
}
