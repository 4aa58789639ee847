// Clear-sky irradiance on a tilted PV plane.
//
// Assumptions and units:
// - Irradiance in W/m^2. Clear sky from the ASHRAE model (Threlkeld and Jordan, as tabulated in
//   the ASHRAE Handbook for the 21st of each month): beam normal DNI = A exp(-B / cos Z), diffuse
//   horizontal DHI = C DNI. A, B, C are interpolated linearly in the day of the year between the
//   tabulated days (circularly across the new year), so there are no monthly steps.
// - Plane of array by the isotropic-sky (Liu-Jordan) model: POA = DNI max(0, cos theta)
//   + DHI (1 + cos beta) / 2 + GHI rho (1 - cos beta) / 2, with theta the angle of incidence,
//   beta the tilt and rho the ground albedo.
// - Panel azimuth is measured clockwise from north (180 = facing south).
// - A period's irradiance is the mean over `subSamples` equally spaced instants at the midpoints
//   of equal slices of the period, so sunrise and sunset fall partly inside a period.
import { sunPosition } from "./solar.js";
import { civilFromDays, daysFromCivil, MS_PER_DAY } from "./time.js";

export interface Site {
  latitudeDeg: number;
  longitudeDeg: number;
}

export interface PvArray {
  tiltDeg: number;
  /** Clockwise from north: 90 east, 180 south, 270 west. */
  azimuthDeg: number;
  /** Ground albedo for the reflected component (0-1). */
  albedo: number;
}

/** ASHRAE clear-sky coefficients for the 21st of each month: A (W/m^2), B (-), C (-). */
export const ASHRAE_CLEAR_SKY: readonly { month: number; a: number; b: number; c: number }[] = [
  { month: 1, a: 1230, b: 0.142, c: 0.058 },
  { month: 2, a: 1215, b: 0.144, c: 0.06 },
  { month: 3, a: 1186, b: 0.156, c: 0.071 },
  { month: 4, a: 1136, b: 0.18, c: 0.097 },
  { month: 5, a: 1104, b: 0.196, c: 0.121 },
  { month: 6, a: 1088, b: 0.205, c: 0.134 },
  { month: 7, a: 1085, b: 0.207, c: 0.136 },
  { month: 8, a: 1107, b: 0.201, c: 0.122 },
  { month: 9, a: 1151, b: 0.177, c: 0.092 },
  { month: 10, a: 1192, b: 0.16, c: 0.073 },
  { month: 11, a: 1221, b: 0.149, c: 0.063 },
  { month: 12, a: 1233, b: 0.142, c: 0.057 },
];

// Day of a (non-leap) year of each month's 21st, and the year length used for interpolation.
const TABLE_DOY = [21, 52, 80, 111, 141, 172, 202, 233, 264, 294, 325, 355];
const YEAR = 365;

/** ASHRAE coefficients interpolated at a (fractional) day of the year 1-366. */
export function ashraeCoefficients(dayOfYear: number): { a: number; b: number; c: number } {
  let i = TABLE_DOY.length - 1;
  while (i >= 0 && TABLE_DOY[i]! > dayOfYear) i--;
  // Before 21 Jan the bracket is (21 Dec of the previous year, 21 Jan); after 21 Dec it is
  // (21 Dec, 21 Jan of the next year).
  const lo = i < 0 ? 11 : i;
  const hi = (lo + 1) % 12;
  const d0 = TABLE_DOY[lo]! - (i < 0 ? YEAR : 0);
  const d1 = TABLE_DOY[hi]! + (hi === 0 && i >= 0 ? YEAR : 0);
  const f = (dayOfYear - d0) / (d1 - d0);
  const p = ASHRAE_CLEAR_SKY[lo]!;
  const q = ASHRAE_CLEAR_SKY[hi]!;
  return { a: p.a + f * (q.a - p.a), b: p.b + f * (q.b - p.b), c: p.c + f * (q.c - p.c) };
}

function dayOfYearOf(utcMs: number): number {
  const days = Math.floor(utcMs / MS_PER_DAY);
  const [year] = civilFromDays(days);
  return days - daysFromCivil(year, 1, 1) + 1 + (utcMs - days * MS_PER_DAY) / MS_PER_DAY;
}

/** Clear-sky plane-of-array irradiance (W/m^2) at an instant; 0 when the sun is down. */
export function clearSkyPoa(utcMs: number, site: Site, array: PvArray): number {
  const sun = sunPosition(utcMs, site.latitudeDeg, site.longitudeDeg);
  if (sun.up <= 0) return 0;
  const { a, b, c } = ashraeCoefficients(dayOfYearOf(utcMs));
  const dni = a * Math.exp(-b / sun.up);
  const dhi = c * dni;
  const ghi = dni * sun.up + dhi;
  const tilt = (array.tiltDeg * Math.PI) / 180;
  const azimuth = (array.azimuthDeg * Math.PI) / 180;
  const cosIncidence =
    sun.east * Math.sin(tilt) * Math.sin(azimuth) +
    sun.north * Math.sin(tilt) * Math.cos(azimuth) +
    sun.up * Math.cos(tilt);
  const cosTilt = Math.cos(tilt);
  return (
    dni * Math.max(0, cosIncidence) + (dhi * (1 + cosTilt)) / 2 + (ghi * array.albedo * (1 - cosTilt)) / 2
  );
}

/** Mean clear-sky POA irradiance (W/m^2) of each of `periods` periods starting at `startMs`. */
export function clearSkyPoaSeries(
  startMs: number,
  periods: number,
  periodMs: number,
  subSamples: number,
  site: Site,
  array: PvArray,
): Float64Array {
  const out = new Float64Array(periods);
  const slice = periodMs / subSamples;
  for (let t = 0; t < periods; t++) {
    let sum = 0;
    for (let k = 0; k < subSamples; k++)
      sum += clearSkyPoa(startMs + t * periodMs + (k + 0.5) * slice, site, array);
    out[t] = sum / subSamples;
  }
  return out;
}
