// Background demand on the shared Ethereum chain: everyone who is not a microgrid agent.
//
// Assumptions and units (gas, gwei):
// - Each block, other users want D gas (lognormal with the configured mean and CV, times any demand
//   spike active at the block's time). Their fee caps are lognormal (median, sigma) and independent of
//   their tips, also lognormal; only the share with cap >= base fee can be included, so demand is
//   elastic and EIP-1559 settles where that share fills the target.
// - Unserved background demand is not carried over: it is a flow (users retry or leave), so the
//   background needs no per-transaction state at all.
// - A block orders transactions by effective tip; our transactions with effective tip x come after
//   the background gas whose tip exceeds x (tips treated as independent of caps).
import { lognormalFromMean, type RandomStream } from "../kernel/index.js";
import { spikeAt, type FaultSchedule } from "./faults.js";

export interface BackgroundParams {
  gasPerBlockMean: number;
  gasCv: number;
  feeCapMedianGwei: number;
  feeCapSigma: number;
  tipMedianGwei: number;
  tipSigma: number;
}

export class BackgroundDemand {
  readonly #p: BackgroundParams;
  readonly #rng: RandomStream;
  readonly #faults: FaultSchedule;
  readonly #spiky: boolean;
  readonly #mu: number;
  readonly #sigma: number;
  /** First demand spike active at the last demandAt() call (-1: none). */
  lastSpike = -1;

  constructor(p: BackgroundParams, rng: RandomStream, faults: FaultSchedule) {
    this.#p = p;
    this.#rng = rng;
    this.#faults = faults;
    this.#spiky = faults.faults.some((f) => f.kind === "eth-demand-spike");
    const ln = p.gasPerBlockMean > 0 ? lognormalFromMean(p.gasPerBlockMean, p.gasCv) : { mu: 0, sigma: 0 };
    this.#mu = ln.mu;
    this.#sigma = ln.sigma;
  }

  /** Background gas wanted in a block at time t (one draw per block, in block order). */
  demandAt(t: number): number {
    if (this.#p.gasPerBlockMean === 0) return 0;
    const d = this.#rng.lognormal(this.#mu, this.#sigma);
    this.lastSpike = -1;
    if (!this.#spiky) return d;
    const s = spikeAt(this.#faults, "eth-demand-spike", t);
    this.lastSpike = s.first;
    return d * s.multiplier;
  }

  /** Share of background demand whose fee cap covers base fee b (gwei). */
  payingShare(baseFeeGwei: number): number {
    return lognormalSurvival(baseFeeGwei, this.#p.feeCapMedianGwei, this.#p.feeCapSigma);
  }

  /** Share of background gas with a tip above x (gwei). */
  tipAbove(xGwei: number): number {
    return lognormalSurvival(xGwei, this.#p.tipMedianGwei, this.#p.tipSigma);
  }
}

/** P(X > x) for a lognormal X with the given median and log-scale sigma. */
export function lognormalSurvival(x: number, median: number, sigma: number): number {
  if (x <= 0) return 1;
  return 0.5 * erfc((Math.log(x) - Math.log(median)) / (sigma * Math.SQRT2));
}

/**
 * Complementary error function, Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7), extended to
 * negative arguments by erfc(-x) = 2 - erfc(x).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const r = poly * Math.exp(-z * z);
  return x >= 0 ? r : 2 - r;
}
