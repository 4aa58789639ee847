// The devices of a run as typed columns: home batteries and electric vehicles, their state of
// charge, and the physics of one period. A policy (./policy.ts) asks for energy; the fleet clamps
// each request to what the device can do and applies it.
//
// Assumptions and units (Wh, p, one period of periodMs):
// - Requests and results are grid-side energy at the home's meter, whole Wh (the market trades
//   whole Wh): a positive request charges, a negative one discharges, so a device never charges
//   and discharges in the same period.
// - Charging c Wh stores c x chargeEfficiency; discharging d Wh removes d / dischargeEfficiency
//   from storage. The difference is the conversion loss: c (1 - etaC) or d (1 / etaD - 1).
// - Power limits hold on the grid side: c <= chargeKw x period hours x 1000 and likewise d. The
//   stored energy stays within [socMin, socMax] x capacity: a request beyond either is cut to the
//   largest whole Wh that keeps it there.
// - An EV is at home over its sessions' periods [arrival, departure). It arrives holding
//   max(min, max - needed) stored Wh and wants min(max, arrival + needed) by its departure (its
//   target). At its departure period's start it leaves with all its stored energy (reported as
//   departed; it leaves the home's account) and any shortfall below its target is reported as
//   unmet. Away, it neither charges nor discharges. Without v2h it never discharges.
// - The agent's net energy for the period (what it orders and settles) becomes its household net
//   plus the devices' discharge minus their charge, for the forecast and the actual alike: a device
//   follows the schedule set at the period's start, so forecast errors still settle with the grid.
// - Per period the step is loops over typed columns, no objects per agent or device.
import type { EvSession, BatterySpec, EvSpec } from "./spec.js";

/** Whole Wh a power (kW) moves in one period of `periodMs`. */
export function whPerPeriod(kw: number, periodMs: number): number {
  return Math.floor((kw * periodMs) / 3600);
}

/** What the fleet is built from: per battery and per EV, its agent and parameters. */
export interface FleetParts {
  agents: number;
  periodMs: number;
  batteries: readonly { agent: number; spec: BatterySpec }[];
  evs: readonly { agent: number; spec: EvSpec; sessions: readonly EvSession[] }[];
}

export class DeviceFleet {
  readonly agents: number;
  readonly periodMs: number;
  /** Battery b's agent, and each agent's battery (-1: none). */
  readonly batteryAgent: Int32Array;
  readonly batteryOf: Int32Array;
  readonly batteryCapacityWh: Float64Array;
  readonly batteryChargeMaxWh: Float64Array;
  readonly batteryDischargeMaxWh: Float64Array;
  readonly batteryEtaC: Float64Array;
  readonly batteryEtaD: Float64Array;
  readonly batteryMinWh: Float64Array;
  readonly batteryMaxWh: Float64Array;
  readonly batteryDegradation: Float64Array;
  readonly batteryStoredWh: Float64Array;
  /** The policy's request for the period (grid-side Wh, + charge, - discharge). */
  readonly batteryRequest: Float64Array;
  /** The period's result (grid-side Wh, loss in Wh). */
  readonly batteryChargeWh: Float64Array;
  readonly batteryDischargeWh: Float64Array;
  readonly batteryLossWh: Float64Array;

  /** EV e's agent, and each agent's EV (-1: none). */
  readonly evAgent: Int32Array;
  readonly evOf: Int32Array;
  readonly evCapacityWh: Float64Array;
  readonly evChargeMaxWh: Float64Array;
  /** 0 without v2h. */
  readonly evDischargeMaxWh: Float64Array;
  readonly evEtaC: Float64Array;
  readonly evEtaD: Float64Array;
  readonly evMinWh: Float64Array;
  readonly evMaxWh: Float64Array;
  /** Stored energy (0 while away). */
  readonly evStoredWh: Float64Array;
  readonly evTargetWh: Float64Array;
  readonly evHome: Uint8Array;
  /** The current session's departure period (meaningful while at home). */
  readonly evDeparture: Int32Array;
  readonly evRequest: Float64Array;
  readonly evChargeWh: Float64Array;
  readonly evDischargeWh: Float64Array;
  readonly evLossWh: Float64Array;
  readonly evArrivedWh: Float64Array;
  readonly evDepartedWh: Float64Array;
  readonly evUnmetWh: Float64Array;
  /** Sessions of EV e: rows [sessionFirst[e], sessionFirst[e + 1]), sorted by arrival. */
  readonly sessionFirst: Int32Array;
  readonly sessionArrival: Int32Array;
  readonly sessionDeparture: Int32Array;
  readonly sessionNeededWh: Float64Array;
  readonly #nextSession: Int32Array;

