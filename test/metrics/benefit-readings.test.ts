// The readings of "average benefit per Wh" (sim/metrics/benefit-readings.ts): pooled/all is the
// summary's benefitOf on real runs, each averaging on a small case worked by hand, the peer basis,
// and bounds that any average of per-group figures must respect.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { loadRunConfig } from "../../experiments/config/load.js";
import { simulate } from "../../experiments/run/simulate.js";
import {
  AVERAGINGS,
  BASES,
  benefitOf,
  benefitReadings,
  BENEFIT_KEYS,
  consumerBenefitPct,
  emptyTotals,
  producerBenefitPct,
  type BenefitInputs,
  type Totals,
} from "../../sim/metrics/index.js";

// ---------------------------------------------------------------------------------------------
// Real runs: the paper's config, ideal ledger, three scenarios.

const paper = loadRunConfig("experiments/paper/paper.json");
const result = simulate(
  { ...paper, ledgers: ["ideal"], scenarios: ["grid", "MG1+MG3", "all"] },
  "experiments/paper",
);
// With forecast errors, so that imbalance energy is part of what agents buy and sell.
const noisy = simulate(
  { ...paper, ledgers: ["ideal"], scenarios: ["all"], trading: { ...paper.trading, forecastErrorSd: 0.2 } },
  "experiments/paper",
);
const runs = [
  ...result.runs.map((run) => ({ run, label: run.scenario.id })),
  ...noisy.runs.map((run) => ({ run, label: `${run.scenario.id}, forecast error 0.2` })),
];
const { profile } = result;
const { pgs, pgb } = paper.limits;
const agentMicrogrid = Int32Array.from(profile.agents, (a) => profile.microgrids.indexOf(a.microgrid));

/** The involved agents' totals, summed in agent order as experiments/run/summary.ts does. */
function involvedTotals(
  totals: Record<keyof Totals, ArrayLike<number>>,
  involved: ReadonlySet<number>,
): Totals {
  const t = emptyTotals();
  for (let a = 0; a < agentMicrogrid.length; a++) {
    if (!involved.has(agentMicrogrid[a]!)) continue;
    for (const key of Object.keys(t) as (keyof Totals)[]) t[key] += totals[key][a]!;
  }
  return t;
}

