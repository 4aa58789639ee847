// Shared set-up for the tests that run on every registered ledger model: each plugin built through
// its own `create` on the paper's topology (15 agents, 3 microgrids of 5, operators 15..17), a fault
// of each kind a plugin declares, a driver that records every outcome callback, and the invariants
// every ledger must keep whatever the workload.
import assert from "node:assert/strict";
import { Kernel, Streams } from "../../sim/kernel/index.js";
import {
  contractRules,
  KIND,
  ledgerNames,
  ledgerPlugin,
  NO_FAULTS,
  Reason,
  TxStatus,
  waspFaultTolerance,
  type ContractRules,
  type Fault,
  type FaultSchedule,
  type Ledger,
  type LedgerContext,
  type LedgerPlugin,
  type TxRequest,
  type TxStatusCode,
} from "../../sim/ledger/index.js";
import { DEFAULT_LIMITS } from "../../sim/market/index.js";
import { AGENTS, CHAINS, OPERATOR_BASE } from "./fixtures.js";

/** Every registered plugin that builds a ledger model (all but instant confirmation). */
export function modelPlugins(): LedgerPlugin[] {
  return ledgerNames()
    .map((name) => ledgerPlugin(name))
    .filter((p) => p.create !== null);
}

/** Every fault kind some registered ledger declares. */
export function declaredFaultKinds(): string[] {
  return [...new Set(ledgerNames().flatMap((name) => ledgerPlugin(name).faultKinds ?? []))].sort();
}

/** The run context of the paper's topology: agent a in microgrid floor(a / 5), Pgs 3.2, Pgb 18.9. */
export function paperContext(faults: FaultSchedule = NO_FAULTS, seed = 1): LedgerContext {
  return {
    kernel: new Kernel(),
    streams: new Streams(seed),
    faults,
    keepLog: "all",
    memberOf: Int32Array.from({ length: AGENTS }, (_, a) => Math.floor(a / 5)),
    chains: CHAINS,
    limits: DEFAULT_LIMITS,
  };
}

/** What one ledger did with a workload: each outcome callback in the order it ran. */
export interface Outcomes {
  plugin: LedgerPlugin;
  context: LedgerContext;
  ledger: Ledger;
  /** Submissions, by tx id. */
  submitted: number;
  /** Per tx id: callbacks received. */
  calls: Int32Array;
  /** Callbacks in the order they ran: tx id, status passed, kernel time. */
  order: { id: number; status: TxStatusCode; at: number }[];
}

/** A ledger of `plugin` on the paper's topology, with a callback that records every outcome. */
export function build(plugin: LedgerPlugin, faults: FaultSchedule = NO_FAULTS, seed = 1) {
  const context = paperContext(faults, seed);
  const ledger = plugin.create!(context, undefined);
  const out: Outcomes = {
    plugin,
    context,
    ledger,
    submitted: 0,
    calls: new Int32Array(1024),
    order: [],
  };
  const onDone = (id: number, status: TxStatusCode): void => {
    if (id >= out.calls.length) {
      const grown = new Int32Array(Math.max(id + 1, out.calls.length * 2));
      grown.set(out.calls);
      out.calls = grown;
    }
    out.calls[id]!++;
    out.order.push({ id, status, at: context.kernel.now });
  };
  /** Schedules a submission of (a copy of) `tx` at `at`; the nonce is taken when it is sent. */
  const submitAt = (at: number, tx: TxRequest | (() => TxRequest)): void => {
    context.kernel.schedule(at, () => {
      const req = typeof tx === "function" ? tx() : { ...tx };
      const id = ledger.submit(req, onDone);
      assert.equal(id, out.submitted, `${plugin.name}: ids are dense, in submission order`);
      out.submitted++;
    });
  };
  return { out, submitAt, kernel: context.kernel };
}

/** Committee size of a plugin's Wasp chains (a probe model's config), or undefined without any. */
export function committeeSize(plugin: LedgerPlugin): number | undefined {
  const probe = plugin.create!(paperContext(), undefined) as {
    config?: { wasp?: { committeeSize?: number } };
  };
  return probe.config?.wasp?.committeeSize;
}

