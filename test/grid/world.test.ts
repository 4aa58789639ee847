import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Streams } from "../../sim/kernel/index.js";
import { World, scenarioFromShorthand, type Scenario } from "../../sim/grid/index.js";
import { RunRecorder, type PeriodRows } from "../../sim/metrics/index.js";
import {
  bidders,
  marketConfig,
  mechanisms,
  type MarketConfigInput,
  type MarketLimits,
} from "../../sim/market/index.js";
import type { Profile } from "../../sim/data/index.js";

const LIMITS: MarketLimits = { pgs: 3.2, pgb: 18.9 };
const PERIOD_MS = 30 * 60_000;

/** A hand-built profile: nets[m][i][t] Wh (positive = surplus), split into pv and load. */
function profileOf(nets: number[][][]): Profile {
  const microgrids = nets.map((_, m) => `MG${m + 1}`);
  const periods = nets[0]![0]!.length;
  const agents = nets.flatMap((members, m) =>
    members.map((_, i) => ({ microgrid: microgrids[m]!, microgridIndex: m, name: `MG${m + 1}/${i}` })),
  );
  const pv = new Int32Array(agents.length * periods);
  const load = new Int32Array(agents.length * periods);
  nets.flat().forEach((series, a) =>
    series.forEach((n, t) => {
      pv[a * periods + t] = Math.max(n, 0) + 100;
      load[a * periods + t] = Math.max(-n, 0) + 100;
    }),
  );
  return {
    periodMs: PERIOD_MS,
    startIso: "2022-06-06T00:00:00+00:00",
    startMs: 0,
    utcOffsetMin: 0,
    periods,
    agents: agents.map((a, id) => ({ ...a, id, pvKwp: 1, annualKwh: 3000 })),
    microgrids,
    pv,
    load,
    source: "test",
  };
}

function run(
  profile: Profile,
  scenario: Scenario,
  seed = 1,
  forecastErrorSd = 0,
  market: MarketConfigInput = {},
): RunRecorder {
  const recorder = new RunRecorder(profile.agents.length, profile.pv, profile.load, profile.periods);
  const world = new World({
    profile,
    streams: new Streams(seed),
    config: {
      limits: LIMITS,
      market: marketConfig({ maxRounds: 30, ...market }),
      tradingWindowMs: 300_000,
      roundIntervalMs: 10_000,
      forecastErrorSd,
      scenario,
    },
    recorder,
  });
  world.run();
  return recorder;
}

const netsArb = fc.integer({ min: 1, max: 3 }).chain((mgs) =>
  fc.tuple(
    fc.array(
      fc.array(fc.array(fc.integer({ min: -3000, max: 3000 }), { minLength: 3, maxLength: 3 }), {
        minLength: 1,
        maxLength: 4,
      }),
      {
        minLength: mgs,
        maxLength: mgs,
      },
    ),
    fc.boolean(),
  ),
);

function scenarioFor(profile: Profile, linked: boolean): Scenario {
  return linked && profile.microgrids.length > 1
    ? scenarioFromShorthand("all", profile.microgrids)
    : scenarioFromShorthand("grid", profile.microgrids);
}

/** Every (period, microgrid) row: net production equals the net of its flows out. */
function assertEnergyBalances(r: PeriodRows): void {
  for (let row = 0; row < r.period.length; row++) {
    const net = r.pvWh[row]! - r.loadWh[row]!;
    const flows =
      r.peerExportWh[row]! -
      r.peerImportWh[row]! +
      r.gridExportWh[row]! -
      r.gridImportWh[row]! +
      r.imbalanceExportWh[row]! -
      r.imbalanceImportWh[row]!;
    assert.ok(
      Math.abs(net - flows) < 1e-6,
      `period ${r.period[row]} MG ${r.microgrid[row]}: net ${net} vs flows ${flows}`,
    );
  }
}

/** Buyers pay what sellers receive plus the main grid's net. */
function assertMoneyBalances(r: PeriodRows): void {
  let paid = 0;
  let received = 0;
  let gridNet = 0;
  for (let i = 0; i < r.period.length; i++) {
    paid += r.paidP[i]!;
    received += r.receivedP[i]!;
    gridNet +=
      ((r.gridImportWh[i]! + r.imbalanceImportWh[i]!) * LIMITS.pgb -
        (r.gridExportWh[i]! + r.imbalanceExportWh[i]!) * LIMITS.pgs) /
      1000;
  }
  assert.ok(
    Math.abs(paid - (received + gridNet)) < 1e-6 * Math.max(1, paid),
    `paid ${paid}, received ${received}, grid ${gridNet}`,
  );
}

test("energy balances in every period and microgrid", () => {
  fc.assert(
    fc.property(netsArb, ([nets, linked]) => {
      const profile = profileOf(nets);
      const r = run(profile, scenarioFor(profile, linked)).periods;
      assertEnergyBalances(r);
      // Peer flows cancel across the system in every period.
      const periods = new Set(r.period);
      for (const t of periods) {
        let imp = 0;
        let exp = 0;
        r.period.forEach((p, i) => {
          if (p === t) {
            imp += r.peerImportWh[i]!;
            exp += r.peerExportWh[i]!;
          }
        });
        assert.ok(Math.abs(imp - exp) < 1e-6, `period ${t}: peer import ${imp} != export ${exp}`);
      }
    }),
    { numRuns: 150 },
  );
});

