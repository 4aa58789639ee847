// Mean and 95 % confidence interval of a figure over replications (seeds).
//
// Assumptions: replications are independent draws (different seeds, same reading); the interval is
// Student's t interval mean +- t(0.975, n - 1) s / sqrt(n), s the sample standard deviation. It
// needs n >= 2; with one replication the interval is [mean, mean] and `n` says so. Non-finite
// values (a figure undefined in a seed, e.g. nothing sold) are left out and counted.
import { mean, sampleStandardDeviation } from "simple-statistics";

/**
 * Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom (any statistics table,
 * e.g. NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2, 2012); beyond 30 the
 * normal quantile 1.96 is within 2 % of t.
 */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function t975(df: number): number {
  if (!(df >= 1)) return NaN;
  return T975[Math.floor(df) - 1] ?? 1.96;
}

export interface Interval {
  mean: number;
  /** 95 % interval of the mean. */
  lo: number;
  hi: number;
  /** Replications with a finite value, and those without. */
  n: number;
  missing: number;
}

export function interval(values: readonly number[]): Interval {
  const finite = values.filter(Number.isFinite);
  const missing = values.length - finite.length;
  if (finite.length === 0) return { mean: NaN, lo: NaN, hi: NaN, n: 0, missing };
  const m = mean(finite);
  if (finite.length === 1) return { mean: m, lo: m, hi: m, n: 1, missing };
  const half = (t975(finite.length - 1) * sampleStandardDeviation(finite)) / Math.sqrt(finite.length);
  return { mean: m, lo: m - half, hi: m + half, n: finite.length, missing };
}
