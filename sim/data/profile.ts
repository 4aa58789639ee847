// The profile: PV production and household consumption per agent and period.
//
// Assumptions and units:
// - Energies are integer Wh per period, stored in Int32Array (at most MAX_WH_PER_PERIOD, about
//   2.1 GWh per agent and period): a million agents over a week then take 2.7 GB instead of the
//   5.4 GB of Float64Array. Sums are taken in doubles, exact up to 2^53 Wh. PV is gross
//   generation, load is gross consumption (not net of PV).
// - Layout is agent-major: value of agent a in period t is at [a * periods + t].
// - Net production = pv - load (Wh): positive means the agent has energy to sell (a seller in
//   the market), negative that it needs energy (a buyer). The paper's delta(M_i), the net
//   consumption, is its negation.
// - Period p covers [startMs + p * periodMs, startMs + (p + 1) * periodMs) in UTC ms; the offset
//   only says which local clock the data was written in (labels, day boundaries).
import { ProfileError } from "./errors.js";

/** The largest energy one agent can produce or consume in one period (Wh): the Int32 range. */
export const MAX_WH_PER_PERIOD = 0x7fffffff;

/**
 * Copies one agent's integer-Wh series `values` into `out` from `at`, each value moved `shift`
 * periods later (circularly). Returns the index in `values` of the first value outside
 * [0, MAX_WH_PER_PERIOD] (it and later ones are not copied), or -1 when all fit.
 */
export function storeWh(values: Float64Array, out: Int32Array, at: number, shift = 0): number {
  const n = values.length;
  for (let t = 0, dst = shift; t < n; t++, dst++) {
    const v = values[t]!;
    if (!(v >= 0 && v <= MAX_WH_PER_PERIOD)) return t;
    if (dst === n) dst = 0;
    out[at + dst] = v;
  }
  return -1;
}

export interface AgentInfo {
  /** Dense index of the agent in the profile (0 .. agents.length - 1). */
  id: number;
  /** Household name (CSV) or `<microgrid>/<index>` (generator). */
  name: string;
  microgrid: string;
  /** Index of `microgrid` in Profile.microgrids. */
  microgridIndex: number;
  /** Installed PV capacity (kWp); null when the data does not say. */
  pvKwp: number | null;
  /** Annual consumption (kWh): the generator's target, or for measured data the profile's load extrapolated to 365 days. */
  annualKwh: number;
}

export interface Profile {
  /** Period length (ms); divides a day. */
  periodMs: number;
  /** Start of period 0 as local ISO-8601 with offset (a label). */
  startIso: string;
  /** Start of period 0 (UTC ms). */
  startMs: number;
  /** UTC offset of the local clock the profile was defined in (minutes east of UTC). */
  utcOffsetMin: number;
  periods: number;
  /** Agents, grouped by microgrid in the order of `microgrids`. */
  agents: AgentInfo[];
  microgrids: string[];
  /** PV production, Wh, agent-major: pv[a * periods + t]. */
  pv: Int32Array;
  /** Consumption, Wh, agent-major: load[a * periods + t]. */
  load: Int32Array;
  /** Where the profile came from: "synthetic" or the CSV source name. */
  source: string;
}

/** Net production of agent `a` in period `t` (Wh): pv - load. */
export function net(profile: Profile, a: number, t: number): number {
  const i = a * profile.periods + t;
  return (profile.pv[i] ?? 0) - (profile.load[i] ?? 0);
}

/** The microgrid name of agent `a`. */
export function microgridOf(profile: Profile, a: number): string {
  const agent = profile.agents[a];
  if (agent === undefined)
    throw new RangeError(`microgridOf: no agent ${a} (profile has ${profile.agents.length})`);
  return agent.microgrid;
}

/** Agent ids of each microgrid, indexed like Profile.microgrids. */
export function agentsByMicrogrid(profile: Profile): Int32Array[] {
  const counts = new Array<number>(profile.microgrids.length).fill(0);
  for (const agent of profile.agents) counts[agent.microgridIndex] = (counts[agent.microgridIndex] ?? 0) + 1;
  const lists = counts.map((n) => new Int32Array(n));
  const fill = new Array<number>(profile.microgrids.length).fill(0);
  for (const agent of profile.agents) {
    const m = agent.microgridIndex;
    const list = lists[m];
    if (list !== undefined) list[fill[m]!++] = agent.id;
  }
  return lists;
}

