// The synthetic profile generator: PV from solar geometry, clear sky and stochastic clouds;
// household load from daily shapes and noise; integer Wh by cumulative rounding.
//
// Assumptions and units: see config.ts for every parameter and agent-series.ts for the per-agent
// formulas. Randomness comes only from named streams obtained with `fresh` (so a profile does
// not depend on what else was drawn from the same Streams):
//   profile/cloud               the region's sky (cloud.scope = "region")
//   profile/<MG>/cloud          a microgrid's sky (cloud.scope = "microgrid")
//   profile/<MG>/<i>/cloud      agent i's capacity and its PV noise
//   profile/<MG>/<i>/load       agent i's annual consumption, peak shift and load noise
// An agent's series therefore depend only on the seed, the config's shared fields, its
// microgrid's name and its own index: adding agents or microgrids never changes the others, and
// generating a subset of microgrids (GenerateOptions.only) gives the same values as the whole.
import type { RandomStream } from "../kernel/index.js";
import { timeAxis } from "./calendar.js";
import { clearSkyPoaSeries } from "./clearsky.js";
import { cloudIndexSeries } from "./cloud.js";
import type { MicrogridSpec, ProfileConfig } from "./config.js";
import { validateProfileConfig } from "./config-check.js";
import { ProfileError } from "./errors.js";
import { fillLoad, fillPv, type MicrogridContext } from "./agent-series.js";
import { minuteShares, sharePrefix } from "./load-shape.js";
import { MAX_WH_PER_PERIOD, storeWh, type AgentInfo, type Profile } from "./profile.js";
import { formatIsoTime, MS_PER_DAY, MS_PER_HOUR, parseIsoTime } from "./time.js";

/** Anything that hands out fresh named streams (a kernel `Streams` does). */
export interface StreamFactory {
  fresh(name: string): RandomStream;
}

export interface GenerateOptions {
  /** Generate only these microgrids (by name, in config order); default all. */
  only?: readonly string[];
}

function agentCount(spec: MicrogridSpec): number {
  return typeof spec.agents === "number" ? spec.agents : spec.agents.length;
}

function selectMicrogrids(config: ProfileConfig, only: readonly string[] | undefined): MicrogridSpec[] {
  if (only === undefined) return [...config.microgrids];
  const known = new Set(config.microgrids.map((m) => m.name));
  for (const name of only) {
    if (!known.has(name))
      throw new ProfileError("profile config", undefined, `only: unknown microgrid '${name}'`);
  }
  const wanted = new Set(only);
  return config.microgrids.filter((m) => wanted.has(m.name));
}

/** What every microgrid of the profile shares: the time axis, clear sky and load shapes. */
function sharedCurves(config: ProfileConfig, startMs: number, offsetMin: number, periods: number) {
  const { periodMs, array } = config;
  const axis = timeAxis(startMs, offsetMin, periods, periodMs, config.load);
  const poa = clearSkyPoaSeries(startMs, periods, periodMs, config.subSamples, config.site, array);
  // Mean W/m^2 -> Wh per kWp: POA / 1000 W/m^2 (STC) x PR x hours x 1000 Wh/kWh.
  const clearWhPerKwp = poa.map((g) => (g * array.performanceRatio * periodMs) / MS_PER_HOUR);
  const weekday = sharePrefix(minuteShares(config.load.weekday));
  const weekend = sharePrefix(minuteShares(config.load.weekend));
  return { axis, clearWhPerKwp, shapes: [weekday, weekend] as const };
}

/** Generates the profile described by `config`, drawing from `streams`. */
export function generateProfile(
  config: ProfileConfig,
  streams: StreamFactory,
  options: GenerateOptions = {},
): Profile {
  validateProfileConfig(config);
  const start = parseIsoTime(config.start);
  const periods = config.days * (MS_PER_DAY / config.periodMs);
  const shared = sharedCurves(config, start.utcMs, start.offsetMin, periods);
  const skyOf = (name: string): Float64Array =>
    cloudIndexSeries(streams.fresh(name), config.cloud, periods, shared.axis.periodsPerDay, config.periodMs);
  const regionSky = config.cloud.scope === "region" ? skyOf("profile/cloud") : undefined;
  const selected = selectMicrogrids(config, options.only);
  const total = selected.reduce((n, m) => n + agentCount(m), 0);
  const out = { pv: new Int32Array(total * periods), load: new Int32Array(total * periods) };
  const agents: AgentInfo[] = [];
  const dayFactor = new Float64Array(shared.axis.dayShare.length);
  const work = new Float64Array(periods);
  selected.forEach((spec, microgridIndex) => {
    const shiftHours = config.shiftHoursByMicrogrid[spec.name] ?? spec.shiftHours ?? 0;
    const shiftPeriods = (shiftHours * MS_PER_HOUR) / config.periodMs;
    const ctx: MicrogridContext = {
      ...shared,
      cloud: regionSky ?? skyOf(`profile/${spec.name}/cloud`),
      shiftPeriods: ((shiftPeriods % periods) + periods) % periods,
      cloudModel: config.cloud,
      loadModel: config.load,
      dayFactor,
    };
    fillMicrogrid(ctx, spec, microgridIndex, streams, { ...out, work }, agents);
  });
  return {
    periodMs: config.periodMs,
    startIso: formatIsoTime(start.utcMs, start.offsetMin),
    startMs: start.utcMs,
    utcOffsetMin: start.offsetMin,
    periods,
    agents,
    microgrids: selected.map((m) => m.name),
    pv: out.pv,
    load: out.load,
    source: "synthetic",
  };
}

/** Appends the agents of one microgrid to `agents`, writing their rows of `out`. */
function fillMicrogrid(
  ctx: MicrogridContext,
  spec: MicrogridSpec,
  microgridIndex: number,
  streams: StreamFactory,
  out: { pv: Int32Array; load: Int32Array; work: Float64Array },
  agents: AgentInfo[],
): void {
  for (let i = 0; i < agentCount(spec); i++) {
    const id = agents.length;
    const row = id * ctx.axis.periods;
    const explicit = typeof spec.agents === "number" ? undefined : spec.agents[i];
    const prefix = `profile/${spec.name}/${i}`;
    const name = explicit?.name ?? `${spec.name}/${i}`;
    const pvKwp = fillPv(ctx, streams.fresh(`${prefix}/cloud`), spec.pvKwp, explicit?.pvKwp, out.work);
    place(out.work, out.pv, row, ctx.shiftPeriods, `${name} pv`);
    const loadStream = streams.fresh(`${prefix}/load`);
    const annualKwh = fillLoad(ctx, loadStream, spec.annualKwh, explicit?.annualKwh, out.work);
    place(out.work, out.load, row, 0, `${name} load`);
    agents.push({ id, name, microgrid: spec.name, microgridIndex, pvKwp, annualKwh });
  }
}

/** Stores one rounded series in the profile, or names the agent whose value does not fit. */
function place(work: Float64Array, out: Int32Array, row: number, shift: number, what: string): void {
  const t = storeWh(work, out, row, shift);
  if (t >= 0) {
    throw new ProfileError(
      "profile config",
      undefined,
      `${what} in period ${t} is ${work[t]} Wh, above the ${MAX_WH_PER_PERIOD} Wh a period can hold`,
    );
  }
}
