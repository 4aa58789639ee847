// The device-policy seam: a custom policy registered by name runs like a built-in one, the fleet
// keeps its requests within the physics, and an unknown name is an option error naming the known.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createModel, OptionError } from "../../sim/model.js";
import { BATTERY_DEFAULTS, devicePolicies, EV_DEFAULTS } from "../../sim/devices/index.js";
import { uniformMicrogrids } from "../../sim/data/index.js";
import { PEAK_THRESHOLD_WH } from "../../experiments/examples/peak-shaving-policy.js";

const devices = (policy: string) => ({
  policy,
  microgrids: {
    MG1: { battery: { ...BATTERY_DEFAULTS, share: 1 } },
    MG2: { battery: { ...BATTERY_DEFAULTS, share: 1 }, ev: { ...EV_DEFAULTS, share: 1 } },
  },
});

test("a custom policy registered by name runs, and discharges only above its threshold", () => {
  assert.ok(devicePolicies.has("peak-shaving"));
  const model = createModel({
    days: 2,
    microgrids: uniformMicrogrids(2, 3),
    scenario: "all",
    devices: devices("peak-shaving"),
  });
  const { profile } = model;
  let discharged = 0;
  model.on("period", (o) => {
    const fleet = o.devices!;
    for (let b = 0; b < fleet.batteries; b++) {
      const a = fleet.batteryAgent[b]!;
      const i = a * profile.periods + o.period;
      const ev = fleet.evOf[a]! >= 0 ? fleet.evChargeWh[fleet.evOf[a]!]! : 0;
      const deficit = profile.load[i]! + ev - profile.pv[i]!;
      const d = fleet.batteryDischargeWh[b]!;
      discharged += d;
      assert.ok(d <= Math.max(0, deficit - PEAK_THRESHOLD_WH) + 1e-9, `period ${o.period}: ${d} Wh`);
    }
  });
  model.run();
  assert.ok(discharged > 0, "the battery shaved some peak");
  assert.ok(model.recorder.devices!.rows.period.length > 0);
});

test("a policy can be registered, run and unregistered by a script", () => {
  devicePolicies.register({
    name: "idle-test",
    description: "does nothing",
    create: () => ({ plan() {} }),
  });
  try {
    const model = createModel({
      days: 1,
      microgrids: uniformMicrogrids(2, 2),
      devices: devices("idle-test"),
    });
    model.run();
    const rows = model.recorder.devices!.rows;
    // Only EVs' arrivals and departures move energy; nothing charges or discharges.
    for (let i = 0; i < rows.period.length; i++) {
      assert.equal(rows.chargeWh[i], 0);
      assert.equal(rows.dischargeWh[i], 0);
    }
  } finally {
    devicePolicies.unregister("idle-test");
  }
});

test("an unknown policy is an option error naming the known ones", () => {
  assert.throws(
    () => createModel({ days: 1, devices: devices("nope") }),
    (e: unknown) =>
      e instanceof OptionError && /unknown device policy "nope" \(known: .*market-aware/.test(e.message),
  );
});

test("the same seed gives the same devices and the same results", () => {
  const once = () => {
    const m = createModel({
      seed: 5,
      days: 1,
      microgrids: uniformMicrogrids(2, 4),
      devices: devices("market-aware"),
    });
    m.run();
    return JSON.stringify(Array.from(m.recorder.devices!.rows.batteryStoredWh));
  };
  assert.equal(once(), once());
});
