// Ethereum ledger configuration with documented defaults (2022; see docs/ledger.md).
//
// Units: ms, gas, gwei, USD, Wh.
// Calibration:
// - Time at light load (Table I, ~15 s, proof-of-work era): a transaction becomes eligible
//   inclusionDelayMs = 2 s after submission (propagation and block-template refresh), then waits for
//   the next block; proof-of-work blocks arrive as a Poisson process with mean 13 s, so the wait is
//   13 s on average (memoryless): 2 + 13 = 15 s. Proof of stake: 12 s slots, ~2 + 6 s + missed slots.
// - Base fee ~17 gwei (average gas price Sep 2022: 17.1 gwei): background demand is 20 M gas per
//   block on average (lognormal, CV 0.3) from senders whose fee caps are lognormal with median
//   23.82 gwei and sigma 0.5. EIP-1559 settles where the demand still willing to pay equals the 15 M
//   target: 20 M * P(cap >= b) = 15 M  <=>  P(cap >= b) = 0.75  <=>  b = 23.82 * exp(-0.6745 * 0.5)
//   = 17.0 gwei. The elastic demand also pulls the fee back after a spike.
import { ETHEREUM_ENERGY_WH, type EthereumEra } from "./energy.js";
import type { GasSchedule } from "./gas.js";
import { MEASURED_GAS } from "./measured-gas.js";
import { deepFreeze, mergeConfig, type DeepPartial } from "./merge.js";

export interface EthereumConfig {
  /** Consensus era: proof of work (before 15 Sep 2022, the paper's figures) or proof of stake. */
  era: EthereumEra;
  /** Microgrids (contract instances on the one shared chain). */
  chains: number;
  /** Kernel priority of the ledger's events (lower runs first at equal time). */
  eventPriority: number;
  blocks: {
    /** Mean time between proof-of-work blocks (exponential), ms. */
    powMeanIntervalMs: number;
    /** Proof-of-stake slot length, ms. */
    posSlotMs: number;
    /** Time of the first slot boundary after 0, ms (slots at phase + k * slot). */
    posSlotPhaseMs: number;
    /** Probability that a proof-of-stake slot has no block. */
    missedSlotProb: number;
    /** Gas limit of one slot (of one sub-block when slotsPerBlock > 1). */
    gasLimit: number;
    /**
     * Slots per EIP-1559 block (1 for Ethereum). A rollup sequencer streaming preconfirmed sub-blocks
     * (Base Flashblocks: 10 x 200 ms per 2 s block) has one slot per sub-block; the base fee changes
     * once per block, against a target of slotsPerBlock * gasLimit / 2.
     */
    slotsPerBlock: number;
  };
  /** Base fee of the first block, gwei. */
  initialBaseFeeGwei: number;
  mempool: {
    /** Delay before a submitted transaction can be in a block (propagation, template refresh), ms. */
    inclusionDelayMs: number;
    /** A transaction not mined this long after submission is dropped (geth's txpool lifetime: 3 h). */
    ttlMs: number;
  };
  /** Our transactions' fee policy (EIP-1559 type-2 transactions). */
  fees: {
    /** Priority fee (tip), gwei. */
    tipGwei: number;
    /** Fee cap = multiple * base fee at submission + tip (ethers/MetaMask use 2)... */
    feeCapMultiple: number;
    /** ...but never above this, gwei (the agent's willingness to pay). */
    maxFeeCapGwei: number;
    /** Fee caps are rounded up to a geometric grid with this many steps per doubling. */
    gridStepsPerDoubling: number;
  };
  /** Everyone else: gas demand per block and its willingness to pay. */
  background: {
    gasPerBlockMean: number;
    gasCv: number;
    feeCapMedianGwei: number;
    feeCapSigma: number;
    tipMedianGwei: number;
    tipSigma: number;
  };
  usdPerEth: number;
  gas: GasSchedule;
  /** Energy per transaction by era, Wh (the paper: 238.22 kWh under PoW; ~0.03 kWh after the Merge). */
  energyWhPerTx: Record<EthereumEra, number>;
  /** Where a preset's energy figure comes from ("": the era's built-in figure, or the options). */
  energySource: string;
  /** What the market waits for before it treats a transaction as placed. */
  confirmation: {
    /**
     * "inclusion": the block (or a rollup sequencer's preconfirmation) that holds it; "finality": that
     * block final, finalityMs later (outcomes are delivered then).
     */
    mode: ConfirmationMode;
    /** Time from inclusion to finality, ms (Ethereum: two epochs, 64 x 12 s). */
    finalityMs: number;
  };
  /**
   * A rollup's sequencer: whether "sequencer-down" faults stop block production (no blocks, no
   * preconfirmations; transactions wait). Off for Ethereum itself, which has no sequencer.
   */
  sequencer: { faultable: boolean };
  /**
   * L1 data fee of an OP Stack rollup (Fjord formula, docs/ledger.md), added to every executed
   * transaction's fee: estimatedSize = max(minTransactionSize, intercept + fastlzCoef * fastlzBytes / 1e6);
   * fee (wei) = estimatedSize * (16 * baseFeeScalar * l1BaseFee + blobBaseFeeScalar * blobBaseFee) / 1e6.
   */
  l1DataFee: {
    enabled: boolean;
    /** FastLZ-compressed size of one signed transaction, bytes. */
    fastlzBytes: number;
    /** Regression constants (Fjord): intercept and coefficient scaled by 1e6, floor in bytes. */
    intercept: number;
    fastlzCoef: number;
    minTransactionSize: number;
    /** L1 base fee and blob base fee, gwei. */
    l1BaseFeeGwei: number;
    blobBaseFeeGwei: number;
    /** Chain scalars, scaled by 1e6 (SystemConfig). */
    baseFeeScalar: number;
    blobBaseFeeScalar: number;
  };
}

