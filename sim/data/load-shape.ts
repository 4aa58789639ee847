// Daily household consumption shapes at one-minute resolution.
//
// Assumptions and units: a shape is relative (dimensionless); minuteShares returns, for each
// minute of the local day, its share of the day's energy (sums to 1). Bumps are Gaussians in the
// hour of the day, wrapped over midnight so that a late-evening bump spills into the night.
// Period shares come from circular prefix sums, so any period of whole minutes costs O(1), and
// an agent's own peak shift is just an offset into the table.
import type { DailyShape } from "./config.js";

export const MINUTES_PER_DAY = 1440;

/** Share of the day's energy in each minute of the local day (1440 values summing to 1). */
export function minuteShares(shape: DailyShape): Float64Array {
  const out = new Float64Array(MINUTES_PER_DAY);
  let total = 0;
  for (let m = 0; m < MINUTES_PER_DAY; m++) {
    const hour = (m + 0.5) / 60;
    let v = shape.baseline;
    for (const bump of shape.bumps) {
      let d = hour - bump.hour;
      d -= 24 * Math.round(d / 24); // circular distance in [-12, 12]
      v += bump.height * Math.exp(-0.5 * (d / bump.widthHours) ** 2);
    }
    out[m] = v;
    total += v;
  }
  for (let m = 0; m < MINUTES_PER_DAY; m++) out[m]! /= total;
  return out;
}

/** Prefix sums of minute shares over two days (2881 values), so circular ranges need no branch. */
export function sharePrefix(shares: Float64Array): Float64Array {
  const out = new Float64Array(2 * MINUTES_PER_DAY + 1);
  for (let m = 0; m < 2 * MINUTES_PER_DAY; m++) out[m + 1] = out[m]! + shares[m % MINUTES_PER_DAY]!;
  return out;
}

/**
 * Share of the day's energy in the `minutes` starting at minute `start` of the day (any integer;
 * taken modulo a day). `minutes` is at most a day.
 */
export function shareOf(prefix: Float64Array, start: number, minutes: number): number {
  const s = ((start % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return prefix[s + minutes]! - prefix[s]!;
}
