// The built-in ledger plugins: instant confirmation ("ideal"), IOTA 2.0, Ethereum under proof of work
// (the paper's figures), Ethereum under proof of stake as of the Merge, and IOTA Rebased (2025) on its
// own and under a Wasp chain per microgrid (rebased.ts). registry.ts registers them;
// their options are overrides of the models' defaults (docs/ledger.md).
import { CARBON } from "./carbon.js";
import type { EthereumConfig } from "./ethereum-config.js";
import { EthereumLedger } from "./ethereum.js";
import type { IotaConfig } from "./iota-config.js";
import { IotaLedger } from "./iota.js";
import type { DeepPartial } from "./merge.js";
import type { LedgerContext, LedgerPlugin } from "./plugin.js";
import { IOTA_REBASED_ISC_LEDGER, IOTA_REBASED_LEDGER } from "./rebased.js";
import {
  ETHEREUM_POS_2026_PRESET,
  OP_ROLLUP_PRESET,
  presetConfig,
  type PresetOptions,
} from "./ledger-presets.js";
import { contractRules } from "./rules.js";

/** What both built-in models are built from: the run's context, one chain per microgrid, the options. */
function modelParts<Options extends object>(context: LedgerContext, options: Options | undefined) {
  return {
    kernel: context.kernel,
    streams: context.streams,
    rules: contractRules(context),
    faults: context.faults,
    keepLog: context.keepLog,
    // The market's microgrids are the chains: options cannot change how many there are.
    config: { ...options, chains: context.chains },
  };
}

/** Whether a ledger's options make the market wait for finality (`confirmation` or its mode alone). */
function finality(options: PresetOptions | DeepPartial<EthereumConfig> | undefined): boolean {
  const c = options?.confirmation;
  return (typeof c === "string" ? c : c?.mode) === "finality";
}

/** No ledger model: every order is visible to its market the moment it is sent. */
export const IDEAL_LEDGER: LedgerPlugin<never> = {
  name: "ideal",
  label: "instant confirmation",
  waitsFor: () => "nothing (confirmed when sent)",
  description: "instant confirmation (the paper's off-ledger market simulation)",
  defaultRoundSeconds: 10,
  create: null,
};

export const IOTA_LEDGER: LedgerPlugin<DeepPartial<IotaConfig>> = {
  name: "iota",
  label: "IOTA 2.0 (Wasp on the Tangle)",
  vintage: { era: "2022", calibrated: "2022-06" },
  carbon: CARBON.world,
  sources: {
    fee: "the paper's Table I: 1 IOTA per request at $0.3303 per million IOTA (2022)",
    time: "GoShimmer: ~10 s Layer-1 confirmation, plus Wasp round and anchor proof of work calibrated to the paper's ~12 s",
  },
  waitsFor: () => "Layer-1 confirmation of the block's anchor",
  description: "IOTA 2.0: a Wasp chain per microgrid, anchored on the Tangle (feeless Layer 1)",
  security: "Wasp committee BFT: safe while fewer than a third of the committee is faulty",
  defaultRoundSeconds: 20,
  faultKinds: ["wasp-node-down", "l1-latency-spike"],
  create: (context, options) => new IotaLedger(modelParts(context, options)),
};

export const ETHEREUM_LEDGER: LedgerPlugin<DeepPartial<EthereumConfig>> = {
  name: "ethereum",
  label: "Ethereum, proof of work",
  vintage: { era: "2022", calibrated: "2022-09" },
  carbon: CARBON.ethereumPow,
  sources: {
    fee: "measured gas of contracts/UniformDoubleAuction.sol x EIP-1559 price (Sep 2022 base fee ~17 gwei) x $1,300/ETH",
    time: "proof-of-work block intervals (~13 s) and EIP-1559 queueing behind background demand",
  },
  waitsFor: (options) => (finality(options) ? "finality (two epochs)" : "block inclusion"),
  description:
    "Ethereum under proof of work (before 15 Sep 2022, the paper's figures): one chain shared by every microgrid and everyone else, EIP-1559 fees",
  security: "proof-of-work consensus of the whole chain: safe while honest miners hold most of the hash rate",
  defaultRoundSeconds: 30,
  faultKinds: ["eth-demand-spike"],
  create: (context, options) => new EthereumLedger(modelParts(context, options)),
};

/**
 * The Ethereum model with the options that differ after the Merge (15 Sep 2022): proof of stake,
 * 12 s slots, the post-Merge energy per transaction. Fees, gas and ETH price are the proof-of-work
 * model's (Sep 2022). Calibrated to Sep-Oct 2022; a later calibration would be a plugin beside it.
 */