  /** Agents with a device, ascending. */
  readonly deviceAgents: Int32Array;
  /**
   * Limit prices a policy sets for the period (p/kWh; NaN: the agent's own draw): used when the
   * agent ends up buying (buyLimit) or selling (sellLimit). Reset at each period's start.
   */
  readonly buyLimit: Float64Array;
  readonly sellLimit: Float64Array;
  #period = -1;

  constructor(parts: FleetParts) {
    const { agents, periodMs } = parts;
    this.agents = agents;
    this.periodMs = periodMs;
    const nb = parts.batteries.length;
    const f = (n: number) => new Float64Array(n);
    this.batteryAgent = new Int32Array(nb);
    this.batteryOf = new Int32Array(agents).fill(-1);
    this.batteryCapacityWh = f(nb);
    this.batteryChargeMaxWh = f(nb);
    this.batteryDischargeMaxWh = f(nb);
    this.batteryEtaC = f(nb);
    this.batteryEtaD = f(nb);
    this.batteryMinWh = f(nb);
    this.batteryMaxWh = f(nb);
    this.batteryDegradation = f(nb);
    this.batteryStoredWh = f(nb);
    this.batteryRequest = f(nb);
    this.batteryChargeWh = f(nb);
    this.batteryDischargeWh = f(nb);
    this.batteryLossWh = f(nb);
    parts.batteries.forEach(({ agent, spec }, b) => {
      if (this.batteryOf[agent] !== -1) throw new RangeError(`devices: agent ${agent} has two batteries`);
      this.batteryAgent[b] = agent;
      this.batteryOf[agent] = b;
      const cap = spec.capacityKwh * 1000;
      this.batteryCapacityWh[b] = cap;
      this.batteryChargeMaxWh[b] = whPerPeriod(spec.chargeKw, periodMs);
      this.batteryDischargeMaxWh[b] = whPerPeriod(spec.dischargeKw, periodMs);
      this.batteryEtaC[b] = spec.chargeEfficiency;
      this.batteryEtaD[b] = spec.dischargeEfficiency;
      this.batteryMinWh[b] = spec.socMin * cap;
      this.batteryMaxWh[b] = spec.socMax * cap;
      this.batteryDegradation[b] = spec.degradationPPerKwh;
      this.batteryStoredWh[b] = spec.initialSoc * cap;
    });
    const ne = parts.evs.length;
    this.evAgent = new Int32Array(ne);
    this.evOf = new Int32Array(agents).fill(-1);
    this.evCapacityWh = f(ne);
    this.evChargeMaxWh = f(ne);
    this.evDischargeMaxWh = f(ne);
    this.evEtaC = f(ne);
    this.evEtaD = f(ne);
    this.evMinWh = f(ne);
    this.evMaxWh = f(ne);
    this.evStoredWh = f(ne);
    this.evTargetWh = f(ne);
    this.evHome = new Uint8Array(ne);
    this.evDeparture = new Int32Array(ne);
    this.evRequest = f(ne);
    this.evChargeWh = f(ne);
    this.evDischargeWh = f(ne);
    this.evLossWh = f(ne);
    this.evArrivedWh = f(ne);
    this.evDepartedWh = f(ne);
    this.evUnmetWh = f(ne);
    this.sessionFirst = new Int32Array(ne + 1);
    const sessions = parts.evs.reduce((n, ev) => n + ev.sessions.length, 0);
    this.sessionArrival = new Int32Array(sessions);
    this.sessionDeparture = new Int32Array(sessions);
    this.sessionNeededWh = f(sessions);
    this.#nextSession = new Int32Array(ne);
    let k = 0;
    parts.evs.forEach(({ agent, spec, sessions: list }, e) => {
      if (this.evOf[agent] !== -1) throw new RangeError(`devices: agent ${agent} has two EVs`);
      this.evAgent[e] = agent;
      this.evOf[agent] = e;
      const cap = spec.capacityKwh * 1000;
      this.evCapacityWh[e] = cap;
      this.evChargeMaxWh[e] = whPerPeriod(spec.chargerKw, periodMs);
      this.evDischargeMaxWh[e] = spec.v2h ? whPerPeriod(spec.v2hKw, periodMs) : 0;
      this.evEtaC[e] = spec.chargeEfficiency;
      this.evEtaD[e] = spec.dischargeEfficiency;
      this.evMinWh[e] = spec.socMin * cap;
      this.evMaxWh[e] = spec.socMax * cap;
      this.sessionFirst[e] = k;
      this.#nextSession[e] = k;
      let lastDeparture = -Infinity;
      for (const s of list) {
        if (!(s.departure > s.arrival && s.arrival >= lastDeparture && s.neededWh >= 0))
          throw new RangeError(
            `devices: EV of agent ${agent}: sessions must be ordered, non-overlapping, with departure after arrival and energy >= 0`,
          );
        lastDeparture = s.departure;
        this.sessionArrival[k] = s.arrival;
        this.sessionDeparture[k] = s.departure;
        this.sessionNeededWh[k] = s.neededWh;
        k++;
      }
    });
    this.sessionFirst[ne] = k;
    const has = new Uint8Array(agents);
    for (const a of this.batteryAgent) has[a] = 1;
    for (const a of this.evAgent) has[a] = 1;
    const list: number[] = [];
    for (let a = 0; a < agents; a++) if (has[a] === 1) list.push(a);
    this.deviceAgents = Int32Array.from(list);
    this.buyLimit = new Float64Array(agents).fill(Number.NaN);
    this.sellLimit = new Float64Array(agents).fill(Number.NaN);
  }

