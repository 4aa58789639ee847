// The built-in device policies: self-consumption and market-aware (docs/storage.md states both
// rules in full).
//
// Assumptions and units (Wh, p/kWh):
// - EVs plan first, then the home battery sees the household's net energy after the EV's plan.
// - self-consumption: an EV charges from its own home's surplus, and from the grid only what its
//   deadline requires (evMustChargeWh); with v2h it covers the home's deficit from the energy
//   above its deadline floor (evFloorWh). The battery charges from the remaining surplus and
//   discharges to cover the remaining deficit. Limit prices are the agents' own draws.
// - market-aware: pb and ps are the microgrid's expected prices of buying and selling (what its
//   members paid and received per Wh in the same period a day before, DevicePolicyContext; NaN
//   in the first day, when every comparison below is false and the devices self-consume). A battery's
//   stored energy is worth v = Pgs + (Pgb - Pgs) (1 - f), f its state of charge within
//   [socMin, socMax]; eta = etaC etaD and w its degradation cost (p/kWh). It buys for storage when
//   the gap v eta - w - pb is positive (bidding to buy with limit v eta - w) and offers when
//   ps - w - v / eta is positive (limit v / eta + w), in proportion to the gap: full power once it
//   reaches a tenth of the grid band (Pgb - Pgs) / 10, and never less than its own home's surplus
//   (deficit); otherwise it acts as under self-consumption. An EV's
//   urgency u = min(1, need / (periods left x charger Wh)) (grid side) gives its value
//   Pgs + (Pgb - Pgs) u: it charges at full power when pb is at most that value (bidding with it
//   as its limit), and at least what its own surplus and its deadline give; with v2h it offers the
//   energy above its deadline floor at full power when ps exceeds
//   (Pgs + (Pgb - Pgs) (1 - g)) / (etaC etaD), g the share of that energy it still holds above
//   the floor, and otherwise covers its home's deficit from it. Limits are cut to the tick grid inside (Pgs, Pgb);
//   the agent then bids with the run's bidder (AA by default) within that limit.
import { quantizePrice, type MarketLimits } from "../market/index.js";
import type { DeviceFleet } from "./fleet.js";
import { devicePolicies, type DevicePolicyContext, type DevicePolicyPlugin } from "./policy.js";

/** The battery's request under self-consumption, given the home's net energy after its EV (Wh). */
function selfConsumption(fleet: DeviceFleet, b: number, net: number): number {
  return net > 0 ? fleet.clampBattery(b, net) : net < 0 ? fleet.clampBattery(b, net) : 0;
}

/** The home's net energy after its EV's planned (clamped) request. */
function afterEv(fleet: DeviceFleet, a: number, net: number): number {
  const e = fleet.evOf[a]!;
  return e < 0 ? net : net - fleet.clampEv(e, fleet.evRequest[e]!);
}

export const selfConsumptionPolicy: DevicePolicyPlugin = devicePolicies.register({
  name: "self-consumption",
  description:
    "charge from the home's own surplus, discharge to cover its own deficit; EVs charge from the grid only what their departure requires",
  create: () => ({
    plan(fleet: DeviceFleet, ctx: DevicePolicyContext): void {
      const t = ctx.period;
      for (let e = 0; e < fleet.evs; e++) {
        if (fleet.evHome[e] !== 1) continue;
        const net = ctx.net[fleet.evAgent[e]!]!;
        const must = fleet.evMustChargeWh(e, t);
        const need = Math.ceil(fleet.evNeedWh(e) / fleet.evEtaC[e]!);
        const fromSurplus = net > 0 ? Math.min(net, need) : 0;
        const charge = Math.max(must, fromSurplus);
        if (charge > 0) fleet.evRequest[e] = charge;
        else if (net < 0)
          fleet.evRequest[e] = -Math.min(-net, fleet.evDischargeRoom(e, fleet.evFloorWh(e, t)));
      }
      for (let b = 0; b < fleet.batteries; b++) {
        const a = fleet.batteryAgent[b]!;
        fleet.batteryRequest[b] = selfConsumption(fleet, b, afterEv(fleet, a, ctx.net[a]!));
      }
    },
  }),
});

/** A limit price strictly inside the band, on the tick grid. */
function limitPrice(price: number, limits: MarketLimits): number {
  return quantizePrice(price, limits);
}

