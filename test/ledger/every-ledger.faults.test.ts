// Faults on every registered ledger model, for every fault kind it declares: the paper's load for
// three hours (every agent orders at each half hour and updates three times, every operator clears
// at minute 20, every microgrid sends an inter-microgrid message), with a window from 1:00 to 1:30
// that stops one microgrid's chain or the sequencer, or slows Layer 1 or the shared chain. Against
// the same seed without the fault: nothing is lost (every transaction resolved exactly once, and
// what the stop held back resolved only after it ended, attributed to the fault, a missed deadline
// counted as missed), nothing settles twice, everything resolved before the window is untouched,
// the other microgrids keep their latency through a chain's outage, and after recovery every
// transaction has the outcome it had without the fault. A fault kind a ledger does not declare
// leaves its run exactly as it was and reports no impact.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  KIND,
  NO_FAULTS,
  TxStatus,
  type FaultImpact,
  type FaultSchedule,
  type LedgerPlugin,
  type TxRequest,
} from "../../sim/ledger/index.js";
import { AGENTS, CHAINS, PERIOD_MS } from "./fixtures.js";
import {
  build,
  checkInvariants,
  committeeFor,
  committeeSize,
  declaredFaultKinds,
  faultsFor,
  modelPlugins,
  operatorOf,
  STOPPING_KINDS,
  stoppedBy,
  type Outcomes,
} from "./every-ledger.js";

const MINUTE_MS = 60_000;
const PERIODS = 6;
const FROM_MS = 2 * PERIOD_MS;
const TO_MS = 3 * PERIOD_MS;
/** After the window, time allowed for the backlog to clear before outcomes must match again. */
const RECOVERY_MS = 30 * MINUTE_MS;
const STOPPED_CHAIN = 1;
const MESSENGER_BASE = 20;

/** The paper's load on a fresh ledger of `plugin`, run to the end. */
function paperRun(plugin: LedgerPlugin, faults: FaultSchedule, maxEvents = Infinity): Outcomes {
  const { out, submitAt, kernel } = build(plugin, faults, 7);
  const nonces = new Float64Array(MESSENGER_BASE + CHAINS);
  const send = (at: number, tx: Omit<TxRequest, "nonce">): void =>
    submitAt(at, () => ({ ...tx, nonce: ++nonces[tx.sender]! }));
  for (let p = 0; p < PERIODS; p++) {
    const start = p * PERIOD_MS;
    const deadlineMs = start + 20 * MINUTE_MS;
    for (let u = 0; u <= 3; u++) {
      for (let a = 0; a < AGENTS; a++) {
        const kind = u > 0 ? "update" : a % 2 === 0 ? "bid" : "ask";
        send(start + u * 2 * MINUTE_MS, {
          chain: Math.floor(a / 5),
          sender: a,
          kind,
          price: 8 + u + (a % 3),
          quantityWh: 200 + 10 * a,
          deadlineMs,
        });
      }
    }
    for (let m = 0; m < CHAINS; m++) {
      send(deadlineMs, { chain: m, sender: operatorOf(m), kind: "clear", orders: 5 });
      send(deadlineMs + MINUTE_MS, {
        chain: m,
        sender: MESSENGER_BASE + m,
        kind: "inter-mg",
        deadlineMs: start + 25 * MINUTE_MS,
      });
    }
  }
  kernel.run({ maxEvents });
  return out;
}

const latency = (o: Outcomes, r: number): number => o.ledger.log.resolvedMs[r]! - o.ledger.log.submitMs[r]!;

/** Whether row r is an inter-microgrid message, which a stopped Wasp chain does not carry. */
function isMessage(kind: string, o: Outcomes, r: number): boolean {
  return kind === "wasp-node-down" && o.ledger.log.kind[r] === KIND["inter-mg"];
}

/** The rows a stopping fault holds back: submitted in the window to what it stops. */
function heldBack(o: Outcomes, kind: string, r: number): boolean {
  const log = o.ledger.log;
  const t = log.submitMs[r]!;
  if (t < FROM_MS || t >= TO_MS || !stoppedBy(kind, log.chain[r]!, STOPPED_CHAIN)) return false;
  return !isMessage(kind, o, r);
}

