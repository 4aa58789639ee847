// An example of a custom device policy (docs/storage.md, "Writing a policy"): a battery that
// stores its home's surplus and discharges only to shave the part of a deficit above a threshold,
// keeping the rest of its energy for the evening peak. EVs charge what their departure requires.
//
// Assumptions and units (Wh per period): the threshold is per period and per home, 500 Wh (1 kW
// over a 30-min period), an illustrative value. Register it by importing this module (a config's
// `plugins` field, or an import in a script), then name it: `"devices": { "policy": "peak-shaving" }`.
import { devicePolicies, type DevicePolicyPlugin } from "../../sim/index.js";

/** The deficit per period (Wh) above which the battery discharges. */
export const PEAK_THRESHOLD_WH = 500;

export const peakShavingPolicy: DevicePolicyPlugin = {
  name: "peak-shaving",
  description: "store the home's surplus; discharge only the part of its deficit above 500 Wh a period",
  create: () => ({
    plan(fleet, ctx) {
      for (let e = 0; e < fleet.evs; e++) fleet.evRequest[e] = fleet.evMustChargeWh(e, ctx.period);
      for (let b = 0; b < fleet.batteries; b++) {
        const a = fleet.batteryAgent[b]!;
        const e = fleet.evOf[a]!;
        const net = ctx.net[a]! - (e >= 0 ? fleet.clampEv(e, fleet.evRequest[e]!) : 0);
        if (net > 0) fleet.batteryRequest[b] = net;
        else if (net < -PEAK_THRESHOLD_WH) fleet.batteryRequest[b] = net + PEAK_THRESHOLD_WH;
      }
    },
  }),
};

// Registering twice (a module imported again by another loader) replaces the first.
devicePolicies.register(peakShavingPolicy, { replace: true });