export type ConfirmationMode = "inclusion" | "finality";

/** L1 data fee of one transaction under the Fjord formula, wei (0 when disabled). */
export function l1DataFeeWei(d: EthereumConfig["l1DataFee"]): number {
  if (!d.enabled) return 0;
  const size = Math.max(d.minTransactionSize * 1e6, d.intercept + d.fastlzCoef * d.fastlzBytes);
  const scaled = 16 * d.baseFeeScalar * d.l1BaseFeeGwei * 1e9 + d.blobBaseFeeScalar * d.blobBaseFeeGwei * 1e9;
  return (size * scaled) / 1e12;
}

const DEFAULTS: EthereumConfig = {
  era: "pow",
  chains: 3,
  eventPriority: 0,
  blocks: {
    powMeanIntervalMs: 13_000,
    posSlotMs: 12_000,
    posSlotPhaseMs: 0,
    missedSlotProb: 0.01,
    gasLimit: 30_000_000,
    slotsPerBlock: 1,
  },
  initialBaseFeeGwei: 17,
  mempool: { inclusionDelayMs: 2_000, ttlMs: 3 * 3_600_000 },
  fees: { tipGwei: 1.5, feeCapMultiple: 2, maxFeeCapGwei: 200, gridStepsPerDoubling: 16 },
  background: {
    gasPerBlockMean: 20_000_000,
    gasCv: 0.3,
    feeCapMedianGwei: 23.82,
    feeCapSigma: 0.5,
    tipMedianGwei: 1.5,
    tipSigma: 0.5,
  },
  usdPerEth: 1_300,
  gas: MEASURED_GAS,
  energyWhPerTx: { ...ETHEREUM_ENERGY_WH },
  energySource: "",
  confirmation: { mode: "inclusion", finalityMs: 64 * 12_000 },
  sequencer: { faultable: false },
  l1DataFee: {
    enabled: false,
    fastlzBytes: 0,
    intercept: -42_585_600,
    fastlzCoef: 836_500,
    minTransactionSize: 100,
    l1BaseFeeGwei: 0,
    blobBaseFeeGwei: 0,
    baseFeeScalar: 0,
    blobBaseFeeScalar: 0,
  },
};

