// Calendar arithmetic and strict ISO-8601 timestamps, without the Date object.
//
// Assumptions and units:
// - Time is an integer number of milliseconds since 1970-01-01T00:00:00Z (UTC), proleptic
//   Gregorian calendar, no leap seconds. UTC offsets are whole minutes.
// - Only the extended ISO-8601 form with an explicit offset is accepted
//   (YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)): a timestamp without an offset is ambiguous
//   around daylight-saving changes, and the profile loaders must reject ambiguity.
// - Day/civil conversions use H. Hinnant's days-from-civil algorithm (exact integer arithmetic).

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** A parsed timestamp: the instant in UTC ms and the offset it was written with (minutes east of UTC). */
export interface IsoTime {
  utcMs: number;
  offsetMin: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0, so that the leap day ends the year
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date [year, month 1-12, day 1-31] of a day count since 1970-01-01. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day of the week of a day count since 1970-01-01: 0 = Sunday ... 6 = Saturday. */
export function weekdayOfDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a strict ISO-8601 timestamp with offset. Throws a RangeError whose message says what was
 * expected; callers that know the line wrap it into a ProfileError.
 */
export function parseIsoTime(text: string): IsoTime {
  const m = ISO_RE.exec(text);
  if (m === null) {
    throw new RangeError(
      `expected an ISO-8601 timestamp with offset like 2022-06-06T00:00:00+01:00, got '${text}'`,
    );
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const milli = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0"));
  if (month < 1 || month > 12) throw new RangeError(`month ${month} out of range 1-12 in '${text}'`);
  if (day < 1 || day > daysInMonth(year, month))
    throw new RangeError(`day ${day} does not exist in '${text}'`);
  if (hour > 23 || minute > 59 || second > 59) throw new RangeError(`time of day out of range in '${text}'`);
  const offsetMin = parseOffset(m[8] ?? "Z", text);
  const localMs =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * 1000 +
    milli;
  return { utcMs: localMs - offsetMin * MS_PER_MINUTE, offsetMin };
}

function parseOffset(text: string, whole: string): number {
  if (text === "Z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  if (hours > 18 || minutes > 59) throw new RangeError(`UTC offset ${text} out of range in '${whole}'`);
  return sign * (hours * 60 + minutes);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Formats an offset in minutes as Z or +HH:MM / -HH:MM. */
export function formatOffset(offsetMin: number): string {
  if (offsetMin === 0) return "Z";
  const abs = Math.abs(offsetMin);
  return `${offsetMin < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Formats an instant as local ISO-8601 with the given offset (milliseconds only when non-zero). */
export function formatIsoTime(utcMs: number, offsetMin: number): string {
  const local = utcMs + offsetMin * MS_PER_MINUTE;
  const days = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - days * MS_PER_DAY;
  const [y, mo, d] = civilFromDays(days);
  const h = Math.floor(msOfDay / MS_PER_HOUR);
  const mi = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((msOfDay % MS_PER_MINUTE) / 1000);
  const ms = msOfDay % 1000;
  const frac = ms === 0 ? "" : `.${pad(ms, 3)}`;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac}${formatOffset(offsetMin)}`;
}

/** Whether `periodMs` is a positive integer number of ms that divides a day evenly. */
export function dividesDay(periodMs: number): boolean {
  return Number.isSafeInteger(periodMs) && periodMs > 0 && MS_PER_DAY % periodMs === 0;
}
