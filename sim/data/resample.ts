// Resampling of integer-Wh energy series between interval lengths, exactly.
//
// Assumptions and units:
// - A series holds the energy (Wh, non-negative integers) of consecutive intervals of
//   `sourceMs` milliseconds; the result holds intervals of `targetMs`.
// - Longer source intervals are split evenly (see splitEvenly: integer parts differing by at most
//   1 Wh, remainder to the later sub-intervals); shorter ones are summed in consecutive blocks.
//   One length must be a whole multiple of the other, and when summing, the series must hold a
//   whole number of blocks: anything else would invent or drop energy, so it is refused.
// - Totals are preserved exactly in both directions (integer arithmetic on values < 2^53).
import { splitEvenly } from "./rounding.js";

/** Why two interval lengths cannot be resampled into each other, or undefined when they can. */
export function resampleProblem(
  sourceMs: number,
  targetMs: number,
  sourceLength: number,
): string | undefined {
  if (!Number.isSafeInteger(sourceMs) || sourceMs <= 0)
    return `source interval ${sourceMs} ms is not a positive integer`;
  if (!Number.isSafeInteger(targetMs) || targetMs <= 0)
    return `period ${targetMs} ms is not a positive integer`;
  if (sourceMs >= targetMs) {
    return sourceMs % targetMs === 0
      ? undefined
      : `source interval ${sourceMs / 60_000} min is not a whole multiple of the ${targetMs / 60_000}-min period`;
  }
  if (targetMs % sourceMs !== 0) {
    return `the ${targetMs / 60_000}-min period is not a whole multiple of the ${sourceMs / 60_000}-min source interval`;
  }
  const block = targetMs / sourceMs;
  return sourceLength % block === 0
    ? undefined
    : `${sourceLength} source intervals of ${sourceMs / 60_000} min do not make whole ${targetMs / 60_000}-min periods`;
}

/** Number of target intervals a source series of `sourceLength` intervals resamples to. */
export function resampledLength(sourceLength: number, sourceMs: number, targetMs: number): number {
  return sourceMs >= targetMs ? sourceLength * (sourceMs / targetMs) : sourceLength / (targetMs / sourceMs);
}

/**
 * Resamples `source[from .. from + length)` (integer Wh per `sourceMs`) into `out` starting at `at`
 * (integer Wh per `targetMs`). Throws a RangeError when the lengths do not divide.
 */
export function resampleInto(
  source: Float64Array,
  from: number,
  length: number,
  sourceMs: number,
  targetMs: number,
  out: Float64Array,
  at: number,
): void {
  const problem = resampleProblem(sourceMs, targetMs, length);
  if (problem !== undefined) throw new RangeError(problem);
  if (sourceMs >= targetMs) {
    const parts = sourceMs / targetMs;
    for (let i = 0; i < length; i++) splitEvenly(source[from + i] ?? 0, parts, out, at + i * parts);
    return;
  }
  const block = targetMs / sourceMs;
  for (let j = 0; j < length / block; j++) {
    let sum = 0;
    for (let k = 0; k < block; k++) sum += source[from + j * block + k] ?? 0;
    out[at + j] = sum;
  }
}

/** Resamples a whole integer-Wh series; see resampleInto. */
export function resampleWh(source: Float64Array, sourceMs: number, targetMs: number): Float64Array {
  const problem = resampleProblem(sourceMs, targetMs, source.length);
  if (problem !== undefined) throw new RangeError(problem);
  const out = new Float64Array(resampledLength(source.length, sourceMs, targetMs));
  resampleInto(source, 0, source.length, sourceMs, targetMs, out, 0);
  return out;
}
