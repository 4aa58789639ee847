// EIP-1559 base fee update, in integer wei exactly as the EIP specifies it.
//
// Assumptions and units: fees in wei (bigint), gas in gas units. The target is limit / elasticity
// (elasticity 2, so a half-full block leaves the fee unchanged); the denominator 8 caps the change at
// 12.5 % per block. Integer division truncates (Python's // on non-negative numbers), and an increase
// is at least 1 wei, as in the EIP.

export const BASE_FEE_MAX_CHANGE_DENOMINATOR = 8n;
export const ELASTICITY_MULTIPLIER = 2n;
export const WEI_PER_GWEI = 1_000_000_000n;

/** Base fee of the next block given the parent's base fee, gas used and gas target. */
export function nextBaseFee(parentBaseFee: bigint, parentGasUsed: bigint, parentGasTarget: bigint): bigint {
  if (parentGasTarget <= 0n)
    throw new RangeError(`nextBaseFee: gas target must be > 0, got ${parentGasTarget}`);
  if (parentGasUsed === parentGasTarget) return parentBaseFee;
  if (parentGasUsed > parentGasTarget) {
    const delta =
      (parentBaseFee * (parentGasUsed - parentGasTarget)) / parentGasTarget / BASE_FEE_MAX_CHANGE_DENOMINATOR;
    return parentBaseFee + (delta > 1n ? delta : 1n);
  }
  const delta =
    (parentBaseFee * (parentGasTarget - parentGasUsed)) / parentGasTarget / BASE_FEE_MAX_CHANGE_DENOMINATOR;
  return parentBaseFee - delta;
}

/** Gas target of a block with the given gas limit. */
export function gasTarget(gasLimit: bigint): bigint {
  return gasLimit / ELASTICITY_MULTIPLIER;
}

/** Converts gwei (a number, possibly fractional) to integer wei, rounding to the nearest wei. */
export function gweiToWei(gwei: number): bigint {
  if (!(gwei >= 0) || !Number.isFinite(gwei))
    throw new RangeError(`gweiToWei: need a finite gwei >= 0, got ${gwei}`);
  return BigInt(Math.round(gwei * 1e9));
}