export const DEFAULT_ETHEREUM_CONFIG: Readonly<EthereumConfig> = deepFreeze(DEFAULTS);

/** Defaults with overrides applied; throws RangeError on an impossible value. */
export function ethereumConfig(overrides?: DeepPartial<EthereumConfig>): EthereumConfig {
  const c = mergeConfig(DEFAULT_ETHEREUM_CONFIG as EthereumConfig, overrides);
  const bad = (what: string): never => {
    throw new RangeError(`EthereumConfig: ${what}`);
  };
  if (c.era !== "pow" && c.era !== "pos") bad(`era must be "pow" or "pos", got ${String(c.era)}`);
  if (!Number.isInteger(c.chains) || c.chains < 1) bad("chains must be a positive integer");
  const b = c.blocks;
  if (!(b.powMeanIntervalMs > 0) || !Number.isSafeInteger(b.posSlotMs) || b.posSlotMs < 1) {
    bad("blocks.powMeanIntervalMs must be > 0 and blocks.posSlotMs a positive integer");
  }
  if (!Number.isSafeInteger(b.posSlotPhaseMs) || b.posSlotPhaseMs < 0)
    bad("blocks.posSlotPhaseMs must be an integer >= 0");
  if (!(b.missedSlotProb >= 0 && b.missedSlotProb < 1)) bad("blocks.missedSlotProb must be in [0, 1)");
  if (!Number.isSafeInteger(b.gasLimit) || b.gasLimit < 2) bad("blocks.gasLimit must be an integer >= 2");
  if (!Number.isInteger(b.slotsPerBlock) || b.slotsPerBlock < 1)
    bad("blocks.slotsPerBlock must be an integer >= 1");
  if (!(c.initialBaseFeeGwei > 0)) bad("initialBaseFeeGwei must be > 0");
  if (!Number.isSafeInteger(c.mempool.inclusionDelayMs) || c.mempool.inclusionDelayMs < 0) {
    bad("mempool.inclusionDelayMs must be an integer >= 0");
  }
  if (!(c.mempool.ttlMs > 0)) bad("mempool.ttlMs must be > 0");
  const f = c.fees;
  if (!(f.tipGwei >= 0) || !(f.feeCapMultiple >= 1) || !(f.maxFeeCapGwei > 0)) {
    bad("fees: tipGwei >= 0, feeCapMultiple >= 1 and maxFeeCapGwei > 0 required");
  }
  if (!Number.isInteger(f.gridStepsPerDoubling) || f.gridStepsPerDoubling < 1)
    bad("fees.gridStepsPerDoubling must be >= 1");
  const g = c.background;
  if (!(g.gasPerBlockMean >= 0) || !(g.gasCv >= 0)) bad("background.gasPerBlockMean and gasCv must be >= 0");
  if (!(g.feeCapMedianGwei > 0) || !(g.feeCapSigma > 0) || !(g.tipMedianGwei > 0) || !(g.tipSigma > 0)) {
    bad("background fee-cap and tip medians and sigmas must be > 0");
  }
  if (!(c.usdPerEth >= 0)) bad("usdPerEth must be >= 0");
  const k = c.confirmation;
  if (k.mode !== "inclusion" && k.mode !== "finality")
    bad(`confirmation.mode must be "inclusion" or "finality", got ${String(k.mode)}`);
  if (!Number.isSafeInteger(k.finalityMs) || k.finalityMs < 0)
    bad("confirmation.finalityMs must be an integer >= 0");
  const d = c.l1DataFee;
  const l1 = [d.fastlzBytes, d.minTransactionSize, d.l1BaseFeeGwei, d.blobBaseFeeGwei, d.baseFeeScalar];
  if (!l1.concat(d.blobBaseFeeScalar, d.fastlzCoef).every((x) => x >= 0 && Number.isFinite(x)))
    bad("l1DataFee: sizes, fees and scalars must be finite and >= 0");
  if (!Number.isFinite(d.intercept)) bad("l1DataFee.intercept must be finite");
  return c;
}