  get batteries(): number {
    return this.batteryAgent.length;
  }

  get evs(): number {
    return this.evAgent.length;
  }

  /** The period the fleet last began. */
  get period(): number {
    return this.#period;
  }

  /**
   * Starts period t: EVs whose session ends leave (with their energy; a shortfall is unmet), EVs
   * whose session starts arrive; requests, results and limit prices are cleared.
   */
  beginPeriod(t: number): void {
    this.#period = t;
    this.batteryRequest.fill(0);
    this.batteryChargeWh.fill(0);
    this.batteryDischargeWh.fill(0);
    this.batteryLossWh.fill(0);
    this.evRequest.fill(0);
    this.evChargeWh.fill(0);
    this.evDischargeWh.fill(0);
    this.evLossWh.fill(0);
    this.evArrivedWh.fill(0);
    this.evDepartedWh.fill(0);
    this.evUnmetWh.fill(0);
    const agents = this.deviceAgents;
    for (let i = 0; i < agents.length; i++) {
      const a = agents[i]!;
      this.buyLimit[a] = Number.NaN;
      this.sellLimit[a] = Number.NaN;
    }
    const ne = this.evAgent.length;
    for (let e = 0; e < ne; e++) {
      if (this.evHome[e] === 1 && t >= this.evDeparture[e]!) {
        const stored = this.evStoredWh[e]!;
        this.evDepartedWh[e] = stored;
        this.evUnmetWh[e] = Math.max(0, this.evTargetWh[e]! - stored);
        this.evStoredWh[e] = 0;
        this.evHome[e] = 0;
      }
      if (this.evHome[e] === 1) continue;
      let k = this.#nextSession[e]!;
      const end = this.sessionFirst[e + 1]!;
      while (k < end && this.sessionDeparture[k]! <= t) k++;
      if (k < end && this.sessionArrival[k]! <= t) {
        const min = this.evMinWh[e]!;
        const max = this.evMaxWh[e]!;
        const stored = Math.max(min, max - this.sessionNeededWh[k]!);
        this.evStoredWh[e] = stored;
        this.evTargetWh[e] = Math.min(max, stored + this.sessionNeededWh[k]!);
        this.evArrivedWh[e] = stored;
        this.evDeparture[e] = this.sessionDeparture[k]!;
        this.evHome[e] = 1;
        k++;
      }
      this.#nextSession[e] = k;
    }
  }

  /** The grid-side Wh battery b can charge this period (>= 0, whole Wh). */
  batteryChargeRoom(b: number): number {
    const room = (this.batteryMaxWh[b]! - this.batteryStoredWh[b]!) / this.batteryEtaC[b]!;
    return Math.max(0, Math.min(this.batteryChargeMaxWh[b]!, Math.floor(room)));
  }

  /** The grid-side Wh battery b can discharge this period (>= 0, whole Wh). */
  batteryDischargeRoom(b: number): number {
    const room = (this.batteryStoredWh[b]! - this.batteryMinWh[b]!) * this.batteryEtaD[b]!;
    return Math.max(0, Math.min(this.batteryDischargeMaxWh[b]!, Math.floor(room)));
  }

  /** The grid-side Wh EV e can charge this period (0 while away). */
  evChargeRoom(e: number): number {
    if (this.evHome[e] !== 1) return 0;
    const room = (this.evMaxWh[e]! - this.evStoredWh[e]!) / this.evEtaC[e]!;
    return Math.max(0, Math.min(this.evChargeMaxWh[e]!, Math.floor(room)));
  }

  /** The grid-side Wh EV e can discharge this period down to `floorWh` stored (0 while away or without v2h). */
  evDischargeRoom(e: number, floorWh = this.evMinWh[e]!): number {
    if (this.evHome[e] !== 1) return 0;
    const floor = Math.max(floorWh, this.evMinWh[e]!);
    const room = (this.evStoredWh[e]! - floor) * this.evEtaD[e]!;
    return Math.max(0, Math.min(this.evDischargeMaxWh[e]!, Math.floor(room)));
  }

