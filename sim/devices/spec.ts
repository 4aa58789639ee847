// Device parameters: a home battery and an electric vehicle, as a config or script gives them.
//
// Assumptions and units (kWh, kW, fractions, p/kWh, hours of the local clock):
// - A battery's capacity is its usable energy; socMin and socMax bound the stored energy as
//   fractions of it, and the battery starts at initialSoc. Charge and discharge power limits are
//   on the grid side of the converter (the home's meter), so one period moves at most
//   kW x period hours of grid-side energy each way.
// - Round-trip efficiency is split: grid-side energy in x chargeEfficiency is stored; stored energy
//   out x dischargeEfficiency reaches the grid side. Their product is the round-trip efficiency.
// - degradationPPerKwh prices wear per kWh of grid-side throughput (charge plus discharge). It is
//   reported, and the market-aware policy weighs it, but settlement never charges it.
// - Defaults and their sources are listed in docs/storage.md; every default not traced to a source
//   is labelled there as an assumption.

export interface BatterySpec {
  /** Share of the microgrid's agents that have one (0-1), chosen by a seeded stream. */
  share: number;
  capacityKwh: number;
  chargeKw: number;
  dischargeKw: number;
  chargeEfficiency: number;
  dischargeEfficiency: number;
  socMin: number;
  socMax: number;
  initialSoc: number;
  degradationPPerKwh: number;
}

/** How EV charging sessions are drawn (local clock hours; energy at the vehicle's battery). */
export interface SyntheticSessions {
  source: "synthetic";
  /** Arrival home: Normal(mean, sd) hours of the local clock, one session a day. */
  arrivalHourMean: number;
  arrivalHourSd: number;
  /** Departure the next morning: Normal(mean, sd) hours of the local clock. */
  departureHourMean: number;
  departureHourSd: number;
  /** Energy needed by departure (kWh stored): log-normal with this median and coefficient of variation. */
  energyKwhMedian: number;
  energyCv: number;
}

export interface EvSpec {
  /** Share of the microgrid's agents that have one (0-1); ignored with sessions from a CSV. */
  share: number;
  capacityKwh: number;
  chargerKw: number;
  chargeEfficiency: number;
  dischargeEfficiency: number;
  socMin: number;
  socMax: number;
  /** Vehicle-to-home / vehicle-to-grid: the EV may discharge while at home. */
  v2h: boolean;
  v2hKw: number;
}

export const BATTERY_DEFAULTS: Readonly<BatterySpec> = {
  share: 0.5,
  capacityKwh: 13.5,
  chargeKw: 5,
  dischargeKw: 5,
  chargeEfficiency: 0.95,
  dischargeEfficiency: 0.95,
  socMin: 0.1,
  socMax: 1,
  initialSoc: 0.5,
  degradationPPerKwh: 0,
};

export const EV_DEFAULTS: Readonly<EvSpec> = {
  share: 0.3,
  capacityKwh: 40,
  chargerKw: 7,
  chargeEfficiency: 0.9,
  dischargeEfficiency: 0.9,
  socMin: 0.1,
  socMax: 1,
  v2h: false,
  v2hKw: 7,
};

export const SESSION_DEFAULTS: Readonly<SyntheticSessions> = {
  source: "synthetic",
  arrivalHourMean: 17.5,
  arrivalHourSd: 2.5,
  departureHourMean: 7.5,
  departureHourSd: 1,
  energyKwhMedian: 7.5,
  energyCv: 0.6,
};

/** One EV charging session: plugged in over periods [arrival, departure), needing neededWh stored. */
export interface EvSession {
  /** Dense agent id of the vehicle's home. */
  agent: number;
  arrival: number;
  departure: number;
  neededWh: number;
}

/** The devices of one microgrid (absent: none of that kind). */
export interface MicrogridDevices {
  battery?: BatterySpec;
  ev?: EvSpec;
}

/** Everything the model needs to build the devices of a run. */
export interface DeviceOptions {
  /** A registered device policy's name. */
  policy: string;
  /** Per microgrid name; a microgrid not listed has no devices. */
  microgrids: Readonly<Record<string, MicrogridDevices>>;
  /** How EV sessions are drawn; ignored when `sessions` is given. */
  synthetic?: SyntheticSessions;
  /** Sessions read from data (e.g. parseSessionsCsv): they decide which agents have an EV. */
  sessions?: readonly EvSession[];
}

/** A device parameter out of range: `field` names it within `at`, `detail` says what was expected. */
export class DeviceSpecError extends RangeError {
  readonly at: string;
  readonly field: string;
  readonly detail: string;

