// Every reading of the paper's "average benefit per Wh", computed after the run from its outputs:
// the periods table's per-(period, microgrid) sums and the agents table's totals. docs/metrics.md
// defines each reading; docs/errata.md (R1) says why pooled/all is the headline.
//
// Assumptions and units (Wh, p/kWh, pence):
// - A figure is the per-Wh benefit of some energy: producer % = (received - Wh x Pgs / 1000) /
//   (Wh x Pgs / 1000) x 100, consumer % = (Wh x Pgb / 1000 - paid) / (Wh x Pgb / 1000) x 100
//   (./benefit.ts). It is NaN when that energy is 0.
// - Averaging says over which groups the figure is taken and how groups are combined: pooled (one
//   figure over every Wh of the involved agents), microgrid, agent or period (the plain mean of
//   each involved microgrid's, agent's or period's figure, over those whose figure is defined:
//   that sold, resp. bought, something on the basis).
// - Basis says which Wh count: all (every Wh sold / bought, main-grid energy and forecast-error
//   imbalance included, at 0 % since they are settled at Pgs / Pgb) or peer (only Wh traded with
//   other agents: level 1, netting and level 2).
// - Only involved microgrids count: their rows of the periods table and their members' totals.
// Pure functions over typed columns; no per-row objects.
import { consumerBenefitPct, producerBenefitPct } from "./benefit.js";

/** How per-Wh figures are combined, as const so reports can list them. */
export const AVERAGINGS = ["pooled", "microgrid", "agent", "period"] as const;
export type Averaging = (typeof AVERAGINGS)[number];

/** Which Wh count, as const so reports can list them. */
export const BASES = ["all", "peer"] as const;
export type Basis = (typeof BASES)[number];

/** A benefit % per averaging and basis; NaN where nothing was traded on that basis. */
export type ReadingTable = Record<Averaging, Record<Basis, number>>;

export interface BenefitReadings {
  producer: ReadingTable;
  consumer: ReadingTable;
}

/** Energy (Wh) and money (pence) sums, one entry per row: the agents' or the periods' columns. */
export interface BenefitColumns {
  boughtWh: ArrayLike<number>;
  soldWh: ArrayLike<number>;
  paidP: ArrayLike<number>;
  receivedP: ArrayLike<number>;
  peerBoughtWh: ArrayLike<number>;
  peerSoldWh: ArrayLike<number>;
  peerPaidP: ArrayLike<number>;
  peerReceivedP: ArrayLike<number>;
}

export interface BenefitInputs {
  /** The periods table's rows: period index and microgrid code per row, and the members' sums. */
  periods: BenefitColumns & { period: ArrayLike<number>; microgrid: ArrayLike<number> };
  /** The agents' totals over the run, indexed by dense agent id. */
  agents: BenefitColumns;
  /** Microgrid code of each agent (dense agent id). */
  agentMicrogrid: ArrayLike<number>;
  /** Codes of the microgrids the scenario involves. */
  involved: ReadonlySet<number>;
  /** Main-grid sell and buy prices (p/kWh). */
  pgs: number;
  pgb: number;
}

/** The eight columns every averaging reads. */
export const BENEFIT_KEYS = [
  "boughtWh",
  "soldWh",
  "paidP",
  "receivedP",
  "peerBoughtWh",
  "peerSoldWh",
  "peerPaidP",
  "peerReceivedP",
] as const satisfies readonly (keyof BenefitColumns)[];
const KEYS = BENEFIT_KEYS;

/** Sums of the eight columns into groups: group g's sums are entry g of each array. */
type Sums = Record<(typeof BENEFIT_KEYS)[number], Float64Array>;

/** Sums rows into `groups` groups: row i goes to group `groupOf[i]`, or nowhere when it is -1. */
function groupSums(columns: BenefitColumns, groupOf: Int32Array, groups: number): Sums {
  const out = {} as Sums;
  for (const key of KEYS) {
    const source = columns[key];
    const sums = new Float64Array(groups);
    for (let i = 0; i < groupOf.length; i++) {
      const g = groupOf[i]!;
      if (g >= 0) sums[g]! += source[i]!;
    }
    out[key] = sums;
  }
  return out;
}

