import { test } from "node:test";
import assert from "node:assert/strict";
import { Kernel, Streams } from "../../sim/kernel/index.js";
import {
  contractRules,
  DuplicateLedgerError,
  EthereumLedger,
  IotaLedger,
  KIND,
  ledgerNames,
  ledgerPlugin,
  NO_FAULTS,
  Reason,
  registerLedger,
  UnknownLedgerError,
  unregisterLedger,
  type LedgerContext,
  type LedgerPlugin,
} from "../../sim/ledger/index.js";
import { BUY, DEFAULT_LIMITS } from "../../sim/market/index.js";

function context(): LedgerContext {
  return {
    kernel: new Kernel(),
    streams: new Streams(1),
    faults: NO_FAULTS,
    keepLog: "all",
    memberOf: Int32Array.from([0, 0, 1, 1, 1]),
    chains: 2,
    limits: DEFAULT_LIMITS,
  };
}

const stub = (name: string, seconds = 5): LedgerPlugin => ({
  name,
  description: "test",
  defaultRoundSeconds: seconds,
  create: null,
});

test("the built-in ledgers are registered: ideal without a ledger model, iota and ethereum with one", () => {
  for (const name of ["ideal", "iota", "ethereum"]) assert.ok(ledgerNames().includes(name), name);
  assert.equal(ledgerPlugin("ideal").create, null);
  assert.ok(ledgerPlugin("iota").create!(context(), undefined) instanceof IotaLedger);
  const eth = ledgerPlugin("ethereum").create!(context(), { blocks: { gasLimit: 20_000_000 } });
  assert.ok(eth instanceof EthereumLedger);
  assert.equal(eth.config.blocks.gasLimit, 20_000_000, "options are the model's overrides");
  assert.equal(eth.config.chains, 2, "one contract instance per microgrid of the context");
  assert.deepEqual(
    ["ideal", "iota", "ethereum"].map((n) => ledgerPlugin(n).defaultRoundSeconds),
    [10, 20, 30],
  );
});

test("an unknown name is a typed error naming it and the known names", () => {
  assert.throws(
    () => ledgerPlugin("hashgraph"),
    (e: unknown) =>
      e instanceof UnknownLedgerError &&
      e.ledger === "hashgraph" &&
      e.known.includes("iota") &&
      /unknown ledger "hashgraph" \(known: .*ethereum.*ideal.*iota/.test(e.message),
  );
});

test("a name registers once unless replaced; names are sorted whatever the registration order", () => {
  const before = ledgerNames();
  registerLedger(stub("zz-test"));
  registerLedger(stub("aa-test"));
  try {
    assert.deepEqual(ledgerNames(), [...before, "aa-test", "zz-test"].sort());
    assert.throws(() => registerLedger(stub("aa-test", 7)), DuplicateLedgerError);
    assert.equal(ledgerPlugin("aa-test").defaultRoundSeconds, 5);
    registerLedger(stub("aa-test", 7), { replace: true });
    assert.equal(ledgerPlugin("aa-test").defaultRoundSeconds, 7);
    assert.throws(() => registerLedger(stub("iota")), DuplicateLedgerError);
  } finally {
    unregisterLedger("aa-test");
    unregisterLedger("zz-test");
  }
  assert.deepEqual(ledgerNames(), before);
  assert.throws(() => registerLedger(stub("has space")), RangeError);
  assert.throws(() => registerLedger(stub("no-round", 0)), RangeError);
});

test("contract rules of a context: its membership, its limits, operators after the agents", () => {
  const c = context();
  const rules = contractRules({ ...c, limits: { pgs: 5, pgb: 15 } });
  assert.deepEqual(Array.from(rules.config.operatorOf!), [5, 6]);
  assert.equal(rules.config.pgs, 5);
  assert.equal(rules.config.pgb, 15);
  assert.equal(rules.execute(1, 2, KIND.bid, BUY, 1, 16, 100), Reason.PRICE_OUT_OF_RANGE);
  assert.equal(rules.execute(0, 2, KIND.bid, BUY, 1, 10, 100), Reason.NOT_MEMBER);
  assert.equal(rules.execute(1, 2, KIND.bid, BUY, 1, 10, 100), Reason.NONE);
  assert.equal(rules.execute(1, 5, KIND.clear, BUY, 1, NaN, 0), Reason.NOT_OPERATOR);
  assert.equal(rules.execute(1, 6, KIND.clear, BUY, 1, NaN, 0), Reason.NONE);
});

test("a request's side is the market's BUY/SELL; anything else is refused at submission", () => {
  const ledger = ledgerPlugin("iota").create!(context(), undefined);
  const id = ledger.submit({ chain: 0, sender: 0, kind: "update", nonce: 1, price: 10, side: BUY });
  assert.equal(ledger.log.side[id], BUY);
  assert.throws(
    () => ledger.submit({ chain: 0, sender: 0, kind: "update", nonce: 2, side: 2 as typeof BUY }),
    /side must be BUY \(0\) or SELL \(1\)/,
  );
});