/** Kinds whose fault stops confirmation (a chain or the sequencer), as opposed to slowing it. */
export const STOPPING_KINDS = new Set(["wasp-node-down", "sequencer-down"]);

/**
 * A fault of `kind` over [fromMs, toMs): a stopping fault stops the whole chain `chain` (enough of a
 * committee of `committee` nodes down to lose its quorum) or the sequencer; a spike multiplies by 4.
 * A kind without a template here fails: a new fault kind needs one.
 */
export function faultsFor(
  kind: string,
  fromMs: number,
  toMs: number,
  committee: number | undefined,
  chain = 1,
): Fault[] {
  switch (kind) {
    case "wasp-node-down": {
      assert.ok(committee !== undefined, "wasp-node-down on a ledger without a Wasp committee");
      return Array.from({ length: waspFaultTolerance(committee) + 1 }, (_, node) => ({
        kind,
        chain,
        node,
        fromMs,
        toMs,
      }));
    }
    case "sequencer-down":
      return [{ kind, fromMs, toMs }];
    case "l1-latency-spike":
    case "eth-demand-spike":
      return [{ kind, fromMs, toMs, multiplier: 4 }];
    default:
      assert.fail(`no fault template for kind "${kind}": add one to test/ledger/every-ledger.ts`);
  }
}

/** Committee size of the first registered ledger model that declares `kind` (for its template). */
export function committeeFor(kind: string): number | undefined {
  const declaring = modelPlugins().find((p) => p.faultKinds?.includes(kind) === true);
  return declaring === undefined ? undefined : committeeSize(declaring);
}

/** Whether a transaction on `chain` waits for a stopping fault of `kind` (on `faultChain`). */
export function stoppedBy(kind: string, chain: number, faultChain = 1): boolean {
  return kind === "sequencer-down" || (kind === "wasp-node-down" && chain === faultChain);
}

/**
 * The invariants of a finished run (kernel drained): every submission got exactly one outcome
 * callback (or, with `allowPending`, none while still pending: held by a fault without an end), with the status the log holds, at the time the log records; nothing is pending; times
 * are ordered; the stats are the log's rows; fees and energy are non-negative and finite and charged
 * only for executed transactions; and replaying the executed transactions, in the order their
 * outcomes arrived, through a fresh copy of the contract rules gives each its logged reason and
 * round (so no order settles twice: accepted nonces are distinct per sender).
 */
