// The composition root: createModel's defaults, its stepping and observer API, plugin names, and
// option errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bidders,
  createModel,
  paperPreset,
  submitPrice,
  UnknownPluginError,
  type BidderPlugin,
  type PeriodOutcome,
} from "../../sim/index.js";
import { OptionError } from "../../sim/model.js";

const DAY = { days: 1 };

test("createModel() is the paper's model: 3 microgrids x 5 agents, scenario all, instant ledger", () => {
  const model = createModel(DAY);
  assert.deepEqual(model.profile.microgrids, ["MG1", "MG2", "MG3"]);
  assert.equal(model.profile.agents.length, 15);
  assert.equal(model.scenario.id, "all");
  assert.equal(model.ledger, undefined);
  model.run();
  const { periods } = model.tables();
  assert.equal(periods.period.length, 48 * 3);
  assert.ok(
    Array.from(periods.mcp).some((p) => Number.isFinite(p)),
    "some period cleared",
  );
});

test("the paper preset spelled out gives the same results as the defaults", () => {
  const a = createModel(DAY);
  const b = createModel({ ...paperPreset(), ...DAY });
  a.run();
  b.run();
  assert.deepEqual(a.tables(), b.tables());
});

test("on('period') sees every period once, in order; unsubscribing stops it", () => {
  const model = createModel(DAY);
  const seen: number[] = [];
  const stop = model.on("period", (o: PeriodOutcome) => {
    seen.push(o.period);
    if (o.period === 9) stop();
  });
  model.run();
  assert.deepEqual(
    seen,
    Array.from({ length: 10 }, (_, t) => t),
  );
  assert.throws(() => model.on("round" as "period", () => {}), /unknown event "round"/);
});

test("running in pieces (until, step) gives the same tables as one run", () => {
  const whole = createModel(DAY);
  whole.run();
  const pieces = createModel(DAY);
  pieces.run({ until: 6 * 3_600_000 });
  assert.equal(pieces.now, 6 * 3_600_000);
  const before = pieces.tables().periods.period.length;
  assert.ok(before > 0 && before < 48 * 3, `${before} rows after 6 hours`);
  for (let k = 0; k < 100; k++) pieces.step();
  pieces.run();
  assert.equal(pieces.step(), false, "nothing left to run");
  assert.deepEqual(pieces.tables(), whole.tables());
});

test("bidders, mechanisms and ledgers are named; an unknown name lists the known ones", () => {
  assert.throws(
    () => createModel({ ...DAY, market: { bidder: "gd" } }),
    (e: unknown) => {
      assert.ok(e instanceof UnknownPluginError);
      assert.match(e.message, /unknown bidder "gd" \(known: aa, zic, zip\)/);
      return true;
    },
  );
  assert.throws(
    () => createModel({ ...DAY, market: { mechanism: "vickrey" } }),
    /known: discriminatory, uniform/,
  );
  assert.throws(() => createModel({ ...DAY, ledger: "hashgraph" }), /unknown ledger "hashgraph"/);
});

test("a bidder registered by a script is used by name, and changes the outcome", () => {
  const truthful: BidderPlugin = {
    name: "truthful-test",
    description: "bids its limit",
    create: (setup) => ({
      open() {},
      learn() {},
      price: (i) =>
        submitPrice(
          setup.members.limit[i]!,
          { c: setup.members.c[i]!, l: setup.members.l[i]! },
          setup.limits,
        ),
    }),
  };
  bidders.register(truthful, { replace: true });
  const mine = createModel({ ...DAY, market: { bidder: "truthful-test" } });
  const aa = createModel(DAY);
  mine.run();
  aa.run();
  assert.notDeepEqual(mine.tables().periods.mcp, aa.tables().periods.mcp);
  // Bidding one's limit in a uniform-price market never trades anyone past it.
  const t = mine.tables().trades;
  for (let i = 0; i < t.period.length; i++)
    if (t.fillWh[i]! > 0)
      assert.ok(t.side[i] === "buy" ? t.tradePrice[i]! <= t.price[i]! : t.tradePrice[i]! >= t.price[i]!);
});

test("a ledger in the loop is built on the model's kernel and confirms orders late", () => {
  const model = createModel({ ...DAY, ledger: "iota" });
  model.run();
  assert.ok(model.ledger !== undefined);
  assert.ok(model.ledger.stats().confirmed > 0);
  assert.equal(model.tables().periods.period.length, 48 * 3, "every period settled");
});

test("an undefined option keeps the preset's value; a partial record is merged", () => {
  const base = createModel(DAY);
  const same = createModel({
    ...DAY,
    seed: undefined,
    market: { k: undefined, bidder: undefined },
    trading: { windowMinutes: undefined },
    limits: { pgs: 3.2 },
  });
  base.run();
  same.run();
  assert.deepEqual(same.tables(), base.tables());
});

test("values no market can run with are refused by name", () => {
  const bad: [Parameters<typeof createModel>[0], RegExp][] = [
    [{ market: { k: 0 } }, /market.k: expected a whole number >= 1, got 0/],
    [{ market: { epsilon: -1 } }, /market.epsilon/],
    [{ market: { equations: "upside-down" as "corrected" } }, /market.equations: expected one of/],
    [{ trading: { roundSeconds: 0 } }, /trading.roundSeconds/],
    [{ trading: { windowMinutes: 30 } }, /trading.windowMinutes: expected minutes in \(0, 30\)/],
    [{ limits: { pgs: 20, pgb: 18.9 } }, /limits.pgb: expected a price above pgs/],
  ];
  for (const [options, message] of bad) assert.throws(() => createModel({ ...DAY, ...options }), message);
  for (const [options] of bad) assert.throws(() => createModel({ ...DAY, ...options }), OptionError);
});

test("the paper preset can be combined with a profile of one's own", () => {
  const profile = createModel(DAY).profile;
  const model = createModel({ ...paperPreset(), profile });
  model.run();
  assert.equal(model.tables().periods.period.length, 48 * 3);
});

test("a listener that unsubscribes mid-dispatch does not make another miss a period", () => {
  const model = createModel(DAY);
  const a: number[] = [];
  const b: number[] = [];
  const stop = model.on("period", (o) => {
    a.push(o.period);
    if (o.period === 2) stop();
  });
  model.on("period", (o) => b.push(o.period));
  model.run({ until: 3 * 3_600_000 });
  assert.deepEqual(a, [0, 1, 2]);
  assert.deepEqual(b, [0, 1, 2, 3, 4, 5]);
});

test("tables handed out are snapshots: running on does not change them", () => {
  const model = createModel(DAY);
  model.run({ until: 6 * 3_600_000 });
  const early = model.tables();
  const paid = Float64Array.from(early.agents.paidP);
  model.run();
  assert.deepEqual(early.agents.paidP, paid);
  assert.ok(model.tables().periods.period.length > early.periods.period.length);
});

test("ledger options cannot change how many chains the market's microgrids use", () => {
  const model = createModel({ ...DAY, ledger: "iota", ledgerOptions: { chains: 1 } });
  model.run();
  assert.equal(model.tables().periods.period.length, 48 * 3);
});

test("options that cannot go together are refused by name", () => {
  const profile = createModel(DAY).profile;
  assert.throws(() => createModel({ profile, days: 2 }), OptionError);
  assert.throws(() => createModel({ profile, trading: { periodMinutes: 15 } }), /trading.periodMinutes/);
  assert.throws(
    () => createModel({ ...DAY, ledger: "ethereum", ledgerOptions: { initialBaseFeeGwei: -1 } }),
    OptionError,
  );
});