  constructor(at: string, field: string, detail: string) {
    super(`${at}.${field}: ${detail}`);
    this.name = "DeviceSpecError";
    this.at = at;
    this.field = field;
    this.detail = detail;
  }
}

function failer(at: string) {
  return (field: string, expected: string, got: unknown): never => {
    throw new DeviceSpecError(at, field, `expected ${expected}, got ${String(got)}`);
  };
}

const fraction = (v: number) => v >= 0 && v <= 1;
const efficiency = (v: number) => v > 0 && v <= 1;
const positive = (v: number) => v > 0 && Number.isFinite(v);

/** Checks a battery's parameters; throws a RangeError naming the field (`at` its path). */
export function checkBattery(b: BatterySpec, at: string): void {
  const fail = failer(at);
  if (!fraction(b.share)) fail("share", "a fraction in [0, 1]", b.share);
  if (!positive(b.capacityKwh)) fail("capacityKwh", "a positive number of kWh", b.capacityKwh);
  if (!positive(b.chargeKw)) fail("chargeKw", "a positive number of kW", b.chargeKw);
  if (!positive(b.dischargeKw)) fail("dischargeKw", "a positive number of kW", b.dischargeKw);
  if (!efficiency(b.chargeEfficiency)) fail("chargeEfficiency", "a fraction in (0, 1]", b.chargeEfficiency);
  if (!efficiency(b.dischargeEfficiency))
    fail("dischargeEfficiency", "a fraction in (0, 1]", b.dischargeEfficiency);
  if (!fraction(b.socMin)) fail("socMin", "a fraction in [0, 1]", b.socMin);
  if (!(fraction(b.socMax) && b.socMax > b.socMin))
    fail("socMax", `a fraction above socMin (${b.socMin})`, b.socMax);
  if (!(b.initialSoc >= b.socMin && b.initialSoc <= b.socMax))
    fail("initialSoc", `a fraction in [socMin, socMax] = [${b.socMin}, ${b.socMax}]`, b.initialSoc);
  if (!(b.degradationPPerKwh >= 0 && Number.isFinite(b.degradationPPerKwh)))
    fail("degradationPPerKwh", "a number >= 0 (p/kWh)", b.degradationPPerKwh);
}

/** Checks an EV's parameters; throws a RangeError naming the field. */
export function checkEv(e: EvSpec, at: string): void {
  const fail = failer(at);
  if (!fraction(e.share)) fail("share", "a fraction in [0, 1]", e.share);
  if (!positive(e.capacityKwh)) fail("capacityKwh", "a positive number of kWh", e.capacityKwh);
  if (!positive(e.chargerKw)) fail("chargerKw", "a positive number of kW", e.chargerKw);
  if (!positive(e.v2hKw)) fail("v2hKw", "a positive number of kW", e.v2hKw);
  if (!efficiency(e.chargeEfficiency)) fail("chargeEfficiency", "a fraction in (0, 1]", e.chargeEfficiency);
  if (!efficiency(e.dischargeEfficiency))
    fail("dischargeEfficiency", "a fraction in (0, 1]", e.dischargeEfficiency);
  if (!fraction(e.socMin)) fail("socMin", "a fraction in [0, 1]", e.socMin);
  if (!(fraction(e.socMax) && e.socMax > e.socMin))
    fail("socMax", `a fraction above socMin (${e.socMin})`, e.socMax);
}

/** Checks the synthetic session distribution; throws a RangeError naming the field. */
export function checkSessions(s: SyntheticSessions, at: string): void {
  const fail = failer(at);
  const hour = (v: number) => v >= 0 && v < 24;
  const sd = (v: number) => v >= 0 && v <= 12;
  if (!hour(s.arrivalHourMean)) fail("arrivalHourMean", "an hour in [0, 24)", s.arrivalHourMean);
  if (!sd(s.arrivalHourSd)) fail("arrivalHourSd", "hours in [0, 12]", s.arrivalHourSd);
  if (!hour(s.departureHourMean)) fail("departureHourMean", "an hour in [0, 24)", s.departureHourMean);
  if (!sd(s.departureHourSd)) fail("departureHourSd", "hours in [0, 12]", s.departureHourSd);
  if (!positive(s.energyKwhMedian)) fail("energyKwhMedian", "a positive number of kWh", s.energyKwhMedian);
  if (!(s.energyCv >= 0 && s.energyCv <= 5)) fail("energyCv", "a number in [0, 5]", s.energyCv);
}
