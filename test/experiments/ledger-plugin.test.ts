// A ledger registered at run time is run by name from a config, like the built-in ones.
import { test } from "node:test";
import assert from "node:assert/strict";
// Written against the public surface only (sim/index.ts), as a user's plugin would be.
import {
  type Kernel,
  contractRules,
  KIND,
  kindCode,
  ledgerStats,
  Reason,
  registerLedger,
  sideCode,
  TxLog,
  TxStatus,
  type ContractRules,
  type Ledger,
  type LedgerContext,
  type TxCallback,
  type TxRequest,
} from "../../sim/index.js";
import { parseRunConfig } from "../../experiments/config/load.js";
import { simulate } from "../../experiments/run/simulate.js";
import { buildSummary } from "../../experiments/run/report-data.js";

/** Every transaction executes (against the contract rules) exactly latencyMs after submission. */
class FixedLatencyLedger implements Ledger {
  readonly name = "fixed-latency";
  readonly log: TxLog;
  readonly latencyMs: number;
  readonly #kernel: Kernel;
  readonly #rules: ContractRules;
  readonly #chains: number;
  readonly #callbacks = new Map<number, TxCallback>();

  constructor(context: LedgerContext, latencyMs: number) {
    if (!Number.isSafeInteger(latencyMs) || latencyMs < 0)
      throw new RangeError(`latencyMs must be an integer >= 0, got ${latencyMs}`);
    this.log = new TxLog(context.keepLog);
    this.latencyMs = latencyMs;
    this.#kernel = context.kernel;
    this.#rules = contractRules(context);
    this.#chains = context.chains;
  }

  submit(tx: TxRequest, onDone?: TxCallback): number {
    const kind = kindCode(tx, this.#chains, "FixedLatencyLedger");
    const now = this.#kernel.now;
    const id = this.log.append(
      tx.chain,
      tx.sender,
      kind,
      sideCode(tx, "FixedLatencyLedger"),
      tx.nonce,
      now,
      tx.deadlineMs ?? Infinity,
      tx.price ?? NaN,
      tx.quantityWh ?? 0,
      tx.orders ?? 0,
      0,
    );
    if (onDone !== undefined) this.#callbacks.set(id, onDone);
    this.#kernel.schedule(now + this.latencyMs, this.#execute, 0, id);
    return id;
  }

  readonly #execute = (id: number): void => {
    const log = this.log;
    const r = log.row(id);
    const chain = log.chain[r]!;
    if (log.kind[r] !== KIND["inter-mg"]) log.round[r] = this.#rules.openRound(chain);
    const reason = this.#rules.execute(
      chain,
      log.sender[r]!,
      log.kind[r]!,
      log.side[r]!,
      log.nonce[r]!,
      log.price[r]!,
      log.quantityWh[r]!,
    );
    const now = this.#kernel.now;
    const status = reason === Reason.NONE ? TxStatus.CONFIRMED : TxStatus.REJECTED;
    log.reason[r] = reason;
    log.status[r] = status;
    log.resolvedMs[r] = now;
    if (status === TxStatus.CONFIRMED) log.confirmMs[r] = now;
    const done = this.#callbacks.get(id);
    this.#callbacks.delete(id);
    done?.(id, status);
  };

  stats() {
    return ledgerStats(this.log);
  }

  /** No fault kind applies to this model. */
  faultImpacts() {
    return [];
  }
}

registerLedger<{ latencyMs?: number }>({
  name: "fixed-latency",
  description: "every transaction confirms a fixed time after submission",
  defaultRoundSeconds: 15,
  create: (context, options) => new FixedLatencyLedger(context, options?.latencyMs ?? 1000),
});

const config = parseRunConfig(
  {
    ledgers: ["ideal", "fixed-latency"],
    scenarios: ["all"],
    profiles: { source: "synthetic", days: 1 },
    ledgerOptions: { "fixed-latency": { latencyMs: 2000 } },
  },
  "plugin-test",
);
const result = simulate(config, ".");

test("a registered ledger gets its default round length and its options from the config", () => {
  assert.equal(config.trading.roundSeconds["fixed-latency"], 15);
  assert.equal(config.trading.roundSeconds.iota, 20, "the built-ins keep theirs");
  const model = result.runs[1]!.ledgerModel;
  assert.ok(model instanceof FixedLatencyLedger);
  assert.equal(model.latencyMs, 2000);
  assert.equal(result.runs[0]!.ledgerModel, undefined, "ideal has no ledger model");
});

test("simulate runs the market on a registered ledger by name", () => {
  const run = result.runs[1]!;
  assert.equal(run.ledger, "fixed-latency");
  const log = run.ledgerModel!.log;
  const stats = run.ledgerModel!.stats();
  assert.ok(stats.confirmed > 1000, `${stats.confirmed} confirmed`);
  assert.equal(stats.pending, 0);
  for (let i = 0; i < log.length; i++) {
    if (log.status[i] === TxStatus.CONFIRMED) assert.equal(log.confirmMs[i]! - log.submitMs[i]!, 2000);
  }
  const rows = run.recorder.periods;
  const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
  assert.ok(sum(rows.matchedLocalWh) > 0, "the microgrid auctions matched energy");
  assert.equal(sum(rows.missedOrders), 0, "2 s confirmations never miss a 15 s round");
  const summary = buildSummary(result);
  assert.deepEqual(
    summary.ledgers.map((l) => l.ledger),
    ["fixed-latency"],
  );
  assert.equal(summary.ledgers[0]!.txLatencyMeanS, 2);
});