/** The impact rows agree with the log: counts of the rows attributed to each fault. */
function checkImpacts(o: Outcomes, impacts: FaultImpact[], faults: number): void {
  const log = o.ledger.log;
  assert.deepEqual(
    impacts.map((f) => f.fault),
    Array.from({ length: faults }, (_, i) => i),
    "one impact row per fault",
  );
  for (const f of impacts) {
    let affected = 0;
    let missed = 0;
    let confirmed = 0;
    let pending = 0;
    const now = o.context.kernel.now;
    for (let r = 0; r < log.length; r++) {
      if (log.fault[r] !== f.fault) continue;
      affected++;
      const s = log.status[r]!;
      if (s === TxStatus.CONFIRMED) confirmed++;
      if (s === TxStatus.PENDING) pending++;
      const d = log.deadlineMs[r]!;
      const onTime = s === TxStatus.CONFIRMED && log.confirmMs[r]! <= d;
      const due = s !== TxStatus.PENDING || d <= now;
      if (s !== TxStatus.REJECTED && d !== Infinity && !onTime && due) missed++;
    }
    assert.equal(f.affected, affected, `fault ${f.fault}: affected`);
    assert.equal(f.confirmed, confirmed, `fault ${f.fault}: confirmed`);
    assert.equal(f.missedDeadline, missed, `fault ${f.fault}: missed deadlines`);
    assert.equal(f.pending, pending, `fault ${f.fault}: pending`);
    assert.equal(f.confirmed + f.rejected + f.dropped + f.pending, f.affected, `fault ${f.fault}: outcomes`);
  }
}

const plugins = modelPlugins();
const baselines = new Map<string, Outcomes>();
const baseline = (plugin: LedgerPlugin): Outcomes => {
  let b = baselines.get(plugin.name);
  if (b === undefined) {
    b = paperRun(plugin, NO_FAULTS);
    checkInvariants(b);
    baselines.set(plugin.name, b);
  }
  return b;
};

test("every registered ledger model's declared fault kinds have a fault to test them with", () => {
  for (const kind of declaredFaultKinds()) assert.ok(faultsFor(kind, 0, 1, committeeFor(kind)).length > 0);
});

