// Validation of a generator configuration, so that a bad number fails loudly with its path
// instead of silently producing a strange profile.
//
// Assumptions: errors are ProfileErrors with source "profile config" and no line; the message
// names the field (as a dotted path) and what was expected.
import type { DailyShape, ProfileConfig, Range } from "./config.js";
import { ProfileError } from "./errors.js";
import { dividesDay, MS_PER_HOUR, MS_PER_MINUTE, parseIsoTime } from "./time.js";

const SOURCE = "profile config";

function fail(path: string, expected: string, got: unknown): never {
  throw new ProfileError(SOURCE, undefined, `${path}: expected ${expected}, got ${JSON.stringify(got)}`);
}

function checkNumber(path: string, v: number, min: number, max: number, expected?: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
    fail(path, expected ?? `a number in [${min}, ${max}]`, v);
  }
}

function checkInteger(path: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) fail(path, `an integer >= ${min}`, v);
}

function checkRange(path: string, r: Range, max: number): void {
  const [lo, hi] = typeof r === "number" ? [r, r] : r;
  checkNumber(`${path}[0]`, lo, 0, max);
  checkNumber(`${path}[1]`, hi, lo, max, `a number in [min, ${max}]`);
}

function checkShape(path: string, shape: DailyShape): void {
  checkNumber(`${path}.baseline`, shape.baseline, 0, Infinity, "a non-negative number");
  let total = shape.baseline;
  shape.bumps.forEach((b, i) => {
    checkNumber(`${path}.bumps[${i}].hour`, b.hour, 0, 24);
    checkNumber(`${path}.bumps[${i}].widthHours`, b.widthHours, 1 / 60, 12);
    checkNumber(`${path}.bumps[${i}].height`, b.height, 0, Infinity, "a non-negative number");
    total += b.height;
  });
  if (!(total > 0)) fail(path, "a shape with positive consumption somewhere", shape);
}

function checkTime(config: ProfileConfig): void {
  let start;
  try {
    start = parseIsoTime(config.start);
  } catch (e) {
    // parseIsoTime already says what it expected and what it got.
    throw new ProfileError(SOURCE, undefined, `start: ${(e as Error).message}`);
  }
  if (start.utcMs % MS_PER_MINUTE !== 0) fail("start", "a whole minute", config.start);
  checkInteger("days", config.days, 1);
  if (!dividesDay(config.periodMs) || config.periodMs % MS_PER_MINUTE !== 0) {
    fail("periodMs", "a whole number of minutes that divides a day (e.g. 1800000)", config.periodMs);
  }
  checkInteger("subSamples", config.subSamples, 1);
}

function checkPhysics(config: ProfileConfig): void {
  checkNumber("site.latitudeDeg", config.site.latitudeDeg, -90, 90);
  checkNumber("site.longitudeDeg", config.site.longitudeDeg, -180, 180);
  checkNumber("array.tiltDeg", config.array.tiltDeg, 0, 90);
  checkNumber("array.azimuthDeg", config.array.azimuthDeg, 0, 360);
  checkNumber("array.albedo", config.array.albedo, 0, 1);
  checkNumber("array.performanceRatio", config.array.performanceRatio, 0, 1);
  const c = config.cloud;
  if (c.scope !== "region" && c.scope !== "microgrid")
    fail("cloud.scope", '"region" or "microgrid"', c.scope);
  checkNumber("cloud.dayMin", c.dayMin, 0, 1);
  checkNumber("cloud.dayMax", c.dayMax, c.dayMin, 1, "a number in [dayMin, 1]");
  checkNumber("cloud.dayMean", c.dayMean, 0, 1);
  checkNumber("cloud.daySd", c.daySd, 0, Infinity, "a non-negative number");
  checkNumber("cloud.intradaySd", c.intradaySd, 0, Infinity, "a non-negative number");
  checkNumber("cloud.correlationMs", c.correlationMs, 1, Infinity, "a positive number of ms");
  checkNumber("cloud.agentNoiseSd", c.agentNoiseSd, 0, 1);
  const l = config.load;
  checkShape("load.weekday", l.weekday);
  checkShape("load.weekend", l.weekend);
  checkNumber("load.weekendEnergyRatio", l.weekendEnergyRatio, 0, 10);
  checkNumber("load.seasonalAmplitude", l.seasonalAmplitude, 0, 0.99);
  checkNumber("load.seasonalPeakDayOfYear", l.seasonalPeakDayOfYear, 1, 366);
  checkNumber("load.dayToDayCv", l.dayToDayCv, 0, 10);
  checkNumber("load.noiseSd", l.noiseSd, 0, 5);
  checkNumber("load.noiseCorrelationMs", l.noiseCorrelationMs, 1, Infinity, "a positive number of ms");
  if (!Number.isSafeInteger(l.peakShiftMaxMin) || l.peakShiftMaxMin < 0 || l.peakShiftMaxMin > 720) {
    fail("load.peakShiftMaxMin", "an integer number of minutes in [0, 720]", l.peakShiftMaxMin);
  }
}

function checkMicrogrids(config: ProfileConfig): void {
  const names = new Set<string>();
  config.microgrids.forEach((mg, m) => {
    const path = `microgrids[${m}]`;
    if (typeof mg.name !== "string" || mg.name === "" || mg.name.includes("/")) {
      fail(`${path}.name`, "a non-empty name without '/'", mg.name);
    }
    if (names.has(mg.name)) fail(`${path}.name`, "a name not used by another microgrid", mg.name);
    names.add(mg.name);
    checkRange(`${path}.pvKwp`, mg.pvKwp, 1e6);
    checkRange(`${path}.annualKwh`, mg.annualKwh, 1e9);
    if (mg.shiftHours !== undefined) checkShift(`${path}.shiftHours`, mg.shiftHours, config.periodMs);
    if (typeof mg.agents === "number") {
      checkInteger(`${path}.agents`, mg.agents, 0);
      return;
    }
    mg.agents.forEach((a, i) => {
      checkNumber(`${path}.agents[${i}].pvKwp`, a.pvKwp, 0, 1e6);
      checkNumber(`${path}.agents[${i}].annualKwh`, a.annualKwh, 0, 1e9);
    });
  });
  for (const [name, hours] of Object.entries(config.shiftHoursByMicrogrid)) {
    if (!names.has(name)) fail(`shiftHoursByMicrogrid.${name}`, "the name of a configured microgrid", name);
    checkShift(`shiftHoursByMicrogrid.${name}`, hours, config.periodMs);
  }
}

function checkShift(field: string, hours: number, periodMs: number): void {
  const ms = hours * MS_PER_HOUR;
  if (!Number.isSafeInteger(ms) || ms % periodMs !== 0) {
    fail(field, `a whole number of ${periodMs / MS_PER_MINUTE}-min periods (hours)`, hours);
  }
}

/** Throws a ProfileError naming the first field of `config` that is out of range. */
export function validateProfileConfig(config: ProfileConfig): void {
  checkTime(config);
  checkPhysics(config);
  checkMicrogrids(config);
}
