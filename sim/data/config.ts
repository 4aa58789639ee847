// Configuration of the synthetic profile generator, its documented defaults and presets.
//
// Assumptions and units: capacities in kWp, annual consumption in kWh/year, angles in degrees,
// durations in ms, hours of the day on the local clock given by the start timestamp's offset.
// Every number the generator uses is here, exported, so that an experiment can state and vary it.
import type { PvArray, Site } from "./clearsky.js";

/** A fixed value, or a [min, max] range each agent draws uniformly from. */
export type Range = number | readonly [number, number];

export interface CloudModel {
  /** "region": one sky for all microgrids (neighbours in one town); "microgrid": one sky each. */
  scope: "region" | "microgrid";
  /** Day-level clear-sky index K_d ~ Normal(dayMean, daySd), clipped to [dayMin, dayMax]. */
  dayMean: number;
  daySd: number;
  dayMin: number;
  dayMax: number;
  /** Intra-day deviation: K_d + intradaySd * 4 K_d (1 - K_d) * x_t, x_t a unit AR(1); largest on mixed days. */
  intradaySd: number;
  /** AR(1) correlation time of x_t (ms): phi = exp(-periodMs / correlationMs). */
  correlationMs: number;
  /** Per-agent, per-period multiplicative noise on the shared index: factor 1 + agentNoiseSd * N(0, 1). */
  agentNoiseSd: number;
}

/** A Gaussian bump of the daily consumption shape, centred at `hour` (local clock, 0-24). */
export interface LoadBump {
  hour: number;
  widthHours: number;
  height: number;
}

/** Relative consumption through a day: baseline + sum of bumps (circular over midnight). */
export interface DailyShape {
  baseline: number;
  bumps: readonly LoadBump[];
}

export interface LoadModel {
  weekday: DailyShape;
  weekend: DailyShape;
  /** Energy of a weekend day relative to a weekday (the week's mean day stays at annual / 365). */
  weekendEnergyRatio: number;
  /** Seasonal factor 1 + amplitude cos(2 pi (doy - peakDayOfYear) / 365), mean 1 over a year. */
  seasonalAmplitude: number;
  seasonalPeakDayOfYear: number;
  /** Per-agent, per-day log-normal factor with mean 1 and this coefficient of variation. */
  dayToDayCv: number;
  /** Per-agent, per-period log-normal noise: exp(noiseSd x_t - noiseSd^2 / 2), x_t a unit AR(1) (mean 1). */
  noiseSd: number;
  noiseCorrelationMs: number;
  /** Each agent's daily shape is shifted by a whole number of minutes drawn from [-max, max]. */
  peakShiftMaxMin: number;
}

/** An agent with explicit parameters (overrides the microgrid's ranges). */
export interface AgentSpec {
  name?: string;
  pvKwp: number;
  annualKwh: number;
}

export interface MicrogridSpec {
  name: string;
  /** A count of agents drawing their parameters from the ranges, or explicit agents. */
  agents: number | readonly AgentSpec[];
  pvKwp: Range;
  annualKwh: Range;
  /**
   * Generation shift of this microgrid (hours, positive = later; a whole number of periods),
   * unless ProfileConfig.shiftHoursByMicrogrid names it. The shift wraps over the profile. The
   * generator applies it after rounding, so the result equals the unshifted profile passed through
   * shiftProfile (./shift.ts) with series "pv"; shiftProfile also shifts loads and measured data.
   */
  shiftHours?: number;
}

/** Full generator configuration (see makeProfileConfig for the defaults). */
export interface ProfileConfig {
  /** Start of the first period: ISO-8601 with offset; the offset is the households' local clock. */
  start: string;
  days: number;
  /** Period length (ms): a whole number of minutes that divides a day. */
  periodMs: number;
  /** Instants per period over which clear-sky irradiance is averaged. */
  subSamples: number;
  site: Site;
  array: PvArray & { performanceRatio: number };
  cloud: CloudModel;
  load: LoadModel;
  microgrids: readonly MicrogridSpec[];
  /**
   * Generation shift per microgrid name (hours, positive = later; a whole number of periods).
   * The shift wraps circularly over the profile: what is pushed past the end reappears at the start.
   */
  shiftHoursByMicrogrid: Readonly<Record<string, number>>;
}

