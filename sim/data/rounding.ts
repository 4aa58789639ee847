// Rounding of energy series to integer Wh with totals preserved.
//
// Assumptions and units:
// - Values are energies in Wh, finite and non-negative.
// - Cumulative rounding: with C_t the running sum of the exact values, the integer value of
//   period t is round(C_t) - round(C_{t-1}) (round half up). The integer running sums never
//   drift from the exact ones by more than 0.5 Wh, so a series total is round(exact total);
//   because C is non-decreasing the integers are non-negative; each period differs from its
//   exact value by less than 1 Wh. The same rule applied to a sub-series (a household, an
//   agent) preserves that sub-series' total, whatever the order of the other series.

/**
 * Rounds `values[from .. from + length)` in place to integer Wh by cumulative rounding.
 * Returns the rounded total (= round of the exact total).
 */
export function roundCumulativeInPlace(
  values: Float64Array,
  from = 0,
  length = values.length - from,
): number {
  let exact = 0;
  let previous = 0;
  for (let i = from; i < from + length; i++) {
    exact += values[i] ?? 0;
    const rounded = Math.floor(exact + 0.5);
    values[i] = rounded - previous;
    previous = rounded;
  }
  return previous;
}

/**
 * Splits a non-negative integer `total` into `parts` integers that differ by at most 1 and sum to
 * `total` exactly: part j = floor(total (j+1) / parts) - floor(total j / parts), so any remainder
 * goes to the later parts. Writes into `out[at .. at + parts)`.
 */
export function splitEvenly(total: number, parts: number, out: Float64Array, at: number): void {
  let previous = 0;
  for (let j = 1; j <= parts; j++) {
    const cumulative = Math.floor((total * j) / parts);
    out[at + j - 1] = cumulative - previous;
    previous = cumulative;
  }
}
