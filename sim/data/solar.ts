// Solar geometry: where the sun is, seen from a site, at an instant.
//
// Assumptions and units:
// - Time in UTC ms; angles in degrees at the interface, radians inside. Latitude north positive,
//   longitude east positive.
// - Declination and equation of time from the Astronomical Almanac's low-precision solar
//   coordinates (mean longitude and anomaly linear in days since J2000.0, ecliptic longitude with
//   two equation-of-centre terms, obliquity of the ecliptic): about 0.01 deg in declination and a
//   few seconds in the equation of time for 1950-2050. (Spencer's 1971 day-of-year series is
//   simpler but drifts by up to ~0.4 deg near the equinoxes in some years.)
// - UTC stands in for terrestrial time (they differ by about a minute; irrelevant here).
// - No atmospheric refraction: the sun counts as up when its geometric elevation is above 0.
// - The sun's direction is returned as a unit vector in local (east, north, up) coordinates,
//   which makes the angle of incidence on any plane a dot product.
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "./time.js";

const DEG = Math.PI / 180;
/** 2000-01-01T12:00:00Z in UTC ms. */
const J2000_MS = 946_728_000_000;

export interface SolarCoordinates {
  declinationRad: number;
  /** Apparent minus mean solar time (minutes). */
  equationOfTimeMin: number;
}

/** Declination and equation of time at an instant. */
export function solarCoordinates(utcMs: number): SolarCoordinates {
  const n = (utcMs - J2000_MS) / MS_PER_DAY;
  const meanLongitude = 280.46 + 0.9856474 * n;
  const g = (357.528 + 0.9856003 * n) * DEG;
  const lambda = (meanLongitude + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * DEG;
  const epsilon = (23.439 - 0.0000004 * n) * DEG;
  const rightAscension = Math.atan2(Math.cos(epsilon) * Math.sin(lambda), Math.cos(lambda)) / DEG;
  let diff = meanLongitude - rightAscension;
  diff -= 360 * Math.round(diff / 360);
  return {
    declinationRad: Math.asin(Math.sin(epsilon) * Math.sin(lambda)),
    equationOfTimeMin: 4 * diff,
  };
}

export interface SunPosition {
  /** Components of the unit vector towards the sun in local east, north, up coordinates. */
  east: number;
  north: number;
  /** = cos(zenith) = sin(elevation). */
  up: number;
  declinationRad: number;
  /** Hour angle (radians): 0 at solar noon, negative in the morning. */
  hourAngleRad: number;
}

/** Position of the sun seen from (latDeg, lonDeg) at `utcMs`. */
export function sunPosition(utcMs: number, latDeg: number, lonDeg: number): SunPosition {
  const { declinationRad: decl, equationOfTimeMin } = solarCoordinates(utcMs);
  const minutesOfDay = (utcMs - Math.floor(utcMs / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE;
  const trueSolarMinutes = minutesOfDay + 4 * lonDeg + equationOfTimeMin;
  const hourAngle = (trueSolarMinutes / 4 - 180) * DEG;
  const lat = latDeg * DEG;
  const cosDecl = Math.cos(decl);
  return {
    east: -cosDecl * Math.sin(hourAngle),
    north: Math.cos(lat) * Math.sin(decl) - Math.sin(lat) * cosDecl * Math.cos(hourAngle),
    up: Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * cosDecl * Math.cos(hourAngle),
    declinationRad: decl,
    hourAngleRad: hourAngle,
  };
}

/** Solar zenith angle (degrees) at `utcMs`. */
export function solarZenithDeg(utcMs: number, latDeg: number, lonDeg: number): number {
  const { up } = sunPosition(utcMs, latDeg, lonDeg);
  return Math.acos(Math.max(-1, Math.min(1, up))) / DEG;
}

/**
 * Instant of solar noon (UTC ms) on the UTC day containing `utcMs`, at longitude `lonDeg`:
 * 12:00 - 4 min per degree east - equation of time (two fixed-point steps, as the equation of
 * time is evaluated at noon itself).
 */
export function solarNoon(utcMs: number, lonDeg: number): number {
  const dayStart = Math.floor(utcMs / MS_PER_DAY) * MS_PER_DAY;
  let noon = dayStart + 12 * MS_PER_HOUR;
  for (let i = 0; i < 2; i++) {
    noon = dayStart + (720 - 4 * lonDeg - solarCoordinates(noon).equationOfTimeMin) * MS_PER_MINUTE;
  }
  return Math.round(noon);
}