for (const { run, label } of runs) {
  const involved = new Set(run.scenario.involved.map((m) => profile.microgrids.indexOf(m)));
  const readings = benefitReadings({
    periods: run.recorder.periods,
    agents: run.recorder.totals,
    agentMicrogrid,
    involved,
    pgs,
    pgb,
  });
  const benefit = benefitOf(involvedTotals(run.recorder.totals, involved), pgs, pgb);

  test(`pooled/all is benefitOf's producer and consumer % (paper, ideal, ${label})`, () => {
    assert.equal(readings.producer.pooled.all, benefit.producerPct);
    assert.equal(readings.consumer.pooled.all, benefit.consumerPct);
  });

  test(`pooled/peer is benefitOf's P2P-only producer and consumer % (paper, ideal, ${label})`, () => {
    assert.equal(readings.producer.pooled.peer, benefit.producerP2pPct);
    assert.equal(readings.consumer.pooled.peer, benefit.consumerP2pPct);
  });

  test(`the periods table's energy and money sum to the agents' totals per microgrid (${label})`, () => {
    const rows = run.recorder.periods;
    const keys = BENEFIT_KEYS;
    for (let m = 0; m < profile.microgrids.length; m++) {
      for (const key of keys) {
        let fromRows = 0;
        for (let r = 0; r < rows.period.length; r++) if (rows.microgrid[r] === m) fromRows += rows[key][r]!;
        let fromAgents = 0;
        for (let a = 0; a < agentMicrogrid.length; a++)
          if (agentMicrogrid[a] === m) fromAgents += run.recorder.totals[key][a]!;
        assert.ok(
          Math.abs(fromRows - fromAgents) <= 1e-9 * Math.max(1, Math.abs(fromAgents)),
          `${profile.microgrids[m]} ${key}: rows ${fromRows}, agents ${fromAgents}`,
        );
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Small cases built from trades.

interface Trade {
  period: number;
  agent: number;
  side: "sell" | "buy";
  wh: number;
  /** p/kWh */
  price: number;
  peer: boolean;
}

/** Inputs of `trades` among agents in microgrids `microgridOf` over `periods` periods. */
function inputsOf(
  trades: readonly Trade[],
  microgridOf: readonly number[],
  periods: number,
  involved: readonly number[],
  prices = { pgs: 10, pgb: 20 },
): BenefitInputs {
  const microgrids = Math.max(...microgridOf) + 1;
  const agents = microgridOf.length;
  const columns = (n: number) => ({
    boughtWh: new Float64Array(n),
    soldWh: new Float64Array(n),
    paidP: new Float64Array(n),
    receivedP: new Float64Array(n),
    peerBoughtWh: new Float64Array(n),
    peerSoldWh: new Float64Array(n),
    peerPaidP: new Float64Array(n),
    peerReceivedP: new Float64Array(n),
  });
  const totals = columns(agents);
  const rows = {
    ...columns(periods * microgrids),
    period: new Int32Array(periods * microgrids),
    microgrid: new Int32Array(periods * microgrids),
  };
  for (let p = 0; p < periods; p++)
    for (let m = 0; m < microgrids; m++) {
      rows.period[p * microgrids + m] = p;
      rows.microgrid[p * microgrids + m] = m;
    }
  for (const t of trades) {
    const money = (t.wh * t.price) / 1000;
    const r = t.period * microgrids + microgridOf[t.agent]!;
    for (const [c, i] of [
      [totals, t.agent],
      [rows, r],
    ] as const) {
      if (t.side === "sell") {
        c.soldWh[i]! += t.wh;
        c.receivedP[i]! += money;
        if (t.peer) {
          c.peerSoldWh[i]! += t.wh;
          c.peerReceivedP[i]! += money;
        }
      } else {
        c.boughtWh[i]! += t.wh;
        c.paidP[i]! += money;
        if (t.peer) {
          c.peerBoughtWh[i]! += t.wh;
          c.peerPaidP[i]! += money;
        }
      }
    }
  }
  return {
    periods: rows,
    agents: totals,
    agentMicrogrid: Int32Array.from(microgridOf),
    involved: new Set(involved),
    ...prices,
  };
}

// Agents 0 and 1 in MG0, agent 2 in MG1, agent 3 in MG2 (not involved); Pgs 10, Pgb 20 p/kWh.
//   period 0: agent 0 sells 2000 Wh to peers at 20 (100 %), agent 2 sells 2000 Wh to the grid at 10
//             (0 %), agent 1 buys 1000 Wh from the grid at 20 (0 %), agent 3 sells 1000 Wh at 100;
//   period 1: agent 1 sells 1000 Wh to peers at 12 (20 %), agent 0 buys 1000 Wh from peers at 10
//             (50 %), agent 2 buys 3000 Wh from peers at 16 (20 %), agent 3 buys 1000 Wh at 0.
const MICROGRID_OF = [0, 0, 1, 2];
const HAND: Trade[] = [
  { period: 0, agent: 0, side: "sell", wh: 2000, price: 20, peer: true },
  { period: 0, agent: 2, side: "sell", wh: 2000, price: 10, peer: false },
  { period: 0, agent: 1, side: "buy", wh: 1000, price: 20, peer: false },
  { period: 0, agent: 3, side: "sell", wh: 1000, price: 100, peer: true },
  { period: 1, agent: 1, side: "sell", wh: 1000, price: 12, peer: true },
  { period: 1, agent: 0, side: "buy", wh: 1000, price: 10, peer: true },
  { period: 1, agent: 2, side: "buy", wh: 3000, price: 16, peer: true },
  { period: 1, agent: 3, side: "buy", wh: 1000, price: 0, peer: true },
];
const hand = benefitReadings(inputsOf(HAND, MICROGRID_OF, 2, [0, 1]));

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: expected ${expected}, got ${actual}`);

test("pooled: one figure over every Wh of the involved agents", () => {
  // sold 5000 Wh for 72 p against 50 p at Pgs; bought 5000 Wh for 78 p against 100 p at Pgb
  close(hand.producer.pooled.all, 44, "producer");
  close(hand.consumer.pooled.all, 22, "consumer");
});

test("microgrid: the mean of each involved microgrid's pooled figure", () => {
  // MG0 sold 3000 Wh for 52 p (73.3 %), MG1 2000 Wh for 20 p (0 %); MG0 bought 2000 Wh for 30 p
  // (25 %), MG1 3000 Wh for 48 p (20 %)
  close(hand.producer.microgrid.all, 220 / 6, "producer");
  close(hand.consumer.microgrid.all, 22.5, "consumer");
});

test("agent: the mean of each involved agent's own figure, over agents that sold (bought)", () => {
  close(hand.producer.agent.all, 40, "producer"); // 100, 20, 0
  close(hand.consumer.agent.all, 70 / 3, "consumer"); // 50, 0, 20
});

test("period: the mean of each period's pooled figure, over periods with energy sold (bought)", () => {
  // period 0 sold 4000 Wh for 60 p (50 %), period 1 1000 Wh for 12 p (20 %); period 0 bought
  // 1000 Wh at Pgb (0 %), period 1 4000 Wh for 58 p (27.5 %)
  close(hand.producer.period.all, 35, "producer");
  close(hand.consumer.period.all, 13.75, "consumer");
});

test("peer basis: only Wh traded with peers count, under every averaging", () => {
  close(hand.producer.pooled.peer, 220 / 3, "producer pooled"); // 3000 Wh for 52 p
  close(hand.producer.microgrid.peer, 220 / 3, "producer microgrid"); // MG1 sold no peer Wh
  close(hand.producer.agent.peer, 60, "producer agent"); // 100, 20
  close(hand.producer.period.peer, 60, "producer period"); // 100, 20
  close(hand.consumer.pooled.peer, 27.5, "consumer pooled"); // 4000 Wh for 58 p
  close(hand.consumer.microgrid.peer, 35, "consumer microgrid"); // 50, 20
  close(hand.consumer.agent.peer, 35, "consumer agent"); // 50, 20
  close(hand.consumer.period.peer, 27.5, "consumer period"); // period 1 only
});

test("nothing traded: every reading is NaN", () => {
  const none = benefitReadings(inputsOf([], MICROGRID_OF, 2, [0, 1]));
  for (const side of [none.producer, none.consumer])
    for (const a of AVERAGINGS) for (const b of BASES) assert.ok(Number.isNaN(side[a][b]), `${a}/${b}`);
});

// ---------------------------------------------------------------------------------------------
// Properties over random trades: 2-3 microgrids of 1-3 agents, 1-4 periods.

const world = fc
  .record({
    microgridOf: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 6 }),
    periods: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ microgridOf, periods }) =>
    fc.record({
      microgridOf: fc.constant(microgridOf),
      periods: fc.constant(periods),
      involved: fc.subarray([0, 1, 2], { minLength: 1 }),
      trades: fc.array(
        fc.record({
          period: fc.integer({ min: 0, max: periods - 1 }),
          agent: fc.integer({ min: 0, max: microgridOf.length - 1 }),
          side: fc.constantFrom("sell" as const, "buy" as const),
          wh: fc.integer({ min: 1, max: 5000 }),
          price: fc.double({ min: 0, max: 40, noNaN: true }),
          peer: fc.boolean(),
        }),
        { maxLength: 20 },
      ),
    }),
  );

/** Producer figures (all basis) of the involved agents, microgrids and periods that sold anything. */
function producerParts(w: { microgridOf: number[]; periods: number; involved: number[]; trades: Trade[] }) {
  const groups = (key: (t: Trade) => number) => {
    const wh = new Map<number, number>();
    const p = new Map<number, number>();
    for (const t of w.trades) {
      if (t.side !== "sell" || !w.involved.includes(w.microgridOf[t.agent]!)) continue;
      const k = key(t);
      wh.set(k, (wh.get(k) ?? 0) + t.wh);
      p.set(k, (p.get(k) ?? 0) + (t.wh * t.price) / 1000);
    }
    return [...wh.keys()].map((k) => producerBenefitPct(p.get(k)!, wh.get(k)!, 10));
  };
  return {
    agent: groups((t) => t.agent),
    microgrid: groups((t) => w.microgridOf[t.agent]!),
    period: groups((t) => t.period),
  };
}

const within = (x: number, parts: number[], what: string) => {
  const lo = Math.min(...parts);
  const hi = Math.max(...parts);
  const slack = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
  assert.ok(x >= lo - slack && x <= hi + slack, `${what}: ${x} not in [${lo}, ${hi}]`);
};

test("property: every averaging of producer benefit lies within its components' range", () => {
  fc.assert(
    fc.property(world, (w) => {
      const r = benefitReadings(inputsOf(w.trades, w.microgridOf, w.periods, w.involved));
      const parts = producerParts(w);
      if (parts.agent.length === 0) {
        for (const a of AVERAGINGS) assert.ok(Number.isNaN(r.producer[a].all), a);
        return;
      }
      // pooled is a Wh-weighted mean of the figures of any partition of the energy
      within(r.producer.pooled.all, parts.agent, "pooled vs agents");
      within(r.producer.pooled.all, parts.microgrid, "pooled vs microgrids");
      within(r.producer.pooled.all, parts.period, "pooled vs periods");
      within(r.producer.microgrid.all, parts.microgrid, "microgrid");
      within(r.producer.agent.all, parts.agent, "agent");
      within(r.producer.period.all, parts.period, "period");
    }),
  );
});

test("property: main-grid Wh leave every peer reading unchanged", () => {
  const gridTrade = fc.record({
    period: fc.integer({ min: 0, max: 0 }),
    agent: fc.integer({ min: 0, max: 0 }),
    side: fc.constantFrom("sell" as const, "buy" as const),
    wh: fc.integer({ min: 1, max: 5000 }),
    price: fc.constantFrom(10, 20),
    peer: fc.constant(false),
  });
  fc.assert(
    fc.property(world, fc.array(gridTrade, { maxLength: 6 }), (w, extra) => {
      const inputs = (trades: Trade[]) => inputsOf(trades, w.microgridOf, w.periods, w.involved);
      const before = benefitReadings(inputs(w.trades));
      const after = benefitReadings(inputs([...w.trades, ...extra]));
      for (const side of ["producer", "consumer"] as const)
        for (const a of AVERAGINGS)
          assert.deepEqual(after[side][a].peer, before[side][a].peer, `${side} ${a}`);
    }),
  );
});

test("property: consumer pooled/all is the benefit of the involved agents' total", () => {
  fc.assert(
    fc.property(world, (w) => {
      const r = benefitReadings(inputsOf(w.trades, w.microgridOf, w.periods, w.involved));
      let wh = 0;
      let paid = 0;
      for (const t of w.trades)
        if (t.side === "buy" && w.involved.includes(w.microgridOf[t.agent]!)) {
          wh += t.wh;
          paid += (t.wh * t.price) / 1000;
        }
      const expected = consumerBenefitPct(paid, wh, 20);
      if (Number.isNaN(expected)) assert.ok(Number.isNaN(r.consumer.pooled.all));
      else close(r.consumer.pooled.all, expected, "consumer pooled");
    }),
  );
});
