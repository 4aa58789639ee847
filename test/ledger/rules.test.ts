import { test } from "node:test";
import assert from "node:assert/strict";
import { ANY_SIDE, ContractRules, KIND, Reason, TxStatus, type Ledger } from "../../sim/ledger/index.js";
import { BUY, SELL } from "../../sim/market/index.js";
import { ethereumSetup, iotaSetup, paperRules, type Setup } from "./fixtures.js";

// Agents 0-4 are members of microgrid 0, 5-9 of 1, 10-14 of 2; operators are 15, 16, 17.

function bid(r: ContractRules, chain: number, sender: number, nonce: number, price = 10, qty = 100): number {
  return r.execute(chain, sender, KIND.bid, BUY, nonce, price, qty);
}

test("only members of a microgrid may place orders on its chain", () => {
  const r = paperRules();
  assert.equal(bid(r, 1, 0, 1), Reason.NOT_MEMBER);
  assert.equal(bid(r, 0, 99, 1), Reason.NOT_MEMBER);
  assert.equal(bid(r, 0, 0, 1), Reason.NONE);
});

test("a reused or lower nonce is rejected as a replay; nonces start at 1", () => {
  const r = paperRules();
  assert.equal(bid(r, 0, 0, 0), Reason.REPLAY);
  assert.equal(bid(r, 0, 0, 5), Reason.NONE);
  assert.equal(r.execute(0, 0, KIND.update, ANY_SIDE, 5, 11, 100), Reason.REPLAY);
  assert.equal(r.execute(0, 0, KIND.update, ANY_SIDE, 4, 11, 100), Reason.REPLAY);
  assert.equal(r.execute(0, 0, KIND.update, ANY_SIDE, 6, 11, 100), Reason.NONE);
});

test("prices must lie strictly inside (Pgs, Pgb)", () => {
  const r = paperRules();
  assert.equal(bid(r, 0, 0, 1, 3.2), Reason.PRICE_OUT_OF_RANGE);
  assert.equal(bid(r, 0, 0, 2, 18.9), Reason.PRICE_OUT_OF_RANGE);
  assert.equal(bid(r, 0, 0, 3, NaN), Reason.PRICE_OUT_OF_RANGE);
  assert.equal(bid(r, 0, 0, 4, 3.2001), Reason.NONE);
  assert.equal(bid(r, 0, 1, 1, 18.8999), Reason.NONE);
});

test("quantities must be non-negative integer Wh", () => {
  const r = paperRules();
  assert.equal(bid(r, 0, 0, 1, 10, -1), Reason.BAD_QUANTITY);
  assert.equal(bid(r, 0, 0, 2, 10, 1.5), Reason.BAD_QUANTITY);
  assert.equal(bid(r, 0, 0, 3, 10, 0), Reason.NONE);
});

test("one live order per agent per round: a second order is rejected, an update replaces it", () => {
  const r = paperRules();
  assert.equal(bid(r, 0, 0, 1), Reason.NONE);
  assert.equal(r.execute(0, 0, KIND.ask, SELL, 2, 10, 100), Reason.ORDER_EXISTS);
  assert.equal(bid(r, 0, 0, 3), Reason.ORDER_EXISTS);
  assert.equal(r.execute(0, 0, KIND.update, BUY, 4, 12, 80), Reason.NONE);
  assert.equal(r.execute(0, 0, KIND.update, SELL, 5, 12, 80), Reason.NO_ORDER);
  assert.equal(r.execute(0, 1, KIND.update, ANY_SIDE, 1, 12, 80), Reason.NO_ORDER);
});

