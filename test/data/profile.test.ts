import assert from "node:assert/strict";
import { test } from "node:test";
import {
  agentsByMicrogrid,
  assertProfile,
  MAX_WH_PER_PERIOD,
  microgridNetProduction,
  microgridOf,
  microgridTotals,
  net,
  ProfileError,
  shareOfDeficitPeriods,
  storeWh,
  systemNetProduction,
  type Profile,
} from "../../sim/data/index.js";

// Three agents (A and C in M1, B in M2) over two periods.
function tiny(): Profile {
  return {
    periodMs: 1_800_000,
    startIso: "2022-06-06T00:00:00+01:00",
    startMs: 1_654_470_000_000,
    utcOffsetMin: 60,
    periods: 2,
    agents: [
      { id: 0, name: "A", microgrid: "M1", microgridIndex: 0, pvKwp: 1, annualKwh: 1000 },
      { id: 1, name: "B", microgrid: "M2", microgridIndex: 1, pvKwp: null, annualKwh: 2000 },
      { id: 2, name: "C", microgrid: "M1", microgridIndex: 0, pvKwp: 2, annualKwh: 3000 },
    ],
    microgrids: ["M1", "M2"],
    pv: Int32Array.from([500, 0, 0, 0, 100, 900]),
    load: Int32Array.from([200, 300, 400, 600, 100, 100]),
    source: "tiny",
  };
}

test("net is production minus consumption of one agent and period", () => {
  assert.equal(net(tiny(), 0, 0), 300);
  assert.equal(net(tiny(), 1, 1), -600);
});

test("microgridOf names an agent's microgrid and rejects unknown agents", () => {
  assert.equal(microgridOf(tiny(), 2), "M1");
  assert.throws(() => microgridOf(tiny(), 3), RangeError);
});

test("agentsByMicrogrid lists agent ids per microgrid", () => {
  assert.deepEqual(
    agentsByMicrogrid(tiny()).map((ids) => Array.from(ids)),
    [[0, 2], [1]],
  );
});

test("microgrid net production sums members per period, microgrid-major", () => {
  assert.deepEqual(Array.from(microgridNetProduction(tiny())), [300, 500, -400, -600]);
});

test("system net production and the share of deficit periods", () => {
  const system = systemNetProduction(tiny());
  assert.deepEqual(Array.from(system), [-100, -100]);
  assert.equal(shareOfDeficitPeriods(system), 1);
  assert.equal(shareOfDeficitPeriods(Float64Array.from([1, -1, 0, -2])), 0.5);
});

test("microgrid totals add PV and load over the profile", () => {
  assert.deepEqual(microgridTotals(tiny()), [
    { microgrid: "M1", agents: 2, pvWh: 1500, loadWh: 700 },
    { microgrid: "M2", agents: 1, pvWh: 0, loadWh: 1000 },
  ]);
});

test("assertProfile accepts a consistent profile", () => {
  assert.doesNotThrow(() => assertProfile(tiny()));
});

test("assertProfile rejects negative Wh, naming agent and period", () => {
  const q = tiny();
  q.pv[4] = -1;
  assert.throws(
    () => assertProfile(q),
    (e: unknown) => e instanceof ProfileError && /pv of C in period 0 is -1/.test(e.message),
  );
});

test("storeWh copies a series into its row, rotated by the shift", () => {
  const out = new Int32Array(8).fill(-1);
  assert.equal(storeWh(Float64Array.from([1, 2, 3, 4]), out, 4, 1), -1);
  assert.deepEqual(Array.from(out), [-1, -1, -1, -1, 4, 1, 2, 3]);
});

test("storeWh stops at the first value an Int32Array cannot hold", () => {
  const out = new Int32Array(3);
  assert.equal(storeWh(Float64Array.from([5, MAX_WH_PER_PERIOD + 1, 7]), out, 0), 1);
  assert.equal(storeWh(Float64Array.from([5, -1, 7]), out, 0), 1);
  assert.equal(storeWh(Float64Array.from([MAX_WH_PER_PERIOD, 0, NaN]), out, 0), 2);
});

test("assertProfile rejects wrong array lengths and a bad microgrid index", () => {
  const p = tiny();
  p.pv = new Int32Array(5);
  assert.throws(() => assertProfile(p), /pv has 5 values, expected 6/);
  const q = tiny();
  q.agents[1]!.microgridIndex = 0;
  assert.throws(() => assertProfile(q), /agent B: microgridIndex 0 does not name microgrid M2/);
});
