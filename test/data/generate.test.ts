import assert from "node:assert/strict";
import { test } from "node:test";
import { Streams } from "../../sim/kernel/index.js";
import {
  assertProfile,
  generateProfile,
  makeProfileConfig,
  microgridNetProduction,
  paperMicrogrids,
  paperProfileConfig,
  ProfileError,
  shareOfDeficitPeriods,
  systemNetProduction,
  type AgentSpec,
  type Profile,
  type ProfileConfigInput,
} from "../../sim/data/index.js";

const HALF_HOUR = 30 * 60_000;
const row = (p: Profile, which: "pv" | "load", a: number): number[] =>
  Array.from(p[which].subarray(a * p.periods, (a + 1) * p.periods));
const total = (xs: ArrayLike<number>): number => Array.from(xs).reduce((s, v) => s + v, 0);
const mgRow = (p: Profile, net: Float64Array, name: string): Float64Array => {
  const m = p.microgrids.indexOf(name);
  return net.subarray(m * p.periods, (m + 1) * p.periods);
};
/** Sum of `series` over the periods whose local start hour is in [from, to) (wrapping midnight). */
const overHours = (p: Profile, series: ArrayLike<number>, from: number, to: number): number => {
  let s = 0;
  for (let t = 0; t < p.periods; t++) {
    const hour = ((((t * p.periodMs) / 3_600_000) % 24) + 24) % 24; // profiles here start at local midnight
    if (from < to ? hour >= from && hour < to : hour >= from || hour < to) s += series[t] ?? 0;
  }
  return s;
};
const oneAgent = (spec: AgentSpec, input: ProfileConfigInput = {}): ProfileConfigInput => ({
  ...input,
  microgrids: [{ name: "X", agents: [spec], pvKwp: 0, annualKwh: 0 }],
});
const CLEAR = { dayMean: 1, daySd: 0, intradaySd: 0, agentNoiseSd: 0 };

test("the default profile is a week of half-hours with non-negative integer Wh", () => {
  const p = generateProfile(makeProfileConfig(), new Streams(1));
  assert.equal(p.periods, 336);
  assert.equal(p.periodMs, HALF_HOUR);
  assert.equal(p.startIso, "2022-06-06T00:00:00+01:00");
  assert.deepEqual(p.microgrids, ["MG1", "MG2", "MG3"]);
  assert.equal(p.agents.length, 15);
  assertProfile(p);
});

test("the same seed gives the same profile and another seed a different one", () => {
  const a = generateProfile(paperProfileConfig(), new Streams(42));
  const b = generateProfile(paperProfileConfig(), new Streams(42));
  const c = generateProfile(paperProfileConfig(), new Streams(43));
  assert.deepEqual(a, b);
  assert.notDeepEqual(Array.from(a.load), Array.from(c.load));
  assert.notDeepEqual(Array.from(a.pv), Array.from(c.pv));
});

test("adding agents and microgrids does not change the existing agents", () => {
  const small = generateProfile(paperProfileConfig(), new Streams(7));
  const mgs = paperProfileConfig().microgrids.map((m) => ({ ...m, agents: 8 }));
  const big = generateProfile(
    paperProfileConfig({ microgrids: [...mgs, { ...mgs[0]!, name: "MG4" }] }),
    new Streams(7),
  );
  for (const agent of small.agents) {
    const other = big.agents.find((x) => x.name === agent.name)!;
    assert.deepEqual(row(big, "pv", other.id), row(small, "pv", agent.id), agent.name);
    assert.deepEqual(row(big, "load", other.id), row(small, "load", agent.id), agent.name);
  }
});

test("one agent's series do not depend on the other agents with per-microgrid skies either", () => {
  const cloud = { scope: "microgrid" as const };
  const full = generateProfile(paperProfileConfig({ cloud }), new Streams(3));
  const only = generateProfile(paperProfileConfig({ cloud }), new Streams(3), { only: ["MG2"] });
  assert.deepEqual(only.microgrids, ["MG2"]);
  assert.deepEqual(Array.from(only.pv), Array.from(full.pv.subarray(5 * 336, 10 * 336)));
  assert.deepEqual(Array.from(only.load), Array.from(full.load.subarray(5 * 336, 10 * 336)));
});

test("a year of load totals the agent's annual consumption", () => {
  const config = makeProfileConfig(
    oneAgent({ pvKwp: 0, annualKwh: 3650 }, { start: "2022-01-01T00:00:00Z", days: 365 }),
  );
  const kwh = total(generateProfile(config, new Streams(5)).load) / 1000;
  assert.ok(Math.abs(kwh - 3650) / 3650 < 0.03, `${kwh} kWh`);
});

test("load scales with annual kWh and PV with kWp", () => {
  const gen = (spec: AgentSpec): Profile =>
    generateProfile(makeProfileConfig(oneAgent(spec)), new Streams(9));
  const base = gen({ pvKwp: 2, annualKwh: 3000 });
  const double = gen({ pvKwp: 4, annualKwh: 6000 });
  for (const which of ["pv", "load"] as const) {
    assert.ok(total(base[which]) > 0);
    assert.ok(Math.abs(total(double[which]) - 2 * total(base[which])) <= 1.5, which);
    double[which].forEach((v, t) => assert.ok(Math.abs(v - 2 * base[which][t]!) < 3, `${which}[${t}]`));
  }
});

