// The device-policy seam: how home batteries and EVs decide what to do each period, registered by
// name like the bidders and mechanisms. The core never tests a policy's name.
//
// Assumptions and units (Wh, p/kWh): a policy runs once per period, after the EVs of the period
// have arrived or left and before the auction opens. It writes the fleet's requests (grid-side Wh,
// + charge, - discharge: fleet.batteryRequest, fleet.evRequest) and, if it wants, the limit prices
// the agent bids with (fleet.buyLimit, fleet.sellLimit; NaN keeps the agent's own draw). The fleet
// then clamps every request to what the device can do (./fleet.ts), so a policy cannot break the
// physics: it only chooses within it. Whatever the devices then move changes the agent's net
// energy, which goes through the auction, routing and settlement unchanged.
import { Registry, type Named } from "../kernel/registry.js";
import type { MarketLimits } from "../market/index.js";
import type { DeviceFleet } from "./fleet.js";

/** What a policy sees of the period. */
export interface DevicePolicyContext {
  /** The period about to open. */
  readonly period: number;
  /** Each agent's forecast net production before its devices act (Wh, positive = surplus). */
  readonly net: Float64Array;
  /** Each agent's microgrid index. */
  readonly microgridOf: Int32Array;
  /**
   * Per microgrid, the expected price of buying and of selling (p/kWh), a day-ahead persistence
   * forecast: what its members paid per Wh bought, and received per Wh sold, over every level in
   * the same period of the previous day. A side nobody traded on then falls back to the last price
   * its auction published; in the first day there is no expectation (NaN).
   */
  readonly expectedBuyPrice: Float64Array;
  readonly expectedSellPrice: Float64Array;
}

/** One run's policy, built for its fleet. */
export interface DevicePolicy {
  /** Writes the period's requests (and optionally limit prices) into the fleet. */
  plan(fleet: DeviceFleet, context: DevicePolicyContext): void;
}

export interface DevicePolicySetup {
  readonly fleet: DeviceFleet;
  readonly limits: MarketLimits;
}

export interface DevicePolicyPlugin extends Named {
  /** One line: what the policy does. */
  readonly description: string;
  create(setup: DevicePolicySetup): DevicePolicy;
}

export const devicePolicies = new Registry<DevicePolicyPlugin>("device policy", (plugin) => {
  if (typeof plugin.create !== "function")
    throw new RangeError(`device policy "${plugin.name}": create must be a function`);
});