/** Monday 6 June 2022, 00:00 British Summer Time: a summer week with no clock change inside. */
export const DEFAULT_START = "2022-06-06T00:00:00+01:00";
export const DEFAULT_DAYS = 7;
/** UK settlement period. */
export const DEFAULT_PERIOD_MS = 30 * 60_000;
/** 5-minute samples in a 30-minute period. */
export const DEFAULT_SUB_SAMPLES = 6;
/** Bristol, UK. */
export const DEFAULT_SITE: Site = { latitudeDeg: 51.45, longitudeDeg: -2.59 };
/** A south-facing roof at 35 degrees, grass-like albedo, 80 % performance ratio (inverter, wiring, heat, soiling). */
export const DEFAULT_PV_ARRAY: ProfileConfig["array"] = {
  tiltDeg: 35,
  azimuthDeg: 180,
  albedo: 0.2,
  performanceRatio: 0.8,
};
/** Calibrated so that a Bristol array yields about 3.9 kWh/kWp/day on average in June (2.5-5 over a week), as UK PV does. */
export const DEFAULT_CLOUD_MODEL: CloudModel = {
  scope: "region",
  dayMean: 0.62,
  daySd: 0.22,
  dayMin: 0.08,
  dayMax: 1,
  intradaySd: 0.25,
  correlationMs: 3_600_000,
  agentNoiseSd: 0.05,
};
/** A UK household: low night base, breakfast peak, larger evening peak; later and flatter at weekends. */
export const DEFAULT_LOAD_MODEL: LoadModel = {
  weekday: {
    baseline: 0.35,
    bumps: [
      { hour: 7.5, widthHours: 1, height: 0.55 },
      { hour: 13, widthHours: 2, height: 0.2 },
      { hour: 18.75, widthHours: 1.75, height: 1 },
    ],
  },
  weekend: {
    baseline: 0.35,
    bumps: [
      { hour: 9.5, widthHours: 1.5, height: 0.6 },
      { hour: 13.5, widthHours: 2.5, height: 0.45 },
      { hour: 18.5, widthHours: 1.75, height: 0.95 },
    ],
  },
  weekendEnergyRatio: 1.1,
  seasonalAmplitude: 0.15,
  seasonalPeakDayOfYear: 15,
  dayToDayCv: 0.15,
  noiseSd: 0.35,
  noiseCorrelationMs: 3_600_000,
  peakShiftMaxMin: 45,
};
export const DEFAULT_PV_KWP: Range = [1.5, 4];
export const DEFAULT_ANNUAL_KWH: Range = [2700, 4500];

/**
 * The paper's setting: three microgrids of five PV agents. MG2 consumes heavily (small arrays,
 * large loads); MG1 and MG3 produce more. Sized so that system-wide demand exceeds supply in
 * most half-hours (as in the paper's Fig. 9) while MG1 and MG3 export around their midday. MG3's
 * generation is shifted by 12 hours (the paper's way of giving microgrids different surplus
 * hours); the shift belongs to the microgrid, so every use of these specs keeps it.
 */
export function paperMicrogrids(agentsPerMicrogrid = 5): MicrogridSpec[] {
  const agents = agentsPerMicrogrid;
  return [
    { name: "MG1", agents, pvKwp: [1.5, 2.5], annualKwh: [3000, 4000] },
    { name: "MG2", agents, pvKwp: [0.5, 1], annualKwh: [4500, 5500] },
    { name: "MG3", agents, pvKwp: [1.5, 2.5], annualKwh: [3000, 4000], shiftHours: 12 },
  ];
}

/** `count` microgrids MG1..MG<count> of `agents` agents each (scale studies). */
export function uniformMicrogrids(
  count: number,
  agents: number,
  pvKwp: Range = DEFAULT_PV_KWP,
  annualKwh: Range = DEFAULT_ANNUAL_KWH,
): MicrogridSpec[] {
  return Array.from({ length: count }, (_, m) => ({ name: `MG${m + 1}`, agents, pvKwp, annualKwh }));
}

/** A configuration where any field may be omitted; nested models may be given in part. */
export interface ProfileConfigInput {
  start?: string;
  days?: number;
  periodMs?: number;
  subSamples?: number;
  site?: Partial<Site>;
  array?: Partial<ProfileConfig["array"]>;
  cloud?: Partial<CloudModel>;
  load?: Partial<LoadModel>;
  microgrids?: readonly MicrogridSpec[];
  shiftHoursByMicrogrid?: Readonly<Record<string, number>>;
}

/**
 * Fills in the defaults: Bristol, the week from Monday 2022-06-06, 30-min periods, the paper's
 * microgrids (with their own shifts); `shiftHoursByMicrogrid` overrides a microgrid's shift.
 */
export function makeProfileConfig(input: ProfileConfigInput = {}): ProfileConfig {
  return {
    start: input.start ?? DEFAULT_START,
    days: input.days ?? DEFAULT_DAYS,
    periodMs: input.periodMs ?? DEFAULT_PERIOD_MS,
    subSamples: input.subSamples ?? DEFAULT_SUB_SAMPLES,
    site: { ...DEFAULT_SITE, ...input.site },
    array: { ...DEFAULT_PV_ARRAY, ...input.array },
    cloud: { ...DEFAULT_CLOUD_MODEL, ...input.cloud },
    load: { ...DEFAULT_LOAD_MODEL, ...input.load },
    microgrids: input.microgrids ?? paperMicrogrids(),
    shiftHoursByMicrogrid: input.shiftHoursByMicrogrid ?? {},
  };
}

/** The paper preset: paperMicrogrids(), whose MG3 generation is shifted by 12 hours. */
export function paperProfileConfig(input: ProfileConfigInput = {}): ProfileConfig {
  return makeProfileConfig({ microgrids: paperMicrogrids(), ...input });
}