test("money balances: buyers pay what sellers receive plus the main grid's net", () => {
  fc.assert(
    fc.property(netsArb, ([nets, linked]) => {
      const profile = profileOf(nets);
      assertMoneyBalances(run(profile, scenarioFor(profile, linked)).periods);
    }),
    { numRuns: 150 },
  );
});

/** No filled buyer pays above its bid, no filled seller receives below its ask, at level 1. */
function assertLevel1Limits(rec: RunRecorder): void {
  const tr = rec.trades;
  for (let i = 0; i < tr.period.length; i++) {
    if (tr.fillWh[i]! <= 0) continue;
    const p = tr.tradePrice[i]!;
    if (tr.side[i] === "buy")
      assert.ok(p <= tr.price[i]! + 1e-9, `buyer pays ${p} above its bid ${tr.price[i]}`);
    else assert.ok(p >= tr.price[i]! - 1e-9, `seller receives ${p} below its ask ${tr.price[i]}`);
  }
}

for (const mechanism of mechanisms.names()) {
  for (const bidder of bidders.names()) {
    test(`${bidder} bidders under the ${mechanism} mechanism: energy and money balance, limits hold`, () => {
      fc.assert(
        fc.property(netsArb, ([nets, linked]) => {
          const profile = profileOf(nets);
          const rec = run(profile, scenarioFor(profile, linked), 1, 0, { bidder, mechanism });
          assertEnergyBalances(rec.periods);
          assertMoneyBalances(rec.periods);
          assertLevel1Limits(rec);
        }),
        { numRuns: 25 },
      );
    });
  }
}

test("every agent is at least as well off as with the main grid alone, and limits hold at level 1", () => {
  fc.assert(
    fc.property(netsArb, ([nets, linked]) => {
      const profile = profileOf(nets);
      const rec = run(profile, scenarioFor(profile, linked));
      const t = rec.totals;
      for (let a = 0; a < profile.agents.length; a++) {
        assert.ok(t.paidP[a]! <= (t.boughtWh[a]! * LIMITS.pgb) / 1000 + 1e-9, `agent ${a} pays above Pgb`);
        assert.ok(
          t.receivedP[a]! >= (t.soldWh[a]! * LIMITS.pgs) / 1000 - 1e-9,
          `agent ${a} receives below Pgs`,
        );
      }
      assertLevel1Limits(rec);
    }),
    { numRuns: 150 },
  );
});

test("no energy is counted twice across levels", () => {
  fc.assert(
    fc.property(netsArb, ([nets, linked]) => {
      const profile = profileOf(nets);
      const rec = run(profile, scenarioFor(profile, linked));
      const tr = rec.trades;
      const t = rec.totals;
      let orderWh = 0;
      for (let i = 0; i < tr.period.length; i++) orderWh += tr.quantityWh[i]!;
      let settled = 0;
      for (let a = 0; a < profile.agents.length; a++)
        settled += t.peerBoughtWh[a]! + t.peerSoldWh[a]! + t.gridBoughtWh[a]! + t.gridSoldWh[a]!;
      assert.ok(Math.abs(orderWh - settled) < 1e-6, `orders ${orderWh} Wh settled as ${settled} Wh`);
    }),
    { numRuns: 100 },
  );
});

test("a linked deficit microgrid buys from a linked surplus microgrid before the main grid", () => {
  const nets = [
    [[2000], [1500]],
    [[-1800], [-2500]],
  ];
  const profile = profileOf(nets);
  const alone = run(profile, scenarioFromShorthand("grid", profile.microgrids)).periods;
  const linked = run(profile, scenarioFromShorthand("all", profile.microgrids)).periods;
  const gridWh = (r: typeof alone) =>
    r.gridImportWh.reduce((s, x) => s + x, 0) + r.gridExportWh.reduce((s, x) => s + x, 0);
  assert.equal(gridWh(alone), 7800);
  assert.equal(gridWh(linked), 800);
  assert.equal(linked.peerExportWh[0], 3500);
  assert.equal(linked.peerImportWh[1], 3500);
});

test("the same seed gives identical records, and another seed draws other limits and bids", () => {
  const profile = profileOf([
    [
      [500, -300, 900],
      [-700, 200, -100],
    ],
    [
      [-900, -800, 400],
      [300, -500, -200],
    ],
  ]);
  const scenario = scenarioFromShorthand("all", profile.microgrids);
  assert.deepEqual(run(profile, scenario, 7).periods, run(profile, scenario, 7).periods);
  assert.notDeepEqual(run(profile, scenario, 7).trades.price, run(profile, scenario, 8).trades.price);
});

test("with forecast errors, energy and money still balance and the error is settled with the grid", () => {
  fc.assert(
    fc.property(netsArb, ([nets, linked]) => {
      const profile = profileOf(nets);
      const r = run(profile, scenarioFor(profile, linked), 3, 0.3).periods;
      assertEnergyBalances(r);
      assertMoneyBalances(r);
    }),
    { numRuns: 100 },
  );
  const big = run(
    profileOf([[[2000, -3000, 1500]], [[-2500, 1000, -4000]]]),
    scenarioFromShorthand("all", ["MG1", "MG2"]),
    3,
    0.3,
  );
  const imbalance = [...big.periods.imbalanceImportWh, ...big.periods.imbalanceExportWh].reduce(
    (a, b) => a + b,
    0,
  );
  assert.ok(imbalance > 0, "a 30 % forecast error leaves energy to settle with the grid");
});
