// Trader conformance on Smith-style schedules with a known competitive equilibrium, run through the
// auction state machine the world uses (experiments/conformance/schedules.ts drives it):
// - AA ends within 2 % of the equilibrium price with allocative efficiency above 95 %, and Smith's
//   alpha falls over the rounds; it beats the ZIC baseline;
// - ZIP (a trader of another family) also beats ZIC on price and efficiency;
// - the same checks catch a deliberately broken AA.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mean } from "simple-statistics";
import {
  aaPlugin,
  aggressivenessFor,
  competitiveEquilibrium,
  DEFAULT_LIMITS,
  lower,
  mustRaise,
  type ConsensusOptions,
  type Learner,
  type MarketAgents,
} from "../../sim/market/index.js";
import { runSchedule, SCHEDULES, SEEDS, type ScheduleRun } from "../../experiments/conformance/schedules.js";

/**
 * The AA conformance checks; returns what failed (empty when the trader conforms). Alpha must end
 * below 2 and no higher than in the first round, up to the width of the competitive interval (a
 * market that starts inside it may wander within it).
 */
function failures(r: ScheduleRun): string[] {
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

const runs = (agents: MarketAgents, options: ConsensusOptions): ScheduleRun[] =>
  SEEDS.map((seed) => runSchedule(agents, seed, options));

for (const [name, agents] of Object.entries(SCHEDULES)) {
  test(`AA conforms on the ${name} schedule (price within 2 %, efficiency > 95 %, alpha falls)`, () => {
    for (const seed of SEEDS) assert.deepEqual(failures(runSchedule(agents, seed)), [], `seed ${seed}`);
  });

  test(`AA converges tighter than ZIC on the ${name} schedule`, () => {
    const aa = runs(agents, {});
    const zic = runs(agents, { config: { bidder: "zic" } });
    assert.ok(Math.max(...aa.map((r) => r.error)) < mean(zic.map((r) => r.error)));
    const aaLast = aa.map((r) => r.alphas[r.alphas.length - 1] as number);
    const zicAlpha = zic.map((r) => mean(r.alphas));
    assert.ok(Math.max(...aaLast) < mean(zicAlpha), `AA ${aaLast} vs ZIC ${zicAlpha}`);
  });

  test(`ZIP beats ZIC on the ${name} schedule (price error and efficiency, means over seeds)`, () => {
    const zip = runs(agents, { config: { bidder: "zip" } });
    const zic = runs(agents, { config: { bidder: "zic" } });
    const error = (xs: ScheduleRun[]) => mean(xs.map((r) => r.error));
    const efficiency = (xs: ScheduleRun[]) => mean(xs.map((r) => r.efficiency));
    assert.ok(error(zip) < error(zic), `error ZIP ${error(zip)} vs ZIC ${error(zic)}`);
    assert.ok(
      efficiency(zip) > 0.9 && efficiency(zip) > efficiency(zic),
      `efficiency ZIP ${efficiency(zip)}`,
    );
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
  "learning with the sign flipped": { bidder: aaPlugin("aa-flipped", flipped) },
  "beta = 0 (no learning)": { config: { learning: { beta: 0 } } },
};

for (const [name, options] of Object.entries(BROKEN)) {
  test(`the conformance checks detect a broken AA: ${name}`, () => {
    const failed: string[] = [];
    for (const [schedule, agents] of Object.entries(SCHEDULES)) {
      for (const seed of SEEDS) {
        if (failures(runSchedule(agents, seed, options)).length > 0) failed.push(`${schedule}/${seed}`);
      }
    }
    assert.ok(failed.length > 0, "a broken trader passed every check");
  });
}