export function checkInvariants(o: Outcomes, allowPending = false): void {
  const { ledger, plugin } = o;
  const name = plugin.name;
  const log = ledger.log;
  assert.equal(log.base, 0, `${name}: the log keeps every row`);
  assert.equal(log.length, o.submitted, `${name}: one log row per submission`);
  const stats = ledger.stats();
  assert.equal(stats.submitted, o.submitted, `${name}: stats count every submission`);
  for (let id = 0; id < o.submitted; id++) {
    const expected = log.status[id] === TxStatus.PENDING ? 0 : 1;
    assert.equal(o.calls[id], expected, `${name}: tx ${id} got ${o.calls[id]} outcome callbacks`);
  }
  const counts = [0, 0, 0, 0];
  let late = 0;
  let feeNative = 0;
  let feeUsd = 0;
  let energy = 0;
  for (let r = 0; r < log.length; r++) {
    const s = log.status[r]!;
    counts[s]!++;
    const submit = log.submitMs[r]!;
    const resolved = log.resolvedMs[r]!;
    assert.ok(
      s === TxStatus.PENDING || resolved >= submit,
      `${name}: tx ${r} resolved at ${resolved}, before it was sent at ${submit}`,
    );
    const fn = log.feeNative[r]!;
    const fu = log.feeUsd[r]!;
    const e = log.energyWh[r]!;
    assert.ok(fn >= 0 && Number.isFinite(fn), `${name}: tx ${r} native fee ${fn}`);
    assert.ok(fu >= 0 && Number.isFinite(fu), `${name}: tx ${r} USD fee ${fu}`);
    assert.ok(e >= 0 && Number.isFinite(e), `${name}: tx ${r} energy ${e}`);
    feeNative += fn;
    feeUsd += fu;
    energy += e;
    if (s === TxStatus.PENDING) {
      assert.ok(
        Number.isNaN(resolved) && Number.isNaN(log.confirmMs[r]!),
        `${name}: pending tx ${r} has times`,
      );
      assert.equal(fn + fu + e, 0, `${name}: pending tx ${r} charged`);
      continue;
    }
    if (s === TxStatus.CONFIRMED) {
      assert.equal(log.reason[r], Reason.NONE, `${name}: confirmed tx ${r} has a reason`);
      assert.equal(log.confirmMs[r], resolved, `${name}: tx ${r} confirmed when resolved`);
      if (log.confirmMs[r]! > log.deadlineMs[r]!) late++;
    } else {
      assert.ok(Number.isNaN(log.confirmMs[r]!), `${name}: unconfirmed tx ${r} has a confirmation time`);
      assert.notEqual(log.reason[r], Reason.NONE, `${name}: tx ${r} (status ${s}) without a reason`);
    }
    if (s === TxStatus.DROPPED) {
      assert.equal(e, 0, `${name}: dropped tx ${r} charged energy`);
      assert.equal(fn, 0, `${name}: dropped tx ${r} charged a fee`);
      assert.ok(
        log.reason[r] === Reason.EXPIRED || log.reason[r] === Reason.NONCE_GAP,
        `${name}: dropped tx ${r} for a contract reason ${log.reason[r]}`,
      );
    } else {
      assert.ok(
        log.reason[r] !== Reason.EXPIRED && log.reason[r] !== Reason.NONCE_GAP,
        `${name}: executed tx ${r} with a drop reason`,
      );
    }
  }
  if (!allowPending) assert.equal(counts[TxStatus.PENDING], 0, `${name}: pending once the kernel is drained`);
  assert.equal(stats.pending, counts[TxStatus.PENDING], `${name}: pending count`);
  assert.equal(o.order.length, o.submitted - counts[TxStatus.PENDING]!, `${name}: one callback per outcome`);
  assert.equal(stats.confirmed, counts[TxStatus.CONFIRMED], `${name}: confirmed count`);
  assert.equal(stats.rejected, counts[TxStatus.REJECTED], `${name}: rejected count`);
  assert.equal(stats.dropped, counts[TxStatus.DROPPED], `${name}: dropped count`);
  assert.equal(stats.confirmedLate, late, `${name}: confirmed late count`);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  assert.ok(close(stats.feeNative, feeNative), `${name}: native fees ${stats.feeNative} vs ${feeNative}`);
  assert.ok(close(stats.feeUsd, feeUsd), `${name}: USD fees ${stats.feeUsd} vs ${feeUsd}`);
  assert.ok(close(stats.energyWh, energy), `${name}: energy ${stats.energyWh} vs ${energy}`);

  const rules = contractRules(o.context);
  let lastAt = -Infinity;
  for (const { id, status, at } of o.order) {
    assert.equal(status, log.status[id], `${name}: tx ${id} callback status vs log`);
    assert.equal(at, log.resolvedMs[id], `${name}: tx ${id} callback time vs log`);
    assert.ok(at >= lastAt, `${name}: outcomes delivered out of time order`);
    lastAt = at;
    if (status === TxStatus.DROPPED) continue;
    replay(rules, log, id, name);
  }
}

function replay(rules: ContractRules, log: Ledger["log"], id: number, name: string): void {
  const chain = log.chain[id]!;
  const kind = log.kind[id]!;
  const round = rules.openRound(chain);
  const reason = rules.execute(
    chain,
    log.sender[id]!,
    kind,
    log.side[id]!,
    log.nonce[id]!,
    log.price[id]!,
    log.quantityWh[id]!,
  );
  assert.equal(log.reason[id], reason, `${name}: tx ${id} reason ${log.reason[id]}, contract says ${reason}`);
  if (kind !== KIND["inter-mg"]) assert.equal(log.round[id], round, `${name}: tx ${id} round`);
}

/** The operator of chain m (the sender allowed to clear it). */
export const operatorOf = (m: number): number => OPERATOR_BASE + m;