  /** Stored Wh EV e still needs to reach its target (0 while away). */
  evNeedWh(e: number): number {
    return this.evHome[e] === 1 ? Math.max(0, this.evTargetWh[e]! - this.evStoredWh[e]!) : 0;
  }

  /** Periods EV e has left at home, this one included (0 while away). */
  evPeriodsLeft(e: number, t: number): number {
    return this.evHome[e] === 1 ? Math.max(0, this.evDeparture[e]! - t) : 0;
  }

  /**
   * Grid-side Wh EV e must charge this period so that charging at full power in the periods left
   * after it still reaches the target (0 while away).
   */
  evMustChargeWh(e: number, t: number): number {
    const need = this.evNeedWh(e);
    if (need <= 0) return 0;
    const later = (this.evPeriodsLeft(e, t) - 1) * this.evChargeMaxWh[e]! * this.evEtaC[e]!;
    return Math.max(0, Math.ceil((need - later) / this.evEtaC[e]!));
  }

  /** The lowest stored Wh from which EV e can still reach its target by charging at full power. */
  evFloorWh(e: number, t: number): number {
    const later = (this.evPeriodsLeft(e, t) - 1) * this.evChargeMaxWh[e]! * this.evEtaC[e]!;
    return Math.max(this.evMinWh[e]!, this.evTargetWh[e]! - Math.max(0, later));
  }

  /** `request` (grid-side Wh) cut to what battery b can do: whole Wh within its power and SoC bounds. */
  clampBattery(b: number, request: number): number {
    if (request > 0) return Math.min(Math.floor(request), this.batteryChargeRoom(b));
    if (request < 0) return -Math.min(Math.floor(-request), this.batteryDischargeRoom(b));
    return 0;
  }

  /** `request` cut to what EV e can do. */
  clampEv(e: number, request: number): number {
    if (request > 0) return Math.min(Math.floor(request), this.evChargeRoom(e));
    if (request < 0) return -Math.min(Math.floor(-request), this.evDischargeRoom(e));
    return 0;
  }

  /**
   * Applies the period's requests: each is clamped, the stored energy moves, and every device
   * agent's `forecast` and `actual` net energy (Wh) take its devices' discharge minus charge.
   * `limitOut[a]` (agent-indexed) becomes the agent's buy or sell limit by the side its forecast
   * now falls on (NaN: its own draw).
   */
  apply(forecast: Float64Array, actual: Float64Array, limitOut: Float64Array): void {
    const nb = this.batteryAgent.length;
    for (let b = 0; b < nb; b++) {
      const g = this.clampBattery(b, this.batteryRequest[b]!);
      if (g === 0) continue;
      const a = this.batteryAgent[b]!;
      let stored = this.batteryStoredWh[b]!;
      if (g > 0) {
        const gain = g * this.batteryEtaC[b]!;
        stored = Math.min(this.batteryMaxWh[b]!, stored + gain);
        this.batteryChargeWh[b] = g;
        this.batteryLossWh[b] = g - gain;
      } else {
        const d = -g;
        const drawn = d / this.batteryEtaD[b]!;
        stored = Math.max(this.batteryMinWh[b]!, stored - drawn);
        this.batteryDischargeWh[b] = d;
        this.batteryLossWh[b] = drawn - d;
      }
      this.batteryStoredWh[b] = stored;
      forecast[a]! -= g;
      actual[a]! -= g;
    }
    const ne = this.evAgent.length;
    for (let e = 0; e < ne; e++) {
      const g = this.clampEv(e, this.evRequest[e]!);
      if (g === 0) continue;
      const a = this.evAgent[e]!;
      let stored = this.evStoredWh[e]!;
      if (g > 0) {
        const gain = g * this.evEtaC[e]!;
        stored = Math.min(this.evMaxWh[e]!, stored + gain);
        this.evChargeWh[e] = g;
        this.evLossWh[e] = g - gain;
      } else {
        const d = -g;
        const drawn = d / this.evEtaD[e]!;
        stored = Math.max(this.evMinWh[e]!, stored - drawn);
        this.evDischargeWh[e] = d;
        this.evLossWh[e] = drawn - d;
      }
      this.evStoredWh[e] = stored;
      forecast[a]! -= g;
      actual[a]! -= g;
    }
    const agents = this.deviceAgents;
    for (let i = 0; i < agents.length; i++) {
      const a = agents[i]!;
      const n = forecast[a]!;
      limitOut[a] = n < 0 ? this.buyLimit[a]! : n > 0 ? this.sellLimit[a]! : Number.NaN;
    }
  }
}