/**
 * Net production per microgrid and period (Wh), microgrid-major: out[m * periods + t] =
 * sum over the agents of microgrid m of (pv - load). This is the quantity of the paper's Fig. 9.
 */
export function microgridNetProduction(profile: Profile): Float64Array {
  const { periods } = profile;
  const out = new Float64Array(profile.microgrids.length * periods);
  for (const agent of profile.agents) {
    const row = agent.id * periods;
    const dst = agent.microgridIndex * periods;
    for (let t = 0; t < periods; t++) out[dst + t]! += profile.pv[row + t]! - profile.load[row + t]!;
  }
  return out;
}

/** Net production of the whole system per period (Wh): sum over all agents of (pv - load). */
export function systemNetProduction(profile: Profile): Float64Array {
  const { periods } = profile;
  const out = new Float64Array(periods);
  for (let a = 0; a < profile.agents.length; a++) {
    const row = a * periods;
    for (let t = 0; t < periods; t++) out[t]! += profile.pv[row + t]! - profile.load[row + t]!;
  }
  return out;
}

/** Share of periods (0-1) in which total consumption exceeds total production over the given net series. */
export function shareOfDeficitPeriods(netSeries: Float64Array): number {
  let deficit = 0;
  for (const v of netSeries) if (v < 0) deficit++;
  return netSeries.length === 0 ? 0 : deficit / netSeries.length;
}

export interface MicrogridTotals {
  microgrid: string;
  agents: number;
  pvWh: number;
  loadWh: number;
}

/** Total PV and load (Wh) of each microgrid over the whole profile. */
export function microgridTotals(profile: Profile): MicrogridTotals[] {
  const totals = profile.microgrids.map((microgrid) => ({ microgrid, agents: 0, pvWh: 0, loadWh: 0 }));
  for (const agent of profile.agents) {
    const total = totals[agent.microgridIndex]!;
    total.agents++;
    const row = agent.id * profile.periods;
    for (let t = 0; t < profile.periods; t++) {
      total.pvWh += profile.pv[row + t]!;
      total.loadWh += profile.load[row + t]!;
    }
  }
  return totals;
}

/**
 * Checks the invariants every profile must satisfy (array lengths, dense ids, microgrid indices,
 * non-negative integer Wh) and throws a ProfileError naming the first violation.
 */
export function assertProfile(profile: Profile): void {
  const fail = (message: string): never => {
    throw new ProfileError(profile.source, undefined, message);
  };
  const { periods, agents } = profile;
  if (!Number.isSafeInteger(periods) || periods < 0)
    fail(`periods must be a non-negative integer, got ${periods}`);
  if (profile.pv.length !== agents.length * periods)
    fail(`pv has ${profile.pv.length} values, expected ${agents.length * periods}`);
  if (profile.load.length !== agents.length * periods) {
    fail(`load has ${profile.load.length} values, expected ${agents.length * periods}`);
  }
  agents.forEach((agent, a) => {
    if (agent.id !== a) fail(`agent at index ${a} has id ${agent.id}`);
    if (profile.microgrids[agent.microgridIndex] !== agent.microgrid) {
      fail(
        `agent ${agent.name}: microgridIndex ${agent.microgridIndex} does not name microgrid ${agent.microgrid}`,
      );
    }
  });
  for (const [name, series] of [["pv", profile.pv] as const, ["load", profile.load] as const]) {
    for (let i = 0; i < series.length; i++) {
      const v = series[i]!;
      if (!(v >= 0) || !Number.isInteger(v)) {
        const agent = agents[Math.floor(i / periods)];
        fail(
          `${name} of ${agent?.name ?? "?"} in period ${i % periods} is ${v}, expected a non-negative integer Wh`,
        );
      }
    }
  }
}
