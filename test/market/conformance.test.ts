// Trader conformance: Smith-style supply and demand schedules with a known competitive
// equilibrium. The AA market must end within 2 % of the equilibrium price with allocative
// efficiency above 95 %, and Smith's alpha must fall over the rounds; it must beat the ZIC
// baseline; and the same checks must catch a deliberately broken AA.
//
// Smith's alpha for a uniform-price round: 100 x RMS deviation of the transaction prices from P*
// over P*, each traded Wh weighted equally; every Wh trades at the MCP, so this is
// 100 |MCP - P*| / P* for a round with trade.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  aggressivenessFor,
  allocativeEfficiency,
  competitiveEquilibrium,
  consensusRound,
  createConsensus,
  DEFAULT_LIMITS,
  finishConsensus,
  lower,
  mustRaise,
  smithAlpha,
  type ConsensusOptions,
  type Learner,
  type MarketAgents,
} from "../../sim/market/index.js";
import { Streams } from "../../sim/kernel/random.js";

type Step = [price: number, wh: number];

function steps(first: number, step: number, count: number, wh = 1000): Step[] {
  return Array.from({ length: count }, (_, i) => [Math.round((first + step * i) * 1e4) / 1e4, wh]);
}

function schedule(buyers: Step[], sellers: Step[]): MarketAgents {
  const all = [...buyers.map((s) => [0, ...s]), ...sellers.map((s) => [1, ...s])];
  return {
    n: all.length,
    side: Uint8Array.from(all.map((r) => r[0] as number)),
    limit: Float64Array.from(all.map((r) => r[1] as number)),
    quantity: Float64Array.from(all.map((r) => r[2] as number)),
  };
}

// Competitive price intervals (p/kWh): symmetric [11.0, 11.1]; flat supply 9; steep demand 13.5;
// excess demand [16.3, 16.5]; excess supply [5.5, 5.6].
const SCHEDULES: Record<string, MarketAgents> = {
  symmetric: schedule(steps(17.1, -1, 10), steps(5, 1, 10)),
  "flat supply": schedule(steps(17.5, -1, 10), steps(9, 0, 10)),
  "steep demand": schedule(steps(18, -1.5, 4, 2500), steps(5, 0.5, 20, 500)),
  "excess demand": schedule(steps(17.5, -0.2, 20), steps(5, 1, 6)),
  "excess supply": schedule(steps(17.5, -1, 6), steps(5, 0.1, 20)),
};
const SEEDS = [1, 2, 3, 4, 5];

interface Run {
  /** 100 x half the width of the competitive price interval over P*: alpha's floor. */
  alphaFloor: number;
  error: number;
  efficiency: number;
  alphas: number[];
}

function run(agents: MarketAgents, seed: number, options: ConsensusOptions): Run {
  const eq = competitiveEquilibrium(agents, DEFAULT_LIMITS);
  const streams = new Streams(seed);
  const perAgent = Array.from({ length: agents.n }, (_, a) => streams.get(`agent/${a}`));
  const state = createConsensus(agents, perAgent, options);
  const alphas: number[] = [];
  while (state.round < state.config.maxRounds && !state.consensus) {
    const r = consensusRound(state);
    alphas.push(smithAlpha(Float64Array.of(r.mcp), Float64Array.of(r.volume), 1, eq.price));
  }
  const out = finishConsensus(state);
  return {
    alphaFloor: (100 * (eq.high - eq.low)) / 2 / eq.price,
    error: Math.abs(out.price - eq.price) / eq.price,
    efficiency: allocativeEfficiency(agents, out.fill, eq),
    alphas: alphas.filter((a) => !Number.isNaN(a)),
  };
}

/**
 * The conformance checks; returns what failed (empty when the trader conforms). Alpha must end
 * below 2 and no higher than in the first round, up to the width of the competitive interval (a
 * market that starts inside it may wander within it).
 */
function failures(r: Run): string[] {
  const out: string[] = [];
  if (!(r.error <= 0.02)) out.push(`price error ${(100 * r.error).toFixed(2)} %`);
  if (!(r.efficiency > 0.95)) out.push(`efficiency ${r.efficiency.toFixed(3)}`);
  const first = r.alphas[0];
  const last = r.alphas[r.alphas.length - 1];
  if (first === undefined || last === undefined || !(last <= Math.max(first, r.alphaFloor) && last < 2)) {
    out.push(`alpha ${first?.toFixed(2)} -> ${last?.toFixed(2)}`);
  }
  return out;
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

for (const [name, agents] of Object.entries(SCHEDULES)) {
  test(`AA conforms on the ${name} schedule (price within 2 %, efficiency > 95 %, alpha falls)`, () => {
    for (const seed of SEEDS) {
      assert.deepEqual(failures(run(agents, seed, {})), [], `seed ${seed}`);
    }
  });

  test(`AA converges tighter than ZIC on the ${name} schedule`, () => {
    const aa = SEEDS.map((s) => run(agents, s, {}));
    const zic = SEEDS.map((s) => run(agents, s, { config: { bidder: "zic" } }));
    assert.ok(Math.max(...aa.map((r) => r.error)) < mean(zic.map((r) => r.error)));
    const aaLast = aa.map((r) => r.alphas[r.alphas.length - 1] as number);
    const zicAlpha = zic.map((r) => mean(r.alphas));
    assert.ok(Math.max(...aaLast) < mean(zicAlpha), `AA ${aaLast} vs ZIC ${zicAlpha}`);
  });
}

test("the competitive equilibria of the schedules are the intended ones", () => {
  const eq = (name: string): number[] => {
    const e = competitiveEquilibrium(SCHEDULES[name] as MarketAgents, DEFAULT_LIMITS);
    return [e.low, e.high, e.volume];
  };
  assert.deepEqual(eq("symmetric"), [11, 11.1, 7000]);
  assert.deepEqual(eq("flat supply"), [9, 9, 9000]);
  assert.deepEqual(eq("steep demand"), [13.5, 13.5, 9000]);
  assert.deepEqual(eq("excess demand"), [16.3, 16.5, 6000]);
  assert.deepEqual(eq("excess supply"), [5.5, 5.6, 6000]);
});

// Learning with the sign flipped: forced and free losers become LESS aggressive.
const flipped: Learner = (o, learning, shape, stream) => {
  if (o.quantity === 0) return o.r;
  const shout = aggressivenessFor(o.side, o.mcp, o.anchor, o.c, o.l, shape.theta, shape.equations);
  if (mustRaise(o, learning.rule)) return lower(o.r, shout, learning);
  if (o.fill < o.quantity && stream.bernoulli(learning.freeRaiseProbability))
    return lower(o.r, shout, learning);
  return o.r;
};

const BROKEN: Record<string, ConsensusOptions> = {
  "learning with the sign flipped": { learner: flipped },
  "beta = 0 (no learning)": { config: { learning: { beta: 0 } } },
};

for (const [name, options] of Object.entries(BROKEN)) {
  test(`the conformance checks detect a broken AA: ${name}`, () => {
    const failed: string[] = [];
    for (const [schedule, agents] of Object.entries(SCHEDULES)) {
      for (const seed of SEEDS) {
        if (failures(run(agents, seed, options)).length > 0) failed.push(`${schedule}/${seed}`);
      }
    }
    assert.ok(failed.length > 0, "a broken trader passed every check");
  });
}
