// EV charging sessions: drawn from named seeded streams, or read from a CSV of sessions.
//
// Assumptions and units (local clock hours, periods, Wh stored in the vehicle):
// - Synthetic: one home session a day per vehicle, from the evening before each day of the profile
//   through its last day. The vehicle arrives at Normal(arrivalHourMean, arrivalHourSd) on day d
//   and leaves at Normal(departureHourMean, departureHourSd) on day d + 1 (hours of the profile's
//   local clock), needing a log-normal energy (median energyKwhMedian, coefficient of variation
//   energyCv) capped at its usable capacity (socMax - socMin). It plugs in at the first period
//   starting at or after its arrival and leaves at the start of the period containing its
//   departure; a session shorter than one period is dropped. Draws come from the stream
//   `agent/<name>/ev` of each vehicle's home, in day order, so adding an agent never changes
//   another's sessions. The distributions' sources are in docs/storage.md.
// - CSV: header household,arrival,departure,energy_kwh; timestamps ISO-8601 with offset, mapped
//   to periods as above; a household's sessions must not overlap. Every household listed has an
//   EV, whatever the configured share.
import type { RandomStream, Streams } from "../kernel/index.js";
import { csvRecords, parseIsoTime, ProfileError, type Profile } from "../data/index.js";
import type { EvSession, SyntheticSessions } from "./spec.js";

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Hours of the profile's local clock at which period 0 starts (0 <= h < 24). */
function startHour(profile: Profile): number {
  const local = profile.startMs + profile.utcOffsetMin * 60_000;
  return (((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HOUR;
}

/** The period a vehicle arriving at `ms` (from period 0's start) plugs in: the first starting at or after it. */
const arrivalPeriod = (ms: number, periodMs: number) => Math.ceil(ms / periodMs - 1e-9);
/** The period a vehicle leaving at `ms` leaves at the start of: the one containing it. */
const departurePeriod = (ms: number, periodMs: number) => Math.floor(ms / periodMs + 1e-9);

/** One vehicle's synthetic sessions over the profile (clipped to its periods). */
export function syntheticSessions(
  agent: number,
  profile: Profile,
  spec: SyntheticSessions,
  usableWh: number,
  stream: RandomStream,
): EvSession[] {
  const out: EvSession[] = [];
  const h0 = startHour(profile);
  const days = Math.ceil((profile.periods * profile.periodMs) / MS_PER_DAY);
  const { mu, sigma } = lognormalParams(spec.energyKwhMedian * 1000, spec.energyCv);
  let last = 0;
  for (let d = -1; d < days; d++) {
    const arrive = spec.arrivalHourMean + spec.arrivalHourSd * stream.normal();
    const leave = 24 + spec.departureHourMean + spec.departureHourSd * stream.normal();
    const needed = Math.min(usableWh, Math.round(stream.lognormal(mu, sigma)));
    const arrival = Math.max(last, arrivalPeriod((d * 24 + arrive - h0) * MS_PER_HOUR, profile.periodMs));
    const departure = Math.min(
      profile.periods + 1,
      departurePeriod((d * 24 + leave - h0) * MS_PER_HOUR, profile.periodMs),
    );
    if (departure <= arrival || departure <= 0 || arrival >= profile.periods) continue;
    out.push({ agent, arrival: Math.max(arrival, 0), departure, neededWh: needed });
    last = departure;
  }
  return out;
}

/** Log-normal (mu, sigma) of a distribution with this median and coefficient of variation. */
function lognormalParams(median: number, cv: number): { mu: number; sigma: number } {
  return { mu: Math.log(median), sigma: Math.sqrt(Math.log(1 + cv * cv)) };
}

/** Draws the sessions of the EVs of `agents` (dense ids), each from its home's stream. */
export function drawSessions(
  agents: readonly { agent: number; usableWh: number }[],
  profile: Profile,
  spec: SyntheticSessions,
  streams: Streams,
): EvSession[][] {
  return agents.map(({ agent, usableWh }) =>
    syntheticSessions(
      agent,
      profile,
      spec,
      usableWh,
      streams.fresh(`agent/${profile.agents[agent]!.name}/ev`),
    ),
  );
}

export const SESSION_COLUMNS = ["household", "arrival", "departure", "energy_kwh"] as const;

/**
 * Parses a CSV of sessions (SESSION_COLUMNS) for `profile`'s households. A bad row throws a
 * ProfileError naming the source, line and field. Sessions outside the profile's periods are dropped.
 */
export function parseSessionsCsv(text: string, source: string, profile: Profile): EvSession[] {
  const records = csvRecords(text, source);
  const header = records[0];
  if (header === undefined) throw new ProfileError(source, undefined, "no header line");
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const col = SESSION_COLUMNS.map((c) => names.indexOf(c));
  SESSION_COLUMNS.forEach((c, i) => {
    if (col[i]! < 0)
      throw new ProfileError(
        source,
        header.line,
        `header: missing column '${c}' (expected ${SESSION_COLUMNS.join(",")})`,
      );
  });
  const byName = new Map(profile.agents.map((a) => [a.name, a.id]));
  const out: EvSession[] = [];
  const lastEnd = new Map<number, { ms: number; line: number }>();
  for (const record of records.slice(1)) {
    const { line, fields } = record;
    const field = (i: number) => fields[col[i]!];
    const fail = (name: string, message: string): never => {
      throw new ProfileError(source, line, `${name}: ${message}`);
    };
    if (fields.length !== names.length) fail("row", `expected ${names.length} fields, got ${fields.length}`);
    const household = (field(0) ?? "").trim();
    const agent = byName.get(household);
    if (agent === undefined) fail("household", `unknown household '${household}'`);
    const time = (i: number, name: string): number => {
      try {
        return parseIsoTime((field(i) ?? "").trim()).utcMs;
      } catch (error) {
        return fail(name, (error as Error).message);
      }
    };
    const arrive = time(1, "arrival");
    const leave = time(2, "departure");
    if (!(leave > arrive)) fail("departure", `expected a time after the arrival, got '${field(2)}'`);
    const energyText = (field(3) ?? "").trim();
    const energy = /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(energyText) ? Number(energyText) : NaN;
    if (!(energy >= 0 && Number.isFinite(energy)))
      fail("energy_kwh", `expected a non-negative number of kWh, got '${field(3)}'`);
    const previous = lastEnd.get(agent!);
    if (previous !== undefined && arrive < previous.ms)
      fail(
        "arrival",
        `overlaps the household's session on line ${previous.line} (sessions must be in time order)`,
      );
    lastEnd.set(agent!, { ms: leave, line });
    const arrival = Math.max(0, arrivalPeriod(arrive - profile.startMs, profile.periodMs));
    const departure = Math.min(
      profile.periods + 1,
      departurePeriod(leave - profile.startMs, profile.periodMs),
    );
    if (departure <= arrival || arrival >= profile.periods || departure <= 0) continue;
    out.push({ agent: agent!, arrival, departure, neededWh: Math.round(energy * 1000) });
  }
  return out;
}
