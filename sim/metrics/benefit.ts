// Benefit metrics for the paper, read as docs/errata.md (reading R1) explains.
//
// Assumptions and units (Wh, p/kWh, pence, GBP):
// - Producer benefit % = (price received - Pgs) / Pgs x 100, consumer benefit % =
//   (Pgb - price paid) / Pgb x 100, each averaged per Wh traded, with energy traded with the main
//   grid counted at 0 %. Because the benefit is linear in price, the per-Wh average equals the
//   benefit of the volume-weighted average price, computed here from totals.
// - The second metric, "P2P-only", averages over the Wh traded with peers (levels 1 and 2) only.
// - Total benefit (GBP): what producers earned above Pgs plus what consumers saved below Pgb.

export interface Totals {
  boughtWh: number;
  soldWh: number;
  paidP: number;
  receivedP: number;
  peerBoughtWh: number;
  peerSoldWh: number;
  peerPaidP: number;
  peerReceivedP: number;
}

export function emptyTotals(): Totals {
  return {
    boughtWh: 0,
    soldWh: 0,
    paidP: 0,
    receivedP: 0,
    peerBoughtWh: 0,
    peerSoldWh: 0,
    peerPaidP: 0,
    peerReceivedP: 0,
  };
}

export interface Benefit {
  /** Per Wh sold, main-grid Wh at 0 % (NaN when nothing was sold). */
  producerPct: number;
  /** Per Wh bought, main-grid Wh at 0 % (NaN when nothing was bought). */
  consumerPct: number;
  /** Per Wh sold to / bought from peers only. */
  producerP2pPct: number;
  consumerP2pPct: number;
  producerGbp: number;
  consumerGbp: number;
  totalGbp: number;
}

const percent = (gain: number, reference: number): number => (reference > 0 ? (gain / reference) * 100 : NaN);

/** Producer benefit % of `receivedP` pence for `soldWh` against selling at Pgs (NaN if nothing sold). */
export function producerBenefitPct(receivedP: number, soldWh: number, pgs: number): number {
  const reference = (soldWh * pgs) / 1000;
  return percent(receivedP - reference, reference);
}

/** Consumer benefit % of `paidP` pence for `boughtWh` against buying at Pgb (NaN if nothing bought). */
export function consumerBenefitPct(paidP: number, boughtWh: number, pgb: number): number {
  const reference = (boughtWh * pgb) / 1000;
  return percent(reference - paidP, reference);
}

export function benefitOf(t: Totals, pgs: number, pgb: number): Benefit {
  const producerP = t.receivedP - (t.soldWh * pgs) / 1000;
  const consumerP = (t.boughtWh * pgb) / 1000 - t.paidP;
  return {
    producerPct: producerBenefitPct(t.receivedP, t.soldWh, pgs),
    consumerPct: consumerBenefitPct(t.paidP, t.boughtWh, pgb),
    producerP2pPct: producerBenefitPct(t.peerReceivedP, t.peerSoldWh, pgs),
    consumerP2pPct: consumerBenefitPct(t.peerPaidP, t.peerBoughtWh, pgb),
    producerGbp: producerP / 100,
    consumerGbp: consumerP / 100,
    totalGbp: (producerP + consumerP) / 100,
  };
}
