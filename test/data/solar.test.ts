import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ashraeCoefficients,
  clearSkyPoa,
  clearSkyPoaSeries,
  DEFAULT_PV_ARRAY,
  DEFAULT_SITE,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  parseIsoTime,
  solarCoordinates,
  solarNoon,
  solarZenithDeg,
} from "../../sim/data/index.js";

const at = (iso: string): number => parseIsoTime(iso).utcMs;
const declDeg = (iso: string): number => (solarCoordinates(at(iso)).declinationRad * 180) / Math.PI;
const near = (actual: number, expected: number, tol: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} not within ${tol} of ${expected}`);

test("declination is about +23.44 deg at the June solstice and -23.44 deg at the December solstice", () => {
  near(declDeg("2022-06-21T09:14Z"), 23.436, 0.02, "June");
  near(declDeg("2022-12-21T21:48Z"), -23.436, 0.02, "December");
});

test("declination is about 0 at the equinoxes", () => {
  near(declDeg("2022-03-20T15:33Z"), 0, 0.02, "March");
  near(declDeg("2022-09-23T01:04Z"), 0, 0.02, "September");
});

test("the equation of time is about +16.4 min in early November and -14.2 min in mid-February", () => {
  near(solarCoordinates(at("2022-11-03T12:00Z")).equationOfTimeMin, 16.4, 0.2, "3 Nov");
  near(solarCoordinates(at("2022-02-11T12:00Z")).equationOfTimeMin, -14.2, 0.2, "11 Feb");
});

test("solar noon in Bristol on 2022-06-06 is about 12:08:45 UTC (13:08 BST)", () => {
  const noon = solarNoon(at("2022-06-06T00:00Z"), DEFAULT_SITE.longitudeDeg);
  near((noon - at("2022-06-06T12:08:45Z")) / MS_PER_MINUTE, 0, 1, "minutes from 12:08:45");
});

test("the zenith at solar noon on the June solstice is latitude minus declination", () => {
  const noon = solarNoon(at("2022-06-21T00:00Z"), DEFAULT_SITE.longitudeDeg);
  near(
    solarZenithDeg(noon, DEFAULT_SITE.latitudeDeg, DEFAULT_SITE.longitudeDeg),
    51.45 - 23.44,
    0.2,
    "zenith",
  );
});

test("there is no irradiance at night", () => {
  for (const iso of ["2022-06-06T00:00Z", "2022-06-06T02:30Z", "2022-06-06T22:00Z", "2022-12-21T17:00Z"]) {
    assert.equal(clearSkyPoa(at(iso), DEFAULT_SITE, DEFAULT_PV_ARRAY), 0, iso);
  }
});

test("clear-sky irradiance on a south-facing 35 deg roof at June noon is near 1 kW/m^2", () => {
  const noon = solarNoon(at("2022-06-06T00:00Z"), DEFAULT_SITE.longitudeDeg);
  const g = clearSkyPoa(noon, DEFAULT_SITE, DEFAULT_PV_ARRAY);
  assert.ok(g > 850 && g < 1050, `${g} W/m^2`);
});

test("clear-sky irradiance peaks in the half-hour containing solar noon", () => {
  const day = at("2022-06-06T00:00Z");
  const series = clearSkyPoaSeries(day, 48, 30 * MS_PER_MINUTE, 6, DEFAULT_SITE, DEFAULT_PV_ARRAY);
  const peak = series.indexOf(Math.max(...series));
  assert.equal(peak, Math.floor((solarNoon(day, DEFAULT_SITE.longitudeDeg) - day) / (30 * MS_PER_MINUTE)));
});

test("an east-facing array gets more in the morning and less in the afternoon than a west-facing one", () => {
  const east = { ...DEFAULT_PV_ARRAY, azimuthDeg: 90 };
  const west = { ...DEFAULT_PV_ARRAY, azimuthDeg: 270 };
  const morning = at("2022-06-06T08:00Z");
  const afternoon = at("2022-06-06T16:00Z");
  assert.ok(clearSkyPoa(morning, DEFAULT_SITE, east) > clearSkyPoa(morning, DEFAULT_SITE, west));
  assert.ok(clearSkyPoa(afternoon, DEFAULT_SITE, east) < clearSkyPoa(afternoon, DEFAULT_SITE, west));
});

test("ASHRAE coefficients hit the table on the 21st and join up across the new year", () => {
  assert.deepEqual(ashraeCoefficients(172), { a: 1088, b: 0.205, c: 0.134 });
  const dec31 = ashraeCoefficients(365.99);
  const jan1 = ashraeCoefficients(1);
  near(dec31.a, jan1.a, 0.1, "A");
  near(dec31.b, jan1.b, 1e-4, "B");
  const mid = ashraeCoefficients(6); // halfway between 21 Dec (-10) and 21 Jan (21) ... 16/31 of the way
  near(mid.a, 1233 + ((1230 - 1233) * 16) / 31, 1e-9, "A on 6 Jan");
});

test("a period's clear-sky mean covers its sub-samples: the sunrise half-hour is between 0 and the next", () => {
  const day = at("2022-06-06T00:00Z");
  const series = clearSkyPoaSeries(day, 48, 30 * MS_PER_MINUTE, 6, DEFAULT_SITE, DEFAULT_PV_ARRAY);
  const first = series.findIndex((g) => g > 0);
  assert.ok(first > 0 && first * 30 * MS_PER_MINUTE < 5 * MS_PER_HOUR, `sunrise period ${first}`);
  assert.ok(series[first]! < series[first + 1]!);
});