test("a clear day gives more PV than an overcast one", () => {
  const gen = (cloud: ProfileConfigInput["cloud"]): number =>
    total(
      generateProfile(
        makeProfileConfig(oneAgent({ pvKwp: 3, annualKwh: 3000 }, { days: 1, cloud })),
        new Streams(2),
      ).pv,
    );
  const clear = gen(CLEAR);
  const overcast = gen({ ...CLEAR, dayMean: 0.2 });
  assert.ok(clear > 3 * overcast, `${clear} vs ${overcast}`);
  // 3 kWp x about 8 kWh/m^2 of clear-sky POA in a Bristol June day x PR 0.8 = about 19.4 kWh.
  assert.ok(clear > 17_000 && clear < 21_000, `${clear} Wh`);
});

test("there is no PV at night (unshifted microgrids)", () => {
  const p = generateProfile(makeProfileConfig({ shiftHoursByMicrogrid: { MG3: 0 } }), new Streams(4));
  for (let a = 0; a < p.agents.length; a++)
    assert.equal(overHours(p, row(p, "pv", a), 22, 4), 0, p.agents[a]!.name);
});

test("on a clear day PV peaks in the half-hour containing solar noon (13:08 BST)", () => {
  const p = generateProfile(
    makeProfileConfig(oneAgent({ pvKwp: 3, annualKwh: 3000 }, { days: 1, cloud: CLEAR })),
    new Streams(2),
  );
  const pv = row(p, "pv", 0);
  assert.equal(pv.indexOf(Math.max(...pv)), 26); // 13:00-13:30 local
});

test("the paper preset: MG2 is a net consumer in most periods and over the week", () => {
  const p = generateProfile(paperProfileConfig(), new Streams(1));
  const mg2 = mgRow(p, microgridNetProduction(p), "MG2");
  assert.ok(total(mg2) < 0);
  assert.ok(shareOfDeficitPeriods(mg2) > 0.8, `${shareOfDeficitPeriods(mg2)}`);
});

test("the paper preset: MG1 exports around its midday and MG3 around its shifted midday", () => {
  const p = generateProfile(paperProfileConfig(), new Streams(1));
  const net = microgridNetProduction(p);
  assert.ok(overHours(p, mgRow(p, net, "MG1"), 11, 15) > 0);
  assert.ok(overHours(p, mgRow(p, net, "MG3"), 23, 3) > 0);
  assert.ok(overHours(p, mgRow(p, net, "MG3"), 11, 15) < 0);
});

test("the paper preset: system-wide demand exceeds supply in most periods", () => {
  for (const seed of [1, 2, 3]) {
    const share = shareOfDeficitPeriods(
      systemNetProduction(generateProfile(paperProfileConfig(), new Streams(seed))),
    );
    assert.ok(share > 0.55, `seed ${seed}: ${share}`);
  }
});

test("a 12-hour shift rotates a microgrid's PV circularly and leaves its load alone", () => {
  const shifted = generateProfile(paperProfileConfig(), new Streams(8));
  const plain = generateProfile(makeProfileConfig({ shiftHoursByMicrogrid: { MG3: 0 } }), new Streams(8));
  for (const agent of plain.agents) {
    const pv = row(plain, "pv", agent.id);
    const expected = agent.microgrid === "MG3" ? [...pv.slice(-24), ...pv.slice(0, -24)] : pv;
    assert.deepEqual(row(shifted, "pv", agent.id), expected, agent.name);
    assert.deepEqual(row(shifted, "load", agent.id), row(plain, "load", agent.id), agent.name);
  }
});

test("the paper's microgrids carry MG3's 12-hour shift wherever they are used", () => {
  const viaSpecs = generateProfile(makeProfileConfig({ microgrids: paperMicrogrids() }), new Streams(8));
  assert.deepEqual(viaSpecs.pv, generateProfile(paperProfileConfig(), new Streams(8)).pv);
  assert.equal(paperMicrogrids().find((m) => m.name === "MG3")?.shiftHours, 12);
});

test("the period length is configurable", () => {
  const p = generateProfile(makeProfileConfig({ periodMs: 15 * 60_000, days: 2 }), new Streams(1));
  assert.equal(p.periods, 192);
  assertProfile(p);
});

test("a period that does not divide a day is refused, naming the field", () => {
  assert.throws(
    () => generateProfile(makeProfileConfig({ periodMs: 7 * 60_000 }), new Streams(1)),
    (e: unknown) => {
      assert.ok(e instanceof ProfileError);
      assert.match(
        e.message,
        /^profile config: periodMs: expected a whole number of minutes that divides a day/,
      );
      return true;
    },
  );
});

test("a shift that is not a whole number of periods, or names no microgrid, is refused", () => {
  const gen = (shift: Record<string, number>): Profile =>
    generateProfile(makeProfileConfig({ shiftHoursByMicrogrid: shift }), new Streams(1));
  assert.throws(
    () => gen({ MG3: 0.25 }),
    /shiftHoursByMicrogrid.MG3: expected a whole number of 30-min periods/,
  );
  assert.throws(
    () => gen({ MG9: 12 }),
    /shiftHoursByMicrogrid.MG9: expected the name of a configured microgrid/,
  );
});

test("asking for an unknown microgrid is refused", () => {
  assert.throws(
    () => generateProfile(makeProfileConfig(), new Streams(1), { only: ["MG7"] }),
    /profile config: only: unknown microgrid 'MG7'/,
  );
});
