// Option presets of the Ethereum model for the ledgers after the paper: Ethereum under proof of stake
// as of 2025 ("ethereum-pos-2026") and an OP Stack rollup like Base ("op-rollup"). Sources, dates and
// assumptions of every figure are in docs/ledger.md; the model is EthereumLedger's (ethereum.ts).
//
// Calibration (same steady state as the paper's model, ethereum-config.ts): EIP-1559 settles where the
// background demand still willing to pay equals the target, mean demand = 4/3 x target and lognormal
// fee caps (sigma 0.5): P(cap >= b) = 0.75 <=> b = median * exp(-0.6745 * 0.5) = 0.7137 * median.
// - ethereum-pos-2026: base fee b = 0.4 gwei -> cap median 0.5605 gwei; 45 M gas limit (22.5 M target,
//   30 M mean demand).
// - op-rollup: base fee b = 0.005 gwei -> cap median 0.007006 gwei; 2 s blocks of ten 200 ms
//   preconfirmed sub-blocks (Flashblocks) of 10 M gas each (block limit 100 M, target 50 M, mean
//   demand 66.7 M per block = 6.67 M per sub-block).
import type { ConfirmationMode, EthereumConfig } from "./ethereum-config.js";
import { mergeConfig, type DeepPartial } from "./merge.js";

/** A ledger's options: the model's overrides, with `confirmation` also accepted as just its mode. */
export type PresetOptions = Omit<DeepPartial<EthereumConfig>, "confirmation"> & {
  confirmation?: ConfirmationMode | DeepPartial<EthereumConfig["confirmation"]>;
};

/**
 * Background demand whose EIP-1559 equilibrium is `baseFeeGwei`: mean 4/3 x `targetGas` per slot
 * (CV 0.3), fee caps lognormal with median baseFeeGwei / exp(-0.6745 * 0.5), tips lognormal around
 * `tipGwei` (sigma 0.5 each, as the paper's calibration).
 */
function backgroundFor(
  targetGas: number,
  baseFeeGwei: number,
  tipGwei: number,
): EthereumConfig["background"] {
  return {
    gasPerBlockMean: Math.round((targetGas * 4) / 3),
    gasCv: 0.3,
    feeCapMedianGwei: baseFeeGwei / Math.exp(-0.6745 * 0.5),
    feeCapSigma: 0.5,
    tipMedianGwei: tipGwei,
    tipSigma: 0.5,
  };
}

/** Ethereum proof of stake as of 2025 (gas limit Jul 2025, gas prices and ETH/USD 2025, CCRI energy). */
export const ETHEREUM_POS_2026_PRESET: DeepPartial<EthereumConfig> = {
  era: "pos",
  blocks: { posSlotMs: 12_000, missedSlotProb: 0.01, gasLimit: 45_000_000 },
  initialBaseFeeGwei: 0.4,
  fees: { tipGwei: 0.1 },
  background: backgroundFor(22_500_000, 0.4, 0.1),
  usdPerEth: 3_800,
  // CCRI: 2,600 MWh/yr after the Merge (Sep 2022) over 1.4 M transactions/day (Jul 2025).
  energyWhPerTx: { pos: 5.1 },
  energySource:
    "CCRI's post-Merge 2,600 MWh a year (Sep 2022) over 1.4 M transactions a day (Jul 2025); docs/ledger.md",
  confirmation: { mode: "inclusion", finalityMs: 64 * 12_000 },
};

/** An OP Stack rollup like Base (2025 figures; several are assumptions, docs/ledger.md). */
export const OP_ROLLUP_PRESET: DeepPartial<EthereumConfig> = {
  era: "pos",
  blocks: { posSlotMs: 200, posSlotPhaseMs: 0, missedSlotProb: 0, gasLimit: 10_000_000, slotsPerBlock: 10 },
  initialBaseFeeGwei: 0.005,
  mempool: { inclusionDelayMs: 100 },
  fees: { tipGwei: 0.001 },
  // Per 200 ms sub-block: a 5 M share of the 50 M block target.
  background: backgroundFor(5_000_000, 0.005, 0.001),
  usdPerEth: 3_800,
  energyWhPerTx: { pos: 0.5 },
  energySource: "assumption: ~1/10 of an Ethereum transaction (no published rollup estimate); docs/ledger.md",
  confirmation: { mode: "inclusion", finalityMs: 20 * 60_000 },
  sequencer: { faultable: true },
  l1DataFee: {
    enabled: true,
    fastlzBytes: 150,
    l1BaseFeeGwei: 0.4,
    blobBaseFeeGwei: 1e-9,
    baseFeeScalar: 2_269,
    blobBaseFeeScalar: 1_055_778,
  },
};

/** The preset with a ledger's options over it (a bare `confirmation` mode keeps the preset's finality). */
export function presetConfig(
  preset: DeepPartial<EthereumConfig>,
  options: PresetOptions | undefined,
): DeepPartial<EthereumConfig> {
  if (options === undefined) return preset;
  const { confirmation, ...rest } = options;
  const own = typeof confirmation === "string" ? { mode: confirmation } : confirmation;
  return mergeConfig(preset, { ...rest, confirmation: own } as DeepPartial<DeepPartial<EthereumConfig>>);
}
