// The paper's setting in one place (Mullaney et al. 2022, section IV): what a model is built with
// when an option is not given, and what the experiment configs default to.
//
// Sources and dates (docs list every parameter with its source):
// - Pgb 18.9 and Pgs 3.2 p/kWh, fixed for the week: the paper, section IV.B (its refs 38, 39;
//   UK tariffs of 2022).
// - Three microgrids of five PV agents over a week, one of them (MG3) with its generation
//   shifted by 12 hours: the paper, section IV (sim/data/config.ts, paperMicrogrids).
// - Assumptions of this simulator (the paper does not give them): 30-minute periods (the UK
//   settlement period), a 5-minute trading window, the week from Monday 6 June 2022 in Bristol
//   for the synthetic profiles, and the seed 2022.
// - Scenario "all" (every microgrid linked), instant confirmation ("ideal"): the paper's
//   off-ledger market simulation.
import { DEFAULT_DAYS, DEFAULT_START, paperMicrogrids, type MicrogridSpec } from "./data/index.js";
import {
  DEFAULT_LIMITS,
  DEFAULT_MARKET_CONFIG,
  type MarketConfigInput,
  type MarketLimits,
} from "./market/index.js";

export interface TradingOptions {
  /** Period length (minutes; divides a day). */
  periodMinutes: number;
  /** The part of each period in which the level-1 auction runs (minutes). */
  windowMinutes: number;
  /** Round length (s); undefined: the ledger plugin's default. */
  roundSeconds?: number;
  /** Relative forecast error (0 = exact forecasts, the paper's assumption). */
  forecastErrorSd: number;
}

/** The paper's defaults (frozen); paperPreset() returns a fresh copy to edit. */
export const PAPER = Object.freeze({
  seed: 2022,
  limits: Object.freeze({ ...DEFAULT_LIMITS }) as Readonly<MarketLimits>,
  start: DEFAULT_START,
  days: DEFAULT_DAYS,
  agentsPerMicrogrid: 5,
  trading: Object.freeze({ periodMinutes: 30, windowMinutes: 5, forecastErrorSd: 0 }),
  scenario: "all",
  ledger: "ideal",
});

/** A fresh copy of the paper's model options (see ModelOptions in ./model.ts). */
export function paperPreset(): {
  seed: number;
  start: string;
  days: number;
  microgrids: MicrogridSpec[];
  limits: MarketLimits;
  market: MarketConfigInput;
  trading: TradingOptions;
  scenario: string;
  ledger: string;
} {
  return {
    seed: PAPER.seed,
    start: PAPER.start,
    days: PAPER.days,
    microgrids: paperMicrogrids(PAPER.agentsPerMicrogrid),
    limits: { ...PAPER.limits },
    market: { ...DEFAULT_MARKET_CONFIG, learning: { ...DEFAULT_MARKET_CONFIG.learning } },
    trading: { ...PAPER.trading },
    scenario: PAPER.scenario,
    ledger: PAPER.ledger,
  };
}