export const marketAwarePolicy: DevicePolicyPlugin = devicePolicies.register({
  name: "market-aware",
  description:
    "buy for storage when the expected price is below the stored energy's value, offer it when above; EVs bid by the urgency of their departure",
  create: ({ limits }) => {
    const { pgs, pgb } = limits;
    const band = pgb - pgs;
    // The price gap (p/kWh) at which a battery trades at full power: a tenth of the grid band.
    const ramp = band / 10;
    return {
      plan(fleet: DeviceFleet, ctx: DevicePolicyContext): void {
        const t = ctx.period;
        for (let e = 0; e < fleet.evs; e++) {
          if (fleet.evHome[e] !== 1) continue;
          const a = fleet.evAgent[e]!;
          const net = ctx.net[a]!;
          const m = ctx.microgridOf[a]!;
          const p = ctx.expectedBuyPrice[m]!;
          const etaC = fleet.evEtaC[e]!;
          const need = Math.ceil(fleet.evNeedWh(e) / etaC);
          const left = fleet.evPeriodsLeft(e, t);
          const urgency = need > 0 ? Math.min(1, need / (left * fleet.evChargeMaxWh[e]!)) : 0;
          const value = pgs + band * urgency;
          let charge = Math.max(fleet.evMustChargeWh(e, t), net > 0 ? Math.min(net, need) : 0);
          if (need > 0 && p <= value) {
            charge = Math.max(charge, need);
            fleet.buyLimit[a] = limitPrice(value, limits);
          }
          if (charge > 0) {
            fleet.evRequest[e] = charge;
            continue;
          }
          const floor = fleet.evFloorWh(e, t);
          const room = fleet.evDischargeRoom(e, floor);
          if (room <= 0) continue;
          const span = fleet.evMaxWh[e]! - floor;
          const above = span > 0 ? (fleet.evStoredWh[e]! - floor) / span : 0;
          const ask = (pgs + band * (1 - above)) / (etaC * fleet.evEtaD[e]!);
          if (ctx.expectedSellPrice[m]! > ask) {
            fleet.evRequest[e] = -room;
            fleet.sellLimit[a] = limitPrice(ask, limits);
          } else if (net < 0) fleet.evRequest[e] = -Math.min(-net, room);
        }
        for (let b = 0; b < fleet.batteries; b++) {
          const a = fleet.batteryAgent[b]!;
          const net = afterEv(fleet, a, ctx.net[a]!);
          const m = ctx.microgridOf[a]!;
          const span = fleet.batteryMaxWh[b]! - fleet.batteryMinWh[b]!;
          const f = span > 0 ? (fleet.batteryStoredWh[b]! - fleet.batteryMinWh[b]!) / span : 1;
          const v = pgs + band * (1 - f);
          const eta = fleet.batteryEtaC[b]! * fleet.batteryEtaD[b]!;
          const wear = fleet.batteryDegradation[b]!;
          const buyGap = v * eta - wear - ctx.expectedBuyPrice[m]!;
          const sellGap = ctx.expectedSellPrice[m]! - wear - v / eta;
          if (buyGap > 0 && fleet.batteryChargeRoom(b) > 0) {
            const surplus = net > 0 ? net : 0;
            fleet.batteryRequest[b] = Math.max(
              surplus,
              Math.floor(fleet.batteryChargeRoom(b) * Math.min(1, buyGap / ramp)),
            );
            const limit = limitPrice(v * eta - wear, limits);
            const own = fleet.buyLimit[a]!;
            fleet.buyLimit[a] = Number.isNaN(own) ? limit : Math.max(own, limit);
          } else if (sellGap > 0 && fleet.batteryDischargeRoom(b) > 0) {
            const deficit = net < 0 ? -net : 0;
            fleet.batteryRequest[b] = -Math.max(
              deficit,
              Math.floor(fleet.batteryDischargeRoom(b) * Math.min(1, sellGap / ramp)),
            );
            const limit = limitPrice(v / eta + wear, limits);
            const own = fleet.sellLimit[a]!;
            fleet.sellLimit[a] = Number.isNaN(own) ? limit : Math.min(own, limit);
          } else fleet.batteryRequest[b] = selfConsumption(fleet, b, net);
        }
      },
    };
  },
});