export const ETHEREUM_POS_LEDGER: LedgerPlugin<DeepPartial<EthereumConfig>> = {
  name: "ethereum-pos",
  label: "Ethereum at the Merge",
  vintage: { era: "2022", calibrated: "2022-10" },
  carbon: CARBON.ethereumMerge,
  sources: {
    fee: "as Ethereum under proof of work (Sep 2022 fee market and ETH price)",
    time: "12 s proof-of-stake slots (consensus specs) and EIP-1559 queueing",
  },
  waitsFor: (options) => (finality(options) ? "finality (two epochs)" : "block inclusion"),
  description:
    "Ethereum under proof of stake as of the Merge (calibrated to Sep-Oct 2022): 12 s slots, EIP-1559 fees, post-Merge energy",
  security:
    "proof-of-stake consensus of the whole chain (Gasper): safe while validators with more than two thirds of the stake are honest; final after two epochs (~12.8 min), which the market does not wait for",
  defaultRoundSeconds: 30,
  faultKinds: ["eth-demand-spike"],
  create: (context, options) =>
    new EthereumLedger({ name: "ethereum-pos", ...modelParts(context, { era: "pos", ...options }) }),
};

/**
 * The Ethereum model calibrated to proof of stake as of 2025 (ledger-presets.ts, docs/ledger.md): 12 s
 * slots, the 45 M gas limit, sub-gwei base fees, CCRI's energy. The market waits for inclusion by
 * default (`confirmation: "finality"` waits two epochs more).
 */
export const ETHEREUM_POS_2026_LEDGER: LedgerPlugin<PresetOptions> = {
  name: "ethereum-pos-2026",
  label: "Ethereum, proof of stake",
  vintage: { era: "today", calibrated: "2025-07" },
  carbon: CARBON.ethereumPos,
  sources: {
    fee: "measured gas x EIP-1559 price (2025: ~0.4 gwei base fee, 0.1 gwei tip) x $3,800/ETH (Jul 2025)",
    time: "12 s slots, 45 M gas limit (Jul 2025), EIP-1559 queueing; finality two epochs later",
  },
  waitsFor: (options) => (finality(options) ? "finality (two epochs)" : "block inclusion"),
  description:
    "Ethereum under proof of stake as of 2025: 12 s slots, 45 M gas limit, sub-gwei EIP-1559 fees; waits for inclusion (option: finality)",
  security:
    "proof-of-stake consensus of the whole chain (Gasper): safe while validators with more than two thirds of the stake are honest; by default the market acts at inclusion, before finality (~12.8 min), and accepts the small reorg risk",
  defaultRoundSeconds: 30,
  faultKinds: ["eth-demand-spike"],
  create: (context, options) =>
    new EthereumLedger({
      name: "ethereum-pos-2026",
      ...modelParts(context, presetConfig(ETHEREUM_POS_2026_PRESET, options)),
    }),
};

/**
 * An OP Stack rollup like Base (ledger-presets.ts, docs/ledger.md): one sequencer, 2 s blocks streamed
 * as 200 ms preconfirmed sub-blocks, L2 execution fee plus L1 data fee (Fjord). The market waits for
 * the preconfirmation by default (`confirmation: "finality"`: the batch final on Ethereum).
 */
export const OP_ROLLUP_LEDGER: LedgerPlugin<PresetOptions> = {
  name: "op-rollup",
  label: "OP Stack rollup (Base-like)",
  vintage: { era: "today", calibrated: "2025-07" },
  // Its energy figure is a share of an Ethereum transaction's, so Ethereum's intensity goes with it.
  carbon: { ...CARBON.ethereumPos, source: `assumption: as Ethereum's; ${CARBON.ethereumPos.source}` },
  sources: {
    fee: "measured gas x L2 price (~0.005 gwei base fee, 2025) plus the Fjord L1 data fee on blobs, $3,800/ETH",
    time: "2 s blocks streamed as 200 ms preconfirmed sub-blocks (Flashblocks); batch final on Ethereum ~20 min",
  },
  waitsFor: (options) =>
    finality(options) ? "its batch final on Ethereum" : "the sequencer's preconfirmation",
  description:
    "OP Stack rollup (Base-like): 2 s blocks, 200 ms sequencer preconfirmations, L2 execution + L1 blob data fees; option: wait for L1 finality",
  security:
    "a single sequencer orders and preconfirms transactions (trusted until the batch is on Ethereum); the state is final when its batch is in a finalized Ethereum block and is secured by fault proofs",
  defaultRoundSeconds: 10,
  faultKinds: ["eth-demand-spike", "sequencer-down"],
  create: (context, options) =>
    new EthereumLedger({
      name: "op-rollup",
      ...modelParts(context, presetConfig(OP_ROLLUP_PRESET, options)),
    }),
};

export const BUILT_IN_LEDGERS: readonly LedgerPlugin<never>[] = [
  IDEAL_LEDGER,
  IOTA_LEDGER,
  ETHEREUM_LEDGER,
  ETHEREUM_POS_LEDGER,
  IOTA_REBASED_LEDGER as LedgerPlugin<never>,
  IOTA_REBASED_ISC_LEDGER,
  ETHEREUM_POS_2026_LEDGER,
  OP_ROLLUP_LEDGER,
];
