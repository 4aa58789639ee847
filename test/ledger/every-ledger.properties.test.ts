// Invariants of every registered ledger model on random seeded workloads: bids, asks and updates by
// members and by other microgrids' agents, clears by operators and by agents, inter-microgrid
// messages; nonces in order, replayed or skipped; prices inside and at or beyond (Pgs, Pgb);
// quantities whole, fractional or negative; deadlines loose, tight or absent; several submissions in
// the same millisecond. Each submission gets exactly one outcome, the stats are the log's rows, fees
// and energy are charged only as they should be, and the outcomes are what the contract rules give
// in the order the ledger executed them (checkInvariants). A second property adds a random window of
// a fault kind the ledger declares.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  KIND,
  NO_FAULTS,
  type FaultSchedule,
  type LedgerPlugin,
  type TxKind,
  type TxRequest,
} from "../../sim/ledger/index.js";
import { BUY, DEFAULT_LIMITS, SELL } from "../../sim/market/index.js";
import { AGENTS, CHAINS } from "./fixtures.js";
import {
  build,
  checkInvariants,
  committeeSize,
  faultsFor,
  modelPlugins,
  operatorOf,
  stoppedBy,
  type Outcomes,
} from "./every-ledger.js";

const HOUR_MS = 3_600_000;
const L = DEFAULT_LIMITS;
/** Senders of inter-microgrid messages (own nonces, so their order does not interact with clears). */
const MESSENGER_BASE = 20;

interface Step {
  at: number;
  /** 0..14 agents, 15..17 operators, 20..22 inter-microgrid messengers. */
  sender: number;
  /** For agents: bid, ask, update, update of a given side, or a clear they may not send. */
  action: number;
  foreign: boolean;
  nonce: "next" | "same" | "skip";
  price: number;
  quantityWh: number;
  deadline: "none" | "tight" | "loose";
}

const priceArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 31 }).map((k) => L.pgs + 0.5 * k) },
  { weight: 1, arbitrary: fc.constantFrom(L.pgs, L.pgb, NaN, 25, -1) },
);
const quantityArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1.5, -1) },
);
const senderArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: AGENTS - 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: CHAINS - 1 }).map(operatorOf) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: CHAINS - 1 }).map((m) => MESSENGER_BASE + m) },
);
const stepArb = (spanMs: number): fc.Arbitrary<Step> =>
  fc.record({
    // Coarse times, so that several submissions often share a millisecond.
    at: fc.integer({ min: 0, max: spanMs / 1000 }).map((s) => s * 1000),
    sender: senderArb,
    action: fc.integer({ min: 0, max: 9 }),
    foreign: fc.integer({ min: 0, max: 5 }).map((k) => k === 0),
    nonce: fc.constantFrom("next", "next", "next", "next", "next", "same", "skip"),
    price: priceArb,
    quantityWh: quantityArb,
    deadline: fc.constantFrom("none", "tight", "loose"),
  });

/** The request a step sends; `nonces` holds each sender's last nonce. */
function request(step: Step, nonces: Map<number, number>, now: number): TxRequest {
  const s = step.sender;
  const last = nonces.get(s) ?? 0;
  const nonce = step.nonce === "next" ? last + 1 : step.nonce === "same" ? last : last + 3;
  nonces.set(s, Math.max(last, nonce));
  const deadlineMs =
    step.deadline === "none" ? undefined : now + (step.deadline === "tight" ? 1 : 20 * 60_000);
  if (s >= MESSENGER_BASE)
    return { chain: s - MESSENGER_BASE, sender: s, kind: "inter-mg", nonce, quantityWh: 0, deadlineMs };
  const own = s >= AGENTS ? s - AGENTS : Math.floor(s / 5);
  const chain = step.foreign ? (own + 1) % CHAINS : own;
  if (s >= AGENTS) return { chain, sender: s, kind: "clear", nonce, orders: 5, deadlineMs };
  const a = step.action;
  const kind: TxKind = a < 3 ? "bid" : a < 5 ? "ask" : a < 9 ? "update" : "clear";
  const side = kind === "update" && a >= 7 ? (a === 7 ? BUY : SELL) : undefined;
  return { chain, sender: s, kind, nonce, price: step.price, quantityWh: step.quantityWh, side, deadlineMs };
}

/** Runs the steps on a fresh ledger of `plugin` and drains the kernel. */
function runSteps(plugin: LedgerPlugin, steps: Step[], seed: number, faults: FaultSchedule = NO_FAULTS) {
  const { out, submitAt, kernel } = build(plugin, faults, seed);
  const nonces = new Map<number, number>();
  for (const step of steps) submitAt(step.at, () => request(step, nonces, kernel.now));
  kernel.run();
  return out;
}

const workloadArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  steps: fc.array(stepArb(HOUR_MS), { minLength: 1, maxLength: 120 }),
});

for (const plugin of modelPlugins()) {
  test(`${plugin.name}: every submission of a random workload gets exactly one outcome, as the contract rules say`, () => {
    fc.assert(
      fc.property(workloadArb, ({ seed, steps }) => {
        checkInvariants(runSteps(plugin, steps, seed));
      }),
      { numRuns: 25, seed: 20260301 },
    );
  });

  const kinds = plugin.faultKinds ?? [];
  if (kinds.length === 0) continue;
  const committee = committeeSize(plugin);
  test(`${plugin.name}: with a random window of a fault it declares, nothing is lost or settled twice`, () => {
    fc.assert(
      fc.property(
        workloadArb,
        fc.constantFrom(...kinds),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 40 }),
        ({ seed, steps }, kind, fromMin, lengthMin) => {
          const fromMs = fromMin * 60_000;
          const toMs = fromMs + lengthMin * 60_000;
          const out = runSteps(plugin, steps, seed, { faults: faultsFor(kind, fromMs, toMs, committee) });
          checkInvariants(out);
          checkStopped(out, kind, fromMs, toMs);
        },
      ),
      { numRuns: 20, seed: 20260302 },
    );
  });
}

/** Under a stopping fault, nothing submitted to the stopped chain in the window resolves before it ends. */
function checkStopped(out: Outcomes, kind: string, fromMs: number, toMs: number): void {
  const log = out.ledger.log;
  for (let r = 0; r < log.length; r++) {
    const t = log.submitMs[r]!;
    if (t < fromMs || t >= toMs || !stoppedBy(kind, log.chain[r]!)) continue;
    // An inter-microgrid message is a Layer-1 message on IOTA: no Wasp chain involved.
    if (log.kind[r] === KIND["inter-mg"] && kind === "wasp-node-down") continue;
    assert.ok(
      log.resolvedMs[r]! >= toMs,
      `${out.plugin.name}: tx ${r} sent at ${t} resolved at ${log.resolvedMs[r]} inside the ${kind} window [${fromMs}, ${toMs})`,
    );
  }
}
