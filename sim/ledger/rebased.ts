// IOTA Rebased (mainnet since 5 May 2025: Move objects, delegated proof of stake, Mysticeti) as two
// ledger plugins that reuse the IOTA model (iota.ts) through its options; docs/ledger.md gives every
// figure below with its source and date, or labels it an assumption.
//
// Assumptions and units (ms, nanos = 1e-9 IOTA, micro-IOTA = 1e-6 IOTA, USD):
// - Fees are logged in micro-IOTA, the unit of the IOTA model's fee fields (1e-6 of the traded token,
//   as the 2022 "iota" was 1e-6 Miota), so fee.usdPerMiota is the USD price of one IOTA.
// - "iota-rebased": each microgrid's market is one shared Move object; an order is a Move transaction
//   on it. The model's per-chain round is read as a Mysticeti consensus commit of that object's
//   transactions (no batch window; transactions that arrive during a commit wait for the next one),
//   its Layer-1 stage as the wait from commit to the checkpoint that contains the transaction (the
//   market waits for finality at the checkpoint by default; `waitFor: "commit"` makes it ~0). No
//   proof of work. The throughput cap limits commits per second (not transactions): an assumption
//   that matters only far above the paper's load.
// - "iota-rebased-isc": the paper's architecture on today's base layer: a Wasp (ISC) chain per
//   microgrid, the IOTA model's committee and rounds unchanged, anchored by one Rebased transaction
//   per block (no proof of work, Rebased latency and fee).
// - Energy: no official energy per transaction exists for IOTA Rebased; the figure is an estimate
//   (validators x power per validator / network transactions per second), labelled an assumption.
import { CARBON } from "./carbon.js";
import type { IotaConfig } from "./iota-config.js";
import { IotaLedger } from "./iota.js";
import measured from "./ethereum-gas.json" with { type: "json" };
import { mergeConfig, type DeepPartial } from "./merge.js";
import type { LedgerContext, LedgerPlugin } from "./plugin.js";
import { contractRules } from "./rules.js";

/** Published and assumed figures of IOTA Rebased (docs/ledger.md, "IOTA Rebased"). */
export const REBASED = Object.freeze({
  /** Mysticeti consensus commit latency on a WAN (ms): the Mysticeti paper, 0.5 s. */
  commitMs: 500,
  /** Assumption: coefficient of variation of the commit latency. */
  commitCv: 0.3,
  /** Assumption: commit to certified checkpoint (ms, mean). */
  checkpointMs: 250,
  checkpointCv: 0.25,
  /** Throughput bound (transactions/s) IOTA states for Rebased: 50,000. */
  throughputTps: 50_000,
  /** Reference gas price (nanos per computation unit): 1000 (DEFAULT_VALIDATOR_GAS_PRICE). */
  referenceGasPriceNanos: 1_000,
  /** Tip above the reference gas price (nanos): none. */
  tipNanos: 0,
  /** Smallest computation bucket (units): 1000; assumption that an order falls in it. */
  computationUnits: 1_000,
  /** Storage price (nanos per storage unit): protocol config storage_gas_price = 76. */
  storagePriceNanos: 76,
  /** Assumption: an order adds ~100 bytes to its market object, 100 storage units per byte. */
  storageUnits: 100 * 100,
  /** Storage rebate (nanos): an order deletes nothing; the clear's deletions are not credited. */
  storageRebateNanos: 0,
  /** USD per IOTA, 30 May 2025 (composite exchange price). */
  usdPerIota: 0.1782,
  /** Assumption: validators x W per validator / network tx/s = 75 x 400 W / 20 tx/s = 1500 J. */
  energyWhPerTx: (75 * 400) / 20 / 3600,
  /** Wasp (ISC) v2 default fee policy: 10 gas per base-token unit (nano). */
  iscGasPerNano: 10,
});

/** Net gas fee of one Rebased transaction (nanos): computation + storage - rebate. */
export function rebasedFeeNanos(g: typeof REBASED = REBASED): number {
  return (
    g.computationUnits * (g.referenceGasPriceNanos + g.tipNanos) +
    g.storageUnits * g.storagePriceNanos -
    g.storageRebateNanos
  );
}

/** ISC gas of one request: the measured mean gas per order of UniformDoubleAuction.sol, with clears. */
export const ISC_GAS_PER_REQUEST: number = measured.gas.meanGasPerBidWithClear;

const ENERGY_NOTE =
  "assumption, no official figure for IOTA Rebased: 75 validators x 400 W / 20 tx/s network average = 1500 J";

/** Options that the Rebased plugins set on the IOTA model (the config's options override them). */
const NO_POW: DeepPartial<IotaConfig>["pow"] = {
  baseDifficulty: 0,
  hashRateHps: 1e12,
  messagesPerStep: 1e9,
};

const rebasedLayer1 = (waitFor: "checkpoint" | "commit"): DeepPartial<IotaConfig>["l1"] => ({
  latencyMeanMs: waitFor === "checkpoint" ? REBASED.checkpointMs : 1,
  latencyCv: REBASED.checkpointCv,
  throughputMps: REBASED.throughputTps,
  backgroundMps: 0,
});

const money = (feeNanos: number): { usdPerMiota: number; l1MessageIota: number } => ({
  usdPerMiota: REBASED.usdPerIota,
  l1MessageIota: feeNanos / 1000,
});

