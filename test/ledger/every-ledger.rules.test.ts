// The contract rules (sim/ledger/rules.ts) on every registered ledger model: one script of orders
// that break each rule — a foreign microgrid, a replayed nonce, prices at Pgs, at Pgb and NaN,
// negative and fractional quantities, a second order in a round, updates of no order, of the other
// side, of a closed round's order and on another microgrid, clears by agents and by another
// microgrid's operator — is rejected with the same reason on every ledger, in the round the contract
// was in, and never changes the contract's state (the rejected nonces stay free, no order goes live).
// A deadline is the sender's, not a rule: an order confirmed after it is confirmed, and counted late.
import { test } from "node:test";
import assert from "node:assert/strict";
import { contractRules, KIND, Reason, TxStatus, type TxRequest } from "../../sim/ledger/index.js";
import { BUY, DEFAULT_LIMITS, SELL } from "../../sim/market/index.js";
import { build, modelPlugins, paperContext } from "./every-ledger.js";

// Agents 0-4 are members of microgrid 0, 5-9 of 1, 10-14 of 2; operators are 15, 16, 17.
const L = DEFAULT_LIMITS;
const order = { quantityWh: 100, price: 10 };
const SCRIPT: [Omit<TxRequest, "quantityWh"> & { quantityWh?: number }, number][] = [
  [{ chain: 0, sender: 0, kind: "bid", nonce: 1, ...order }, Reason.NONE],
  [{ chain: 0, sender: 5, kind: "bid", nonce: 1, ...order }, Reason.NOT_MEMBER],
  [{ chain: 0, sender: 1, kind: "ask", nonce: 1, ...order, price: L.pgs }, Reason.PRICE_OUT_OF_RANGE],
  [{ chain: 0, sender: 1, kind: "ask", nonce: 2, ...order, price: L.pgb }, Reason.PRICE_OUT_OF_RANGE],
  [{ chain: 0, sender: 1, kind: "ask", nonce: 3, ...order, price: NaN }, Reason.PRICE_OUT_OF_RANGE],
  [{ chain: 0, sender: 1, kind: "ask", nonce: 4, ...order, quantityWh: -1 }, Reason.BAD_QUANTITY],
  [{ chain: 0, sender: 1, kind: "ask", nonce: 5, ...order, quantityWh: 1.5 }, Reason.BAD_QUANTITY],
  // None of sender 1's asks went live, so there is nothing to update...
  [{ chain: 0, sender: 1, kind: "update", nonce: 6, ...order }, Reason.NO_ORDER],
  // ...and its nonce 1 is still free.
  [{ chain: 0, sender: 1, kind: "ask", nonce: 1, ...order, price: 12 }, Reason.NONE],
  [{ chain: 0, sender: 1, kind: "ask", nonce: 1, ...order, price: 12 }, Reason.REPLAY],
  [{ chain: 0, sender: 0, kind: "bid", nonce: 2, ...order }, Reason.ORDER_EXISTS],
  [{ chain: 0, sender: 0, kind: "update", nonce: 3, ...order, side: SELL }, Reason.NO_ORDER],
  [{ chain: 0, sender: 0, kind: "update", nonce: 4, ...order, price: 11, side: BUY }, Reason.NONE],
  [{ chain: 1, sender: 6, kind: "update", nonce: 1, ...order }, Reason.NO_ORDER],
  [{ chain: 1, sender: 0, kind: "update", nonce: 5, ...order }, Reason.NOT_MEMBER],
  [{ chain: 0, sender: 3, kind: "clear", nonce: 1, orders: 2 }, Reason.NOT_OPERATOR],
  [{ chain: 0, sender: 16, kind: "clear", nonce: 1, orders: 2 }, Reason.NOT_OPERATOR],
  [{ chain: 0, sender: 15, kind: "clear", nonce: 1, orders: 2 }, Reason.NONE],
  // Round 1 of microgrid 0: last round's order is closed.
  [{ chain: 0, sender: 0, kind: "update", nonce: 6, ...order }, Reason.NO_ORDER],
  [{ chain: 0, sender: 15, kind: "clear", nonce: 1, orders: 0 }, Reason.REPLAY],
  [{ chain: 0, sender: 0, kind: "bid", nonce: 6, ...order, price: 9 }, Reason.NONE],
  [{ chain: 2, sender: 20, kind: "inter-mg", nonce: 1 }, Reason.NONE],
  [{ chain: 2, sender: 20, kind: "inter-mg", nonce: 1 }, Reason.REPLAY],
  // A deadline 1 ms after sending: confirmed all the same, and late.
  [{ chain: 1, sender: 7, kind: "ask", nonce: 1, ...order }, Reason.NONE],
];
const EXPECTED = SCRIPT.map(([, reason]) => reason);
/** Submissions this far apart execute one at a time, in script order, on every ledger. */
const SPACING_MS = 120_000;
const LATE = SCRIPT.length - 1;

test("the script's expected reasons are the contract's own, in script order", () => {
  const rules = contractRules(paperContext());
  const got = SCRIPT.map(([tx]) =>
    rules.execute(
      tx.chain,
      tx.sender,
      KIND[tx.kind],
      tx.kind === "bid" ? BUY : tx.kind === "ask" ? SELL : (tx.side ?? 255),
      tx.nonce,
      tx.price ?? NaN,
      tx.quantityWh ?? 0,
    ),
  );
  assert.deepEqual(got, EXPECTED);
});

for (const plugin of modelPlugins()) {
  test(`${plugin.name}: every contract rule is enforced with the contract's reason, and a rejection changes nothing`, () => {
    const { out, submitAt, kernel } = build(plugin);
    SCRIPT.forEach(([tx], i) => {
      const at = i * SPACING_MS;
      submitAt(at, { ...tx, deadlineMs: i === LATE ? at + 1 : tx.deadlineMs });
    });
    kernel.run();
    const log = out.ledger.log;
    const n = SCRIPT.length;
    assert.equal(log.length, n);
    assert.deepEqual(Array.from(log.reason.subarray(0, n)), EXPECTED, `${plugin.name}: reasons`);
    assert.deepEqual(
      Array.from(log.status.subarray(0, n)),
      EXPECTED.map((r) => (r === Reason.NONE ? TxStatus.CONFIRMED : TxStatus.REJECTED)),
      `${plugin.name}: statuses`,
    );
    for (let i = 0; i < n; i++) {
      assert.equal(out.calls[i], 1, `${plugin.name}: tx ${i} outcomes`);
      if (EXPECTED[i] !== Reason.NONE) {
        assert.ok(
          Number.isNaN(log.confirmMs[i]!),
          `${plugin.name}: rejected tx ${i} has a confirmation time`,
        );
      }
      // Orders and clears record the round the contract was in when they executed.
      const tx = SCRIPT[i]![0];
      if (tx.kind !== "inter-mg" && tx.chain === 0) {
        const clearedBefore = i > SCRIPT.findIndex(([t, r]) => t.kind === "clear" && r === Reason.NONE);
        assert.equal(log.round[i], clearedBefore ? 1 : 0, `${plugin.name}: tx ${i} round`);
      }
    }
    const stats = out.ledger.stats();
    assert.equal(stats.confirmedLate, 1, `${plugin.name}: only the order past its deadline is late`);
    assert.ok(log.confirmMs[LATE]! > log.deadlineMs[LATE]!);
  });
}
