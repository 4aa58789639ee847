// A time shift of some microgrids' series, for any profile (generated or measured).
//
// Assumptions and units: hours, positive = later, a whole number of the profile's periods. The
// shift is circular over the profile: what is pushed past the last period reappears at the start.
// Each member agent's series is rotated as a whole, so totals and values are unchanged, only
// their times. The paper gives MG3 different surplus hours this way (its generation 12 h later).
import { ProfileError } from "./errors.js";
import type { Profile } from "./profile.js";
import { MS_PER_HOUR, MS_PER_MINUTE } from "./time.js";

/** Which series of the named microgrids move: generation, consumption or both. */
export type ShiftSeries = "pv" | "load" | "both";

export const SHIFT_SERIES: readonly ShiftSeries[] = ["pv", "load", "both"];

export interface ProfileShift {
  /** Shift per microgrid name (hours, positive = later; a whole number of periods). */
  hoursByMicrogrid: Readonly<Record<string, number>>;
  /** Default "pv" (the paper's generation shift). */
  series?: ShiftSeries;
  /** How messages name `hoursByMicrogrid` (e.g. "profiles.shiftHours" for a config file). */
  field?: string;
}

/** Periods to rotate by, in [0, periods); throws a ProfileError naming the field otherwise. */
function shiftPeriods(profile: Profile, field: string, hours: number): number {
  const ms = hours * MS_PER_HOUR;
  if (!Number.isSafeInteger(ms) || ms % profile.periodMs !== 0) {
    throw new ProfileError(
      "profile shift",
      undefined,
      `${field}: expected a whole number of ${profile.periodMs / MS_PER_MINUTE}-min periods (hours), got ${hours}`,
    );
  }
  const k = (ms / profile.periodMs) % profile.periods;
  return k < 0 ? k + profile.periods : k;
}

/** Writes the rows of `agents` of `series` into `out`, each value moved k periods later (circularly). */
function rotateRows(series: Int32Array, out: Int32Array, periods: number, agents: number[], k: number) {
  for (const a of agents) {
    const row = a * periods;
    out.set(series.subarray(row, row + periods - k), row + k);
    out.set(series.subarray(row + periods - k, row + periods), row);
  }
}

/**
 * `profile` with the named microgrids' series (`series`, default "pv") rotated circularly by
 * their hours; everything else is unchanged. Pure: the input is not modified, and a series no
 * shift touches is shared with it (when nothing moves, `profile` itself is returned).
 * Throws a ProfileError for an unknown microgrid (listing the known ones), hours that are not a
 * whole number of periods, or an unknown series.
 */
export function shiftProfile(profile: Profile, shift: ProfileShift): Profile {
  const field = shift.field ?? "hoursByMicrogrid";
  const series = shift.series ?? "pv";
  if (!SHIFT_SERIES.includes(series)) {
    throw new ProfileError(
      "profile shift",
      undefined,
      `series: expected ${SHIFT_SERIES.map((s) => `"${s}"`).join(", ")}, got ${JSON.stringify(series)}`,
    );
  }
  const moves: { agents: number[]; k: number }[] = [];
  for (const [name, hours] of Object.entries(shift.hoursByMicrogrid)) {
    if (!profile.microgrids.includes(name)) {
      throw new ProfileError(
        "profile shift",
        undefined,
        `${field}.${name}: unknown microgrid (known: ${profile.microgrids.join(", ")})`,
      );
    }
    const k = shiftPeriods(profile, `${field}.${name}`, hours);
    const agents = profile.agents.filter((a) => a.microgrid === name).map((a) => a.id);
    if (k !== 0 && agents.length > 0) moves.push({ agents, k });
  }
  if (moves.length === 0) return profile;
  const rotated = (values: Int32Array): Int32Array => {
    const out = values.slice();
    for (const { agents, k } of moves) rotateRows(values, out, profile.periods, agents, k);
    return out;
  };
  return {
    ...profile,
    pv: series === "load" ? profile.pv : rotated(profile.pv),
    load: series === "pv" ? profile.load : rotated(profile.load),
  };
}
