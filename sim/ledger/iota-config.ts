// IOTA 2.0 ledger configuration with documented defaults (see docs/ledger.md for the calibration).
//
// Units: ms, messages/s, hashes/s, bytes, IOTA tokens, USD.
// Calibration at light load (the paper's ~12 s per bid, Table I), in expectation:
//   batch window 750 ms + Wasp consensus round 1,000 ms + anchor PoW 250 ms (difficulty 21 at
//   2^23 hashes/s) + Layer-1 confirmation 10,000 ms = 12,000 ms.
import { deepFreeze, mergeConfig, type DeepPartial } from "./merge.js";
import { IOTA_ENERGY_WH, type IotaEnergyReading } from "./energy.js";

export interface IotaConfig {
  /** Number of Wasp chains: one per microgrid. */
  chains: number;
  /** Kernel priority of the ledger's events (lower runs first at equal time). */
  eventPriority: number;
  wasp: {
    /** Committee nodes per chain; the quorum is floor(2n/3) + 1. */
    committeeSize: number;
    /** Mean duration of one consensus round (ms), lognormal. */
    roundMeanMs: number;
    roundCv: number;
    /** An idle chain waits this long after the first request before starting a round (ms). */
    batchWindowMs: number;
    /** Most requests per chain block. */
    maxBatch: number;
    /** Size of one off-ledger request (bytes), logged as sizeOrGas. */
    requestBytes: number;
  };
  l1: {
    /** Mean Layer-1 (Tangle) confirmation latency after issuance (ms), lognormal. */
    latencyMeanMs: number;
    latencyCv: number;
    /** Network issuance cap (messages/s); issuance beyond it queues FIFO. */
    throughputMps: number;
    /** Other users' messages/s, taken off the cap. */
    backgroundMps: number;
  };
  pow: {
    /** Leading zero bits required at a low issuance rate (GoShimmer default 21). */
    baseDifficulty: number;
    /** Window over which a node's issued messages raise its difficulty (ms; GoShimmer: 60 s). */
    windowMs: number;
    /** Messages in the window per extra bit of difficulty (GoShimmer's rate 1/6 -> 6). */
    messagesPerStep: number;
    /** Hash rate of the issuing device (hashes/s). */
    hashRateHps: number;
  };
  fee: {
    /** Fee per Layer-2 request (IOTA tokens); Layer-1 messages are feeless. */
    iotaPerRequest: number;
    /** USD per million IOTA (the paper: $0.3303). */
    usdPerMiota: number;
    /** Cost of one anchor on Layer 1 (same unit), shared equally by the requests of its block (0: feeless). */
    anchorIota: number;
    /** Fee of a Layer-1 ("inter-mg") message (same unit; 0: feeless Layer 1). */
    l1MessageIota: number;
  };
  energy: {
    /** Which reading of Table I's 3.93 nWh to charge per transaction (see energy.ts). */
    reading: IotaEnergyReading;
    /** A figure that replaces the reading (Wh per transaction and where it comes from), or null. */
    override: { wh: number; note: string } | null;
  };
}

const DEFAULTS: IotaConfig = {
  chains: 3,
  eventPriority: 0,
  wasp: {
    committeeSize: 4,
    roundMeanMs: 1_000,
    roundCv: 0.3,
    batchWindowMs: 750,
    maxBatch: 100,
    requestBytes: 300,
  },
  l1: {
    latencyMeanMs: 10_000,
    latencyCv: 0.25,
    throughputMps: 100,
    backgroundMps: 0,
  },
  pow: {
    baseDifficulty: 21,
    windowMs: 60_000,
    messagesPerStep: 6,
    hashRateHps: 2 ** 23,
  },
  fee: { iotaPerRequest: 1, usdPerMiota: 0.3303, anchorIota: 0, l1MessageIota: 0 },
  energy: { reading: "printed", override: null },
};

export const DEFAULT_IOTA_CONFIG: Readonly<IotaConfig> = deepFreeze(DEFAULTS);

/** Defaults with overrides applied; throws RangeError on an impossible value. */
export function iotaConfig(overrides?: DeepPartial<IotaConfig>): IotaConfig {
  const c = mergeConfig(DEFAULT_IOTA_CONFIG as IotaConfig, overrides);
  const bad = (what: string): never => {
    throw new RangeError(`IotaConfig: ${what}`);
  };
  if (!Number.isInteger(c.chains) || c.chains < 1) bad(`chains must be a positive integer, got ${c.chains}`);
  if (!Object.hasOwn(IOTA_ENERGY_WH, c.energy.reading))
    bad(
      `energy.reading must be one of ${Object.keys(IOTA_ENERGY_WH).join(", ")}, got ${JSON.stringify(c.energy.reading)}`,
    );
  if (!Number.isInteger(c.wasp.committeeSize) || c.wasp.committeeSize < 1)
    bad("wasp.committeeSize must be >= 1");
  if (!(c.wasp.roundMeanMs > 0) || !(c.wasp.roundCv >= 0))
    bad("wasp.roundMeanMs must be > 0 and roundCv >= 0");
  if (!(c.wasp.batchWindowMs >= 0)) bad("wasp.batchWindowMs must be >= 0");
  if (!Number.isInteger(c.wasp.maxBatch) || c.wasp.maxBatch < 1)
    bad("wasp.maxBatch must be a positive integer");
  if (!(c.l1.latencyMeanMs > 0) || !(c.l1.latencyCv >= 0))
    bad("l1.latencyMeanMs must be > 0 and latencyCv >= 0");
  if (!(c.l1.throughputMps - c.l1.backgroundMps > 0)) bad("l1.throughputMps must exceed l1.backgroundMps");
  if (!Number.isInteger(c.pow.baseDifficulty) || c.pow.baseDifficulty < 0)
    bad("pow.baseDifficulty must be an integer >= 0");
  if (!(c.pow.windowMs > 0) || !(c.pow.messagesPerStep > 0) || !(c.pow.hashRateHps > 0)) {
    bad("pow.windowMs, pow.messagesPerStep and pow.hashRateHps must be > 0");
  }
  if (
    !(c.fee.iotaPerRequest >= 0) ||
    !(c.fee.usdPerMiota >= 0) ||
    !(c.fee.anchorIota >= 0) ||
    !(c.fee.l1MessageIota >= 0)
  )
    bad("fees must be >= 0");
  if (c.energy.override !== null && !(c.energy.override.wh >= 0)) bad("energy.override.wh must be >= 0");
  return c;
}

/** Quorum of a Wasp committee of n nodes: floor(2n/3) + 1 (more than two thirds). */
export function waspQuorum(n: number): number {
  return Math.floor((2 * n) / 3) + 1;
}

/** Most nodes that may be down while the chain still confirms: floor((n - 1) / 3). */
export function waspFaultTolerance(n: number): number {
  return Math.floor((n - 1) / 3);
}
