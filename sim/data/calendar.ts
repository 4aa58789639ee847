// The generator's time axis: for each period, its local minute of the day and its local day,
// and for each local day, the share of a year's consumption it should carry.
//
// Assumptions and units: times in UTC ms; the local clock is UTC + the start's offset (fixed: a
// profile never crosses a clock change, so pick the offset in force during the profile). A
// day's share of annual energy is seasonal(doy) * weekWeight / 365, where weekWeight makes a
// week of five weekdays and two weekend days average exactly 1 and seasonal(doy) averages 1
// over a year, so a year of generated load totals the agent's annual kWh in expectation.
import type { LoadModel } from "./config.js";
import { civilFromDays, daysFromCivil, MS_PER_DAY, MS_PER_MINUTE, weekdayOfDays } from "./time.js";

export interface TimeAxis {
  periods: number;
  periodsPerDay: number;
  periodMinutes: number;
  /** Local minute of the day (0-1439) at which each period starts. */
  localMinute: Int32Array;
  /** Local day of each period, counted from the first period's local day. */
  dayOfPeriod: Int32Array;
  /** Per local day: 1 for Saturday or Sunday, else 0. */
  weekend: Uint8Array;
  /** Per local day: the fraction of the annual consumption expected on that day. */
  dayShare: Float64Array;
}

export function timeAxis(
  startMs: number,
  offsetMin: number,
  periods: number,
  periodMs: number,
  load: LoadModel,
): TimeAxis {
  const localStart = startMs + offsetMin * MS_PER_MINUTE;
  const firstDay = Math.floor(localStart / MS_PER_DAY);
  const localMinute = new Int32Array(periods);
  const dayOfPeriod = new Int32Array(periods);
  for (let t = 0; t < periods; t++) {
    const local = localStart + t * periodMs;
    const day = Math.floor(local / MS_PER_DAY);
    dayOfPeriod[t] = day - firstDay;
    localMinute[t] = (local - day * MS_PER_DAY) / MS_PER_MINUTE;
  }
  const days = periods === 0 ? 0 : dayOfPeriod[periods - 1]! + 1;
  const weekend = new Uint8Array(days);
  const dayShare = new Float64Array(days);
  const weekdayWeight = 7 / (5 + 2 * load.weekendEnergyRatio);
  for (let d = 0; d < days; d++) {
    const weekday = weekdayOfDays(firstDay + d);
    weekend[d] = weekday === 0 || weekday === 6 ? 1 : 0;
    const [year] = civilFromDays(firstDay + d);
    const doy = firstDay + d - daysFromCivil(year, 1, 1) + 1;
    const seasonal =
      1 + load.seasonalAmplitude * Math.cos((2 * Math.PI * (doy - load.seasonalPeakDayOfYear)) / 365);
    const weight = weekend[d] === 1 ? weekdayWeight * load.weekendEnergyRatio : weekdayWeight;
    dayShare[d] = (seasonal * weight) / 365;
  }
  return {
    periods,
    periodsPerDay: MS_PER_DAY / periodMs,
    periodMinutes: periodMs / MS_PER_MINUTE,
    localMinute,
    dayOfPeriod,
    weekend,
    dayShare,
  };
}
