// Builds level-2 clearers and routes residuals for the routing and settlement tests.
import { Streams } from "../../sim/kernel/index.js";
import {
  interMicrogridProcesses,
  routeResiduals,
  type InterMicrogridClearer,
  type Level1Outcome,
  type RoutingOutcome,
} from "../../sim/grid/index.js";
import { marketConfig, type MarketConfigInput, type MarketLimits } from "../../sim/market/index.js";

export const LIMITS: MarketLimits = { pgs: 3.2, pgb: 18.9 };

export interface ClearerOptions {
  process: string;
  microgrids: number;
  seed?: number;
  market?: MarketConfigInput;
  limits?: MarketLimits;
}

/** A clearer of the named process for microgrids called MG1, MG2, ... */
export function clearer(options: ClearerOptions): InterMicrogridClearer {
  return interMicrogridProcesses.get(options.process).create({
    limits: options.limits ?? LIMITS,
    market: marketConfig({ ...options.market, interMicrogrid: options.process }),
    streams: new Streams(options.seed ?? 1),
    microgridNames: Array.from({ length: options.microgrids }, (_, m) => `MG${m + 1}`),
  });
}

/** Routes level 1's residuals over `groups` with the named process ("one-shot" unless given). */
export function route(
  level1: Level1Outcome,
  microgrids: number,
  groups: readonly (readonly number[])[],
  process = "one-shot",
): RoutingOutcome {
  return routeResiduals(level1, {
    microgrids,
    groups,
    limits: LIMITS,
    level2: clearer({ process, microgrids }),
  });
}
