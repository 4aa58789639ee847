// One agent's PV and load series, written straight into the profile's arrays.
//
// Assumptions and units (Wh per period; each series is rounded to integer Wh by cumulative
// rounding, in generation order):
// - PV = kWp * clearWhPerKwp[t] * min(1, max(0, cloud[t] * (1 + agentNoiseSd z))). The shared
//   curves belong to the microgrid; only the small noise is the agent's. Noise is drawn only in
//   periods where the unshifted clear sky is positive, so night periods cost nothing.
// - Series are computed and rounded in a Float64Array work buffer of one value per period; the
//   caller stores them in the profile (and applies a microgrid's generation shift there, after
//   rounding, so a shifted series is exactly the unshifted one rotated).
// - Load = annualWh * dayShare[d] * dayFactor[d] * share of the day's shape in the period
//   (the agent's shape shifted by its own minutes) * exp(noiseSd x_t - noiseSd^2 / 2), x_t a
//   unit AR(1): each factor has mean 1, so the expected total follows the annual figure.
// - Stream use (fixed order, so that values depend only on the agent's own streams):
//   cloud stream: kWp draw, then one normal per daylight period (none when agentNoiseSd = 0);
//   load stream: annual-kWh draw, peak-shift draw (none when peakShiftMaxMin = 0), one
//   log-normal per local day, then x_0 and
//   one normal per period. Parameter draws are made even when explicit values override them.
//   Per-period normals come from GaussianSource (polar method) for speed.
import type { RandomStream } from "../kernel/index.js";
import { lognormalFromMean } from "../kernel/index.js";
import type { TimeAxis } from "./calendar.js";
import type { CloudModel, LoadModel, Range } from "./config.js";
import { GaussianSource } from "./gaussian.js";
import { shareOf } from "./load-shape.js";
import { roundCumulativeInPlace } from "./rounding.js";

/** The parts of the generator's state shared by all agents of one microgrid. */
export interface MicrogridContext {
  axis: TimeAxis;
  /** Clear-sky energy per kWp of the array, after the performance ratio (Wh/kWp per period). */
  clearWhPerKwp: Float64Array;
  /** Clear-sky index of the microgrid's sky per period. */
  cloud: Float64Array;
  shiftPeriods: number;
  cloudModel: CloudModel;
  loadModel: LoadModel;
  /** Share prefix tables for weekday [0] and weekend [1] days (see load-shape.ts). */
  shapes: readonly [Float64Array, Float64Array];
  /** Scratch buffer, one value per local day. */
  dayFactor: Float64Array;
}

function draw(stream: RandomStream, range: Range): number {
  return typeof range === "number" ? stream.uniform(range, range) : stream.uniform(range[0], range[1]);
}

/**
 * Writes the agent's PV, rounded to integer Wh and not yet shifted, into `pv` (one value per
 * period) and returns its capacity.
 */
export function fillPv(
  ctx: MicrogridContext,
  stream: RandomStream,
  range: Range,
  explicitKwp: number | undefined,
  pv: Float64Array,
): number {
  const kwp = explicitKwp ?? draw(stream, range);
  if (explicitKwp !== undefined) draw(stream, range);
  const { periods } = ctx.axis;
  const { clearWhPerKwp, cloud } = ctx;
  const sd = ctx.cloudModel.agentNoiseSd;
  const gauss = new GaussianSource(stream);
  for (let t = 0; t < periods; t++) {
    const clear = clearWhPerKwp[t]!;
    if (clear <= 0) {
      pv[t] = 0;
      continue;
    }
    const noise = sd === 0 ? 1 : 1 + sd * gauss.next();
    pv[t] = kwp * clear * Math.min(1, Math.max(0, cloud[t]! * noise));
  }
  roundCumulativeInPlace(pv, 0, periods);
  return kwp;
}

/** Writes the agent's load, rounded to integer Wh, into `load` (one value per period) and returns its annual kWh. */
export function fillLoad(
  ctx: MicrogridContext,
  stream: RandomStream,
  range: Range,
  explicitKwh: number | undefined,
  load: Float64Array,
): number {
  const annualKwh = explicitKwh ?? draw(stream, range);
  if (explicitKwh !== undefined) draw(stream, range);
  const m = ctx.loadModel;
  const shift = m.peakShiftMaxMin === 0 ? 0 : stream.int(-m.peakShiftMaxMin, m.peakShiftMaxMin);
  const { axis, dayFactor } = ctx;
  const daily = lognormalFromMean(1, m.dayToDayCv);
  for (let d = 0; d < axis.dayShare.length; d++) dayFactor[d] = stream.lognormal(daily.mu, daily.sigma);
  const phi = Math.exp(-(axis.periodMinutes * 60_000) / m.noiseCorrelationMs);
  const innovation = Math.sqrt(1 - phi * phi);
  const sd = m.noiseSd;
  const bias = (sd * sd) / 2;
  const annualWh = annualKwh * 1000;
  const gauss = new GaussianSource(stream);
  const { dayOfPeriod, weekend, localMinute, dayShare, periodMinutes } = axis;
  const shapes = ctx.shapes;
  let x = gauss.next();
  for (let t = 0; t < axis.periods; t++) {
    x = phi * x + innovation * gauss.next();
    const d = dayOfPeriod[t]!;
    const share = shareOf(shapes[weekend[d]!]!, localMinute[t]! - shift, periodMinutes);
    load[t] = annualWh * dayShare[d]! * dayFactor[d]! * share * Math.exp(sd * x - bias);
  }
  roundCumulativeInPlace(load, 0, axis.periods);
  return annualKwh;
}
