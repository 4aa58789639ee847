// Invariants of home batteries and EVs on random fleets driven by random requests, and on whole
// model runs under every registered device policy: the state of charge stays within its bounds
// every period; energy is conserved including the conversion losses; a device never charges and
// discharges in the same period; power limits hold; an EV away neither charges nor discharges, and
// one that departs takes the energy it had; money still balances (every agent's settled energy is
// its household's net plus its devices' discharge minus their charge, and what buyers pay equals
// what sellers and the main grid receive, as without devices).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  DeviceFleet,
  devicePolicies,
  whPerPeriod,
  type BatterySpec,
  type EvSession,
  type EvSpec,
} from "../../sim/devices/index.js";
import { createModel } from "../../sim/model.js";
import type { PeriodOutcome } from "../../sim/grid/index.js";
import { uniformMicrogrids } from "../../sim/data/index.js";

const PERIOD_MS = 1_800_000;
const EPS = 1e-6;

const fractionPair = fc
  .tuple(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true }))
  .map(([lo, span]) => [lo, Math.min(1, lo + span)] as const)
  .filter(([lo, hi]) => hi > lo);

const batteryArb: fc.Arbitrary<BatterySpec> = fc
  .record({
    capacityKwh: fc.double({ min: 0.5, max: 30, noNaN: true }),
    chargeKw: fc.double({ min: 0.5, max: 15, noNaN: true }),
    dischargeKw: fc.double({ min: 0.5, max: 15, noNaN: true }),
    chargeEfficiency: fc.double({ min: 0.5, max: 1, noNaN: true }),
    dischargeEfficiency: fc.double({ min: 0.5, max: 1, noNaN: true }),
    soc: fractionPair,
    initial: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((r) => ({
    share: 1,
    capacityKwh: r.capacityKwh,
    chargeKw: r.chargeKw,
    dischargeKw: r.dischargeKw,
    chargeEfficiency: r.chargeEfficiency,
    dischargeEfficiency: r.dischargeEfficiency,
    socMin: r.soc[0],
    socMax: r.soc[1],
    initialSoc: r.soc[0] + r.initial * (r.soc[1] - r.soc[0]),
    degradationPPerKwh: 0,
  }));

const evArb: fc.Arbitrary<EvSpec> = fc
  .record({
    capacityKwh: fc.double({ min: 10, max: 100, noNaN: true }),
    chargerKw: fc.double({ min: 1, max: 22, noNaN: true }),
    eta: fc.double({ min: 0.6, max: 1, noNaN: true }),
    soc: fractionPair,
    v2h: fc.boolean(),
  })
  .map((r) => ({
    share: 1,
    capacityKwh: r.capacityKwh,
    chargerKw: r.chargerKw,
    chargeEfficiency: r.eta,
    dischargeEfficiency: r.eta,
    socMin: r.soc[0],
    socMax: r.soc[1],
    v2h: r.v2h,
    v2hKw: r.chargerKw,
  }));

/** Ordered, non-overlapping sessions over `periods`. */
const sessionsArb = (periods: number) =>
  fc
    .array(
      fc.record({
        gap: fc.integer({ min: 0, max: 10 }),
        stay: fc.integer({ min: 1, max: 20 }),
        kwh: fc.double({ min: 0, max: 80, noNaN: true }),
      }),
      { maxLength: 6 },
    )
    .map((list) => {
      const out: Omit<EvSession, "agent">[] = [];
      let t = 0;
      for (const s of list) {
        const arrival = t + s.gap;
        if (arrival >= periods) break;
        out.push({ arrival, departure: arrival + s.stay, neededWh: Math.round(s.kwh * 1000) });
        t = arrival + s.stay;
      }
      return out;
    });

const PERIODS = 48;

const fleetCase = fc.record({
  batteries: fc.array(batteryArb, { minLength: 0, maxLength: 4 }),
  evs: fc.array(fc.tuple(evArb, sessionsArb(PERIODS)), { minLength: 0, maxLength: 4 }),
  requests: fc.array(fc.array(fc.integer({ min: -20_000, max: 20_000 }), { minLength: 8, maxLength: 8 }), {
    minLength: PERIODS,
    maxLength: PERIODS,
  }),
});

test("random requests: SoC bounds, conservation with losses, one direction, power limits, EVs away and departing", () => {
  fc.assert(
    fc.property(fleetCase, ({ batteries, evs, requests }) => {
      const agents = 8;
      const fleet = new DeviceFleet({
        agents,
        periodMs: PERIOD_MS,
        batteries: batteries.map((spec, b) => ({ agent: b, spec })),
        evs: evs.map(([spec, sessions], e) => ({
          agent: agents - 1 - e,
          spec,
          sessions: sessions.map((s) => ({ ...s, agent: agents - 1 - e })),
        })),
      });
      const forecast = new Float64Array(agents);
      const actual = new Float64Array(agents);
      const limits = new Float64Array(agents);
      for (let t = 0; t < PERIODS; t++) {
        const bBefore = Float64Array.from(fleet.batteryStoredWh);
        const eBefore = Float64Array.from(fleet.evStoredWh);
        const eHomeBefore = Uint8Array.from(fleet.evHome);
        fleet.beginPeriod(t);
        for (let e = 0; e < fleet.evs; e++) {
          // Departing: it takes the energy it had, and nothing is left at home.
          if (eHomeBefore[e] === 1 && fleet.evDepartedWh[e]! > 0)
            assert.ok(Math.abs(fleet.evDepartedWh[e]! - eBefore[e]!) < EPS, "departs with its energy");
          if (fleet.evHome[e] === 0) assert.equal(fleet.evStoredWh[e], 0);
        }
        const eStart = Float64Array.from(fleet.evStoredWh);
        const eHome = Uint8Array.from(fleet.evHome);
        requests[t]!.forEach((r, i) => {
          if (i < fleet.batteries) fleet.batteryRequest[i] = r;
          else if (i - 4 < fleet.evs && i >= 4) fleet.evRequest[i - 4] = r;
        });
        forecast.fill(0);
        actual.fill(0);
        fleet.apply(forecast, actual, limits);
        for (let b = 0; b < fleet.batteries; b++) {
          const c = fleet.batteryChargeWh[b]!;
          const d = fleet.batteryDischargeWh[b]!;
          const s = fleet.batteryStoredWh[b]!;
          assert.ok(c === 0 || d === 0, "never both");
          assert.ok(
            c <= whPerPeriod(batteries[b]!.chargeKw, PERIOD_MS) &&
              d <= whPerPeriod(batteries[b]!.dischargeKw, PERIOD_MS),
          );
          assert.ok(
            s >= fleet.batteryMinWh[b]! - EPS && s <= fleet.batteryMaxWh[b]! + EPS,
            "SoC within bounds",
          );
          const delta = c * fleet.batteryEtaC[b]! - d / fleet.batteryEtaD[b]!;
          assert.ok(Math.abs(s - bBefore[b]! - delta) < EPS, "stored energy conserved");
          assert.ok(
            Math.abs(c - d - (s - bBefore[b]!) - fleet.batteryLossWh[b]!) < EPS,
            "losses close the balance",
          );
          assert.ok(
            Math.abs(forecast[b]! + c - d) < EPS && forecast[b] === actual[b],
            "net takes the device",
          );
        }
        for (let e = 0; e < fleet.evs; e++) {
          const c = fleet.evChargeWh[e]!;
          const d = fleet.evDischargeWh[e]!;
          const s = fleet.evStoredWh[e]!;
          assert.ok(c === 0 || d === 0, "never both");
          if (eHome[e] === 0) assert.ok(c === 0 && d === 0 && s === 0, "away: nothing moves");
          else
            assert.ok(s >= fleet.evMinWh[e]! - EPS && s <= fleet.evMaxWh[e]! + EPS, "EV SoC within bounds");
          assert.ok(c <= whPerPeriod(evs[e]![0].chargerKw, PERIOD_MS));
          if (!evs[e]![0].v2h) assert.equal(d, 0, "no v2h: no discharge");
          const delta = c * fleet.evEtaC[e]! - d / fleet.evEtaD[e]!;
          assert.ok(Math.abs(s - eStart[e]! - delta) < EPS, "EV energy conserved");
          assert.ok(
            Math.abs(c - d - (s - eStart[e]!) - fleet.evLossWh[e]!) < EPS,
            "EV losses close the balance",
          );
        }
      }
    }),
    { numRuns: 150 },
  );
});

const modelCase = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  policy: fc.constantFrom(...devicePolicies.names()),
  battery: batteryArb,
  batteryShare: fc.double({ min: 0, max: 1, noNaN: true }),
  ev: evArb,
  evShare: fc.double({ min: 0, max: 1, noNaN: true }),
  forecastErrorSd: fc.constantFrom(0, 0.1),
});