test("a clear by the operator opens the next round, where the agent may place a new order", () => {
  const r = paperRules();
  assert.equal(bid(r, 0, 0, 1), Reason.NONE);
  assert.equal(r.execute(0, 3, KIND.clear, ANY_SIDE, 1, NaN, 0), Reason.NOT_OPERATOR);
  assert.equal(r.openRound(0), 0);
  assert.equal(r.execute(0, 15, KIND.clear, ANY_SIDE, 1, NaN, 0), Reason.NONE);
  assert.equal(r.openRound(0), 1);
  assert.equal(r.openRound(1), 0);
  assert.equal(r.hasLiveOrder(0, 0), false);
  assert.equal(r.execute(0, 0, KIND.update, ANY_SIDE, 2, 12, 80), Reason.NO_ORDER);
  assert.equal(bid(r, 0, 0, 3), Reason.NONE);
});

test("a rejected transaction leaves the contract state unchanged (its nonce stays unused)", () => {
  const r = paperRules();
  assert.equal(bid(r, 0, 0, 7, 99), Reason.PRICE_OUT_OF_RANGE);
  assert.equal(r.lastNonce(0), 0);
  assert.equal(r.hasLiveOrder(0, 0), false);
  assert.equal(bid(r, 0, 0, 7), Reason.NONE);
});

// The same script through both ledgers gives the same outcomes, in order.
const SCRIPT: {
  sender: number;
  chain: number;
  kind: "bid" | "ask" | "update" | "clear";
  nonce: number;
  price?: number;
}[] = [
  { sender: 0, chain: 0, kind: "bid", nonce: 1, price: 10 }, // ok
  { sender: 5, chain: 0, kind: "bid", nonce: 1, price: 10 }, // not a member of 0
  { sender: 1, chain: 0, kind: "ask", nonce: 1, price: 19 }, // price out of range
  { sender: 0, chain: 0, kind: "bid", nonce: 2, price: 11 }, // order exists
  { sender: 0, chain: 0, kind: "update", nonce: 3, price: 11 }, // ok
  { sender: 0, chain: 0, kind: "update", nonce: 3, price: 12 }, // replay
  { sender: 2, chain: 0, kind: "update", nonce: 1, price: 12 }, // no order
  { sender: 15, chain: 0, kind: "clear", nonce: 1 }, // ok
  { sender: 0, chain: 0, kind: "bid", nonce: 4, price: 9 }, // ok, next round
];
const EXPECTED = [
  Reason.NONE,
  Reason.NOT_MEMBER,
  Reason.PRICE_OUT_OF_RANGE,
  Reason.ORDER_EXISTS,
  Reason.NONE,
  Reason.REPLAY,
  Reason.NO_ORDER,
  Reason.NONE,
  Reason.NONE,
];

function runScript(s: Setup<Ledger>): number[] {
  SCRIPT.forEach((tx, i) => {
    s.kernel.schedule(i * 1000, () => {
      s.ledger.submit({ ...tx, quantityWh: 100, orders: 1 });
    });
  });
  s.kernel.run();
  return Array.from(s.ledger.log.reason.subarray(0, SCRIPT.length));
}

test("both ledgers enforce the contract rules with identical outcomes", () => {
  const iota = iotaSetup();
  const eth = ethereumSetup();
  assert.deepEqual(runScript(iota), EXPECTED);
  assert.deepEqual(runScript(eth), EXPECTED);
  for (const l of [iota.ledger, eth.ledger]) {
    const st = Array.from(l.log.status.subarray(0, SCRIPT.length));
    assert.deepEqual(
      st,
      EXPECTED.map((r) => (r === Reason.NONE ? TxStatus.CONFIRMED : TxStatus.REJECTED)),
    );
    assert.equal(l.log.round[8], 1, `${l.name}: the last bid lands in round 1`);
  }
});

test("rejected transactions still pay their fee, and have no confirmation time", () => {
  const eth = ethereumSetup();
  runScript(eth);
  const log = eth.ledger.log;
  assert.ok(log.feeNative[1]! > 0);
  assert.ok(Number.isNaN(log.confirmMs[1]!));
  assert.ok(log.sizeOrGas[1]! <= eth.ledger.config.gas.revert);
});
