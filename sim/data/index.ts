// Profiles layer: per-agent PV production and consumption in integer Wh per period.
export { ProfileError } from "./errors.js";
export {
  agentsByMicrogrid,
  assertProfile,
  MAX_WH_PER_PERIOD,
  microgridNetProduction,
  microgridOf,
  microgridTotals,
  net,
  shareOfDeficitPeriods,
  storeWh,
  systemNetProduction,
  type AgentInfo,
  type MicrogridTotals,
  type Profile,
} from "./profile.js";
export {
  DEFAULT_ANNUAL_KWH,
  DEFAULT_CLOUD_MODEL,
  DEFAULT_DAYS,
  DEFAULT_LOAD_MODEL,
  DEFAULT_PERIOD_MS,
  DEFAULT_PV_ARRAY,
  DEFAULT_PV_KWP,
  DEFAULT_SITE,
  DEFAULT_START,
  DEFAULT_SUB_SAMPLES,
  makeProfileConfig,
  paperMicrogrids,
  paperProfileConfig,
  uniformMicrogrids,
  type AgentSpec,
  type CloudModel,
  type DailyShape,
  type LoadBump,
  type LoadModel,
  type MicrogridSpec,
  type ProfileConfig,
  type ProfileConfigInput,
  type Range,
} from "./config.js";
export { validateProfileConfig } from "./config-check.js";
export { generateProfile, type GenerateOptions, type StreamFactory } from "./generate.js";
export { SHIFT_SERIES, shiftProfile, type ProfileShift, type ShiftSeries } from "./shift.js";
export {
  ASHRAE_CLEAR_SKY,
  ashraeCoefficients,
  clearSkyPoa,
  clearSkyPoaSeries,
  type PvArray,
  type Site,
} from "./clearsky.js";
export {
  solarCoordinates,
  solarNoon,
  solarZenithDeg,
  sunPosition,
  type SolarCoordinates,
  type SunPosition,
} from "./solar.js";
export { cloudIndexSeries } from "./cloud.js";
export { minuteShares, shareOf, sharePrefix } from "./load-shape.js";
export { GaussianSource } from "./gaussian.js";
export { roundCumulativeInPlace, splitEvenly } from "./rounding.js";
export { resampleInto, resampleProblem, resampledLength, resampleWh } from "./resample.js";
export {
  CSV_COLUMNS,
  loadProfileCsv,
  MAX_HOUSEHOLD_KW,
  type CsvProfileOptions,
  type MissingPolicy,
} from "./csv.js";
export { parseHouseholds, type HouseholdMapping } from "./households.js";
export {
  civilFromDays,
  daysFromCivil,
  dividesDay,
  formatIsoTime,
  formatOffset,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  parseIsoTime,
  weekdayOfDays,
  type IsoTime,
} from "./time.js";
export { csvRecords, type CsvRecord } from "./csv-records.js";