/** The IOTA model's options for the Rebased Layer-1 ledger. */
export function rebasedL1Options(waitFor: "checkpoint" | "commit" = "checkpoint"): DeepPartial<IotaConfig> {
  const fee = rebasedFeeNanos();
  return {
    wasp: {
      committeeSize: 1,
      roundMeanMs: REBASED.commitMs,
      roundCv: REBASED.commitCv,
      batchWindowMs: 0,
      maxBatch: 10_000,
    },
    l1: rebasedLayer1(waitFor),
    pow: NO_POW,
    fee: { iotaPerRequest: fee / 1000, anchorIota: 0, ...money(fee) },
    energy: { override: { wh: REBASED.energyWhPerTx, note: ENERGY_NOTE } },
  };
}

/** The IOTA model's options for an ISC chain per microgrid anchored on Rebased. */
export function rebasedIscOptions(): DeepPartial<IotaConfig> {
  const anchor = rebasedFeeNanos();
  return {
    l1: rebasedLayer1("checkpoint"),
    pow: NO_POW,
    fee: {
      iotaPerRequest: ISC_GAS_PER_REQUEST / REBASED.iscGasPerNano / 1000,
      anchorIota: anchor / 1000,
      ...money(anchor),
    },
    energy: {
      override: {
        wh: REBASED.energyWhPerTx,
        note: `${ENERGY_NOTE}; a request is charged one Rebased transaction`,
      },
    },
  };
}

/** Options of the "iota-rebased" plugin: overrides of the IOTA model, and what the market waits for. */
export type RebasedOptions = DeepPartial<IotaConfig> & { waitFor?: "checkpoint" | "commit" };

function build(
  name: string,
  context: LedgerContext,
  base: DeepPartial<IotaConfig>,
  options: DeepPartial<IotaConfig> | undefined,
  faultKinds: readonly ("wasp-node-down" | "l1-latency-spike")[],
): IotaLedger {
  return new IotaLedger({
    name,
    kernel: context.kernel,
    streams: context.streams,
    rules: contractRules(context),
    faults: context.faults,
    keepLog: context.keepLog,
    streamPrefix: name,
    feeUnit: "micro-IOTA",
    faultKinds,
    config: mergeOptions(base, { ...options, chains: context.chains }),
  });
}

function mergeOptions(base: DeepPartial<IotaConfig>, over: DeepPartial<IotaConfig>): DeepPartial<IotaConfig> {
  return mergeConfig(base as IotaConfig, over);
}

const L1_FAULTS = ["l1-latency-spike"] as const;
const ISC_FAULTS = ["wasp-node-down", "l1-latency-spike"] as const;

export const IOTA_REBASED_LEDGER: LedgerPlugin<RebasedOptions> = {
  name: "iota-rebased",
  label: "IOTA Rebased L1",
  vintage: { era: "today", calibrated: "2025-05" },
  carbon: CARBON.world,
  sources: {
    fee: "IOTA docs' gas formula: computation x (reference gas price 1000 nanos + tip) + storage x 76 - rebate, $0.178/IOTA (May 2025)",
    time: "Mysticeti consensus commit ~0.5 s (Mysticeti paper) and commit-to-checkpoint (assumption)",
  },
  waitsFor: (options) => (options?.waitFor === "commit" ? "the consensus commit" : "the checkpoint"),
  description:
    "IOTA Rebased Layer 1 (mainnet May 2025): each microgrid's market a shared Move object, Mysticeti commits, final at the checkpoint, gas fees",
  security:
    "delegated proof of stake with Mysticeti BFT consensus: safe while validators with more than two thirds of the stake are honest",
  defaultRoundSeconds: 10,
  faultKinds: L1_FAULTS,
  create: (context, options) => {
    const { waitFor, ...rest } = options ?? {};
    if (waitFor !== undefined && waitFor !== "checkpoint" && waitFor !== "commit")
      throw new RangeError(`iota-rebased: waitFor must be "checkpoint" or "commit", got ${String(waitFor)}`);
    return build("iota-rebased", context, rebasedL1Options(waitFor), rest, L1_FAULTS);
  },
};

export const IOTA_REBASED_ISC_LEDGER: LedgerPlugin<DeepPartial<IotaConfig>> = {
  name: "iota-rebased-isc",
  label: "IOTA Rebased + ISC chains",
  vintage: { era: "today", calibrated: "2025-05" },
  carbon: CARBON.world,
  sources: {
    fee: "measured EVM gas of the contract at the ISC default price (10 gas per nano) plus a share of the Rebased anchor",
    time: "Wasp committee rounds (as IOTA 2.0) anchored on Rebased: commit and checkpoint",
  },
  waitsFor: () => "the checkpoint holding the block's anchor",
  description:
    "an ISC (Wasp) chain per microgrid anchored on IOTA Rebased: the paper's architecture on the 2025 base layer, EVM gas plus anchoring fees",
  security:
    "Wasp committee BFT per chain (safe while fewer than a third of the committee is faulty), anchored on Rebased's delegated proof of stake (more than two thirds of the stake honest)",
  defaultRoundSeconds: 10,
  faultKinds: ISC_FAULTS,
  create: (context, options) => build("iota-rebased-isc", context, rebasedIscOptions(), options, ISC_FAULTS),
};