/** Per group, its producer and consumer figure on each basis (NaN where it traded nothing). */
function figures(
  s: Sums,
  pgs: number,
  pgb: number,
): { producer: Record<Basis, Float64Array>; consumer: Record<Basis, Float64Array> } {
  const n = s.soldWh.length;
  const producer = { all: new Float64Array(n), peer: new Float64Array(n) };
  const consumer = { all: new Float64Array(n), peer: new Float64Array(n) };
  for (let g = 0; g < n; g++) {
    producer.all[g] = producerBenefitPct(s.receivedP[g]!, s.soldWh[g]!, pgs);
    producer.peer[g] = producerBenefitPct(s.peerReceivedP[g]!, s.peerSoldWh[g]!, pgs);
    consumer.all[g] = consumerBenefitPct(s.paidP[g]!, s.boughtWh[g]!, pgb);
    consumer.peer[g] = consumerBenefitPct(s.peerPaidP[g]!, s.peerBoughtWh[g]!, pgb);
  }
  return { producer, consumer };
}

/** Mean of the defined (non-NaN) entries; NaN when there are none. */
function meanDefined(xs: Float64Array): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (Number.isNaN(x)) continue;
    sum += x;
    n++;
  }
  return n > 0 ? sum / n : NaN;
}

/**
 * Producer and consumer benefit % of the involved microgrids under every averaging and basis.
 * pooled/all equals `benefitOf(...)`'s producerPct / consumerPct over the same agents, and
 * pooled/peer its producerP2pPct / consumerP2pPct. NaN where nothing was sold (producer) or bought
 * (consumer) on that basis.
 */
export function benefitReadings(input: BenefitInputs): BenefitReadings {
  const { periods, agents, agentMicrogrid, involved, pgs, pgb } = input;

  // pooled: every involved agent in one group, summed in agent order.
  const agentCount = agentMicrogrid.length;
  const pooledOf = new Int32Array(agentCount);
  const agentOf = new Int32Array(agentCount);
  const microgridOf = new Int32Array(agentCount);
  let microgrids = 0;
  for (let a = 0; a < agentCount; a++) microgrids = Math.max(microgrids, agentMicrogrid[a]! + 1);
  for (let r = 0; r < periods.microgrid.length; r++)
    microgrids = Math.max(microgrids, periods.microgrid[r]! + 1);
  const involvedMask = new Uint8Array(microgrids);
  for (const m of involved) if (m >= 0 && m < microgrids) involvedMask[m] = 1;
  for (let a = 0; a < agentCount; a++) {
    const m = agentMicrogrid[a]!;
    const inside = involvedMask[m] === 1;
    pooledOf[a] = inside ? 0 : -1;
    agentOf[a] = inside ? a : -1;
    microgridOf[a] = inside ? m : -1;
  }

  // period: the involved microgrids' rows, grouped by period index (offset from the first).
  const rows = periods.period.length;
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < rows; r++) {
    first = Math.min(first, periods.period[r]!);
    last = Math.max(last, periods.period[r]!);
  }
  const periodCount = rows > 0 ? last - first + 1 : 0;
  const periodOf = new Int32Array(rows);
  for (let r = 0; r < rows; r++)
    periodOf[r] = involvedMask[periods.microgrid[r]!] === 1 ? periods.period[r]! - first : -1;

  const pooled = figures(groupSums(agents, pooledOf, 1), pgs, pgb);
  const byMicrogrid = figures(groupSums(agents, microgridOf, microgrids), pgs, pgb);
  // Microgrids outside the scenario have no figure (their sums are 0, so NaN already).
  const byAgent = figures(groupSums(agents, agentOf, agentCount), pgs, pgb);
  const byPeriod = figures(groupSums(periods, periodOf, periodCount), pgs, pgb);

  const table = (side: "producer" | "consumer"): ReadingTable => {
    const reading = (basis: Basis) => ({
      pooled: pooled[side][basis][0]!,
      microgrid: meanDefined(byMicrogrid[side][basis]),
      agent: meanDefined(byAgent[side][basis]),
      period: meanDefined(byPeriod[side][basis]),
    });
    const all = reading("all");
    const peer = reading("peer");
    return {
      pooled: { all: all.pooled, peer: peer.pooled },
      microgrid: { all: all.microgrid, peer: peer.microgrid },
      agent: { all: all.agent, peer: peer.agent },
      period: { all: all.period, peer: peer.period },
    };
  };
  return { producer: table("producer"), consumer: table("consumer") };
}