for (const plugin of plugins) {
  for (const kind of plugin.faultKinds ?? []) {
    test(`${plugin.name}: ${kind} from 1:00 to 1:30 loses nothing, settles nothing twice, and touches nothing outside its window`, () => {
      const base = baseline(plugin);
      const faults = faultsFor(kind, FROM_MS, TO_MS, committeeSize(plugin), STOPPED_CHAIN);
      const o = paperRun(plugin, { faults });
      checkInvariants(o);
      const log = o.ledger.log;
      const bl = base.ledger.log;
      assert.equal(log.length, bl.length, "the same submissions");
      checkImpacts(o, o.ledger.faultImpacts(), faults.length);

      let affected = 0;
      let held = 0;
      let baseMax = 0;
      for (let r = 0; r < bl.length; r++) baseMax = Math.max(baseMax, latency(base, r));
      for (let r = 0; r < log.length; r++) {
        if (log.fault[r]! >= 0) affected++;
        if (bl.resolvedMs[r]! < FROM_MS) {
          // Resolved before the fault began: exactly as without it.
          assert.equal(log.status[r], bl.status[r], `tx ${r}: status before the window`);
          assert.equal(log.resolvedMs[r], bl.resolvedMs[r], `tx ${r}: time before the window`);
          assert.equal(log.feeUsd[r], bl.feeUsd[r], `tx ${r}: fee before the window`);
          assert.equal(log.fault[r], -1, `tx ${r}: attributed to a fault that had not begun`);
        }
        if (log.submitMs[r]! >= TO_MS + RECOVERY_MS) {
          // Long after recovery: the outcome it had without the fault.
          assert.equal(log.status[r], bl.status[r], `tx ${r}: status after recovery`);
          assert.equal(log.reason[r], bl.reason[r], `tx ${r}: reason after recovery`);
          assert.ok(
            latency(o, r) <= 2 * baseMax + 1_000,
            `tx ${r}: latency ${latency(o, r)} ms after recovery, at most ${baseMax} ms without the fault`,
          );
        }
        if (!STOPPING_KINDS.has(kind)) continue;
        if (heldBack(o, kind, r)) {
          held++;
          assert.ok(log.resolvedMs[r]! >= TO_MS, `tx ${r}: resolved at ${log.resolvedMs[r]} while stopped`);
          assert.ok(log.fault[r]! >= 0, `tx ${r}: held back but not attributed to the fault`);
        } else if (kind === "wasp-node-down" && log.submitMs[r]! >= FROM_MS && log.submitMs[r]! < TO_MS) {
          // The other microgrids' chains go on as before.
          assert.ok(
            latency(o, r) <= 2 * baseMax + 1_000,
            `tx ${r} on chain ${log.chain[r]}: ${latency(o, r)} ms`,
          );
        }
        if (kind === "sequencer-down" && log.status[r] === TxStatus.CONFIRMED) {
          const t = log.confirmMs[r]!;
          assert.ok(t < FROM_MS || t >= TO_MS, `tx ${r}: confirmed at ${t} while the sequencer was down`);
        }
      }
      assert.ok(affected > 0, "the fault touched some transaction");
      if (STOPPING_KINDS.has(kind)) {
        assert.ok(held > 0, "transactions were sent while stopped");
        // Every order held back past its deadline is reported as having missed it.
        const missed = o.ledger.faultImpacts().reduce((s, f) => s + f.missedDeadline, 0);
        let pastDeadline = 0;
        for (let r = 0; r < log.length; r++)
          if (heldBack(o, kind, r) && log.deadlineMs[r]! < TO_MS) pastDeadline++;
        assert.ok(
          pastDeadline > 0 && missed >= pastDeadline,
          `${missed} missed, ${pastDeadline} held past deadline`,
        );
      }
    });
  }

  for (const kind of (plugin.faultKinds ?? []).filter((k) => STOPPING_KINDS.has(k))) {
    test(`${plugin.name}: ${kind} without an end: the run ends, what it stopped stays pending and is reported as missed`, () => {
      const base = baseline(plugin);
      const faults = faultsFor(kind, FROM_MS, Infinity, committeeSize(plugin), STOPPED_CHAIN);
      // Bounded, so that a model that keeps the kernel busy for ever fails instead of hanging.
      const o = paperRun(plugin, { faults }, 1_000_000);
      assert.equal(o.context.kernel.pending, 0, "the stopped ledger leaves no event behind: the run ends");
      checkInvariants(o, true);
      const log = o.ledger.log;
      const bl = base.ledger.log;
      assert.equal(log.length, bl.length, "the same submissions");
      let pending = 0;
      let pendingWithDeadline = 0;
      for (let r = 0; r < log.length; r++) {
        const stopped = stoppedBy(kind, log.chain[r]!, STOPPED_CHAIN);
        if (heldBack(o, kind, r) || (log.submitMs[r]! >= TO_MS && stopped && !isMessage(kind, o, r))) {
          assert.equal(log.status[r], TxStatus.PENDING, `tx ${r}: sent to a stopped ledger, yet resolved`);
        }
        if (log.status[r] !== TxStatus.PENDING) {
          if (stopped && !isMessage(kind, o, r))
            assert.ok(
              log.resolvedMs[r]! < FROM_MS + 60_000,
              `tx ${r}: resolved at ${log.resolvedMs[r]}, stopped`,
            );
          continue;
        }
        pending++;
        if (log.deadlineMs[r]! <= o.context.kernel.now) pendingWithDeadline++;
        assert.ok(stopped, `tx ${r} on chain ${log.chain[r]}: pending, but nothing stopped it`);
        assert.ok(log.fault[r]! >= 0, `tx ${r}: pending, not attributed to the fault`);
      }
      assert.ok(pending > 0, "something was stopped");
      const impacts = o.ledger.faultImpacts();
      checkImpacts(o, impacts, faults.length);
      assert.equal(
        impacts.reduce((s, f) => s + f.pending, 0),
        pending,
        "the impact counts every pending transaction",
      );
      assert.equal(
        impacts.reduce((s, f) => s + f.missedDeadline, 0),
        pendingWithDeadline,
        "and every one past its deadline as missed",
      );
    });
  }

  const undeclared = declaredFaultKinds().filter((k) => !(plugin.faultKinds ?? []).includes(k));
  if (undeclared.length === 0) continue;
  test(`${plugin.name}: fault kinds it does not declare (${undeclared.join(", ")}) leave its run as it was`, () => {
    const base = baseline(plugin);
    for (const kind of undeclared) {
      const o = paperRun(plugin, {
        faults: faultsFor(kind, FROM_MS, TO_MS, committeeFor(kind), STOPPED_CHAIN),
      });
      checkInvariants(o);
      const log = o.ledger.log;
      const bl = base.ledger.log;
      assert.equal(log.length, bl.length);
      const n = log.length;
      assert.deepEqual(log.resolvedMs.subarray(0, n), bl.resolvedMs.subarray(0, n), `${kind}: times`);
      assert.deepEqual(log.status.subarray(0, n), bl.status.subarray(0, n), `${kind}: statuses`);
      assert.deepEqual(log.feeUsd.subarray(0, n), bl.feeUsd.subarray(0, n), `${kind}: fees`);
      assert.ok(
        log.fault.subarray(0, n).every((f) => f === -1),
        `${kind}: nothing attributed to it`,
      );
      assert.deepEqual(o.ledger.faultImpacts(), [], `${kind}: no impact reported`);
    }
  });
}
