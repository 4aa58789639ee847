// Stochastic cloudiness: the clear-sky index (actual / clear-sky irradiance) per period.
//
// Assumptions and units (dimensionless index in [0, 1]):
// - Each day d draws a day-level index K_d ~ Normal(dayMean, daySd) clipped to [dayMin, dayMax]
//   (sunny, mixed and overcast days); within the day the index wanders around K_d as
//   k_t = clip(K_d + intradaySd * 4 K_d (1 - K_d) * x_t, 0, 1), with x_t a unit-variance AR(1)
//   with phi = exp(-periodMs / correlationMs): passing clouds matter most on mixed days and
//   little on clear or fully overcast ones.
// - x_t carries over midnight (its value at night is irrelevant) and starts from its stationary
//   distribution. Cloud enhancement above clear sky is ignored (index clipped to 1).
// - Days are counted from the profile start in whole days of periods; the draw order is: for
//   each day, K_d then that day's innovations. The stream is owned by the caller.
import type { RandomStream } from "../kernel/index.js";
import type { CloudModel } from "./config.js";

export function cloudIndexSeries(
  stream: RandomStream,
  model: CloudModel,
  periods: number,
  periodsPerDay: number,
  periodMs: number,
): Float64Array {
  const out = new Float64Array(periods);
  const phi = Math.exp(-periodMs / model.correlationMs);
  const innovation = Math.sqrt(1 - phi * phi);
  let x = stream.normal();
  let dayIndex = 0;
  let amplitude = 0;
  for (let t = 0; t < periods; t++) {
    if (t % periodsPerDay === 0) {
      dayIndex = Math.min(model.dayMax, Math.max(model.dayMin, stream.normal(model.dayMean, model.daySd)));
      amplitude = model.intradaySd * 4 * dayIndex * (1 - dayIndex);
    }
    x = phi * x + innovation * stream.normal();
    out[t] = Math.min(1, Math.max(0, dayIndex + amplitude * x));
  }
  return out;
}