test("whole runs under every policy: physics per period, and money balances as without devices", () => {
  fc.assert(
    fc.property(modelCase, (c) => {
      const devices = {
        policy: c.policy,
        microgrids: {
          MG1: { battery: { ...c.battery, share: c.batteryShare }, ev: { ...c.ev, share: c.evShare } },
          MG2: { ev: { ...c.ev, share: c.evShare } },
          MG3: { battery: { ...c.battery, share: c.batteryShare } },
        },
      };
      const model = createModel({
        seed: c.seed,
        days: 2,
        microgrids: uniformMicrogrids(3, 3),
        scenario: "all",
        trading: { forecastErrorSd: c.forecastErrorSd },
        devices,
      });
      const { profile } = model;
      let before: Float64Array | undefined;
      model.on("period", (o: PeriodOutcome) => {
        const fleet = o.devices!;
        const t = o.period;
        for (let a = 0; a < profile.agents.length; a++) {
          const i = a * profile.periods + t;
          let device = 0;
          const b = fleet.batteryOf[a]!;
          const e = fleet.evOf[a]!;
          if (b >= 0) device += fleet.batteryDischargeWh[b]! - fleet.batteryChargeWh[b]!;
          if (e >= 0) device += fleet.evDischargeWh[e]! - fleet.evChargeWh[e]!;
          const actual = profile.pv[i]! - profile.load[i]! + device;
          assert.ok(Math.abs(o.agents.actualWh[a]! - actual) < EPS, "actual net takes the devices");
          const s = o.settlement;
          assert.ok(Math.abs(s.soldWh[a]! - s.boughtWh[a]! - actual) < EPS, "settled energy is the net");
        }
        for (let b = 0; b < fleet.batteries; b++) {
          const st = fleet.batteryStoredWh[b]!;
          assert.ok(st >= fleet.batteryMinWh[b]! - EPS && st <= fleet.batteryMaxWh[b]! + EPS);
          assert.ok(fleet.batteryChargeWh[b] === 0 || fleet.batteryDischargeWh[b] === 0);
          if (before !== undefined) {
            const delta =
              fleet.batteryChargeWh[b]! * fleet.batteryEtaC[b]! -
              fleet.batteryDischargeWh[b]! / fleet.batteryEtaD[b]!;
            assert.ok(Math.abs(st - before[b]! - delta) < EPS);
          }
        }
        before = Float64Array.from(fleet.batteryStoredWh);
        for (let e = 0; e < fleet.evs; e++) {
          if (fleet.evHome[e] === 0) assert.ok(fleet.evChargeWh[e] === 0 && fleet.evDischargeWh[e] === 0);
          assert.ok(fleet.evChargeWh[e] === 0 || fleet.evDischargeWh[e] === 0);
        }
      });
      model.run();
      const d = model.recorder.devices!;
      assert.equal(d.rows.period.length, profile.periods * profile.microgrids.length);
      // Money: buyers pay what sellers receive plus the main grid's net, as without devices.
      const r = model.tables().periods;
      let paid = 0;
      let received = 0;
      let gridNet = 0;
      for (let i = 0; i < r.period.length; i++) {
        paid += r.paidP[i]!;
        received += r.receivedP[i]!;
        gridNet +=
          ((r.gridImportWh[i]! + r.imbalanceImportWh[i]!) * 18.9 -
            (r.gridExportWh[i]! + r.imbalanceExportWh[i]!) * 3.2) /
          1000;
      }
      assert.ok(
        Math.abs(paid - (received + gridNet)) < 1e-6 * Math.max(1, paid),
        `paid ${paid} vs ${received + gridNet}`,
      );
    }),
    { numRuns: 12 },
  );
});
