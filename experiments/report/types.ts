// Plain in-memory inputs of the report: the runner hands these over; nothing here knows how they
// were computed. Units are in the field names (kWh, %, GBP, s, USD); hours count from the run start.

/** Fig. 9: one row per trading period of the first 24 h; netKwh = production - consumption. */
export interface NetProductionRow {
  hour: number;
  microgrid: string;
  netKwh: number;
}

/** Figs. 11, 12: average benefit per Wh traded over the wholesale alternative, in percent. */
export interface BenefitRow {
  scenario: string;
  microgrid: string;
  producerPct: number;
  consumerPct: number;
}

/** Figs. 13, 14: totals over the run per trading scenario. */
export interface ScenarioTotalRow {
  scenario: string;
  totalBenefitGbp: number;
  producerBenefitGbp: number;
  consumerBenefitGbp: number;
  mainGridKwh: number;
  mainGridImportKwh: number;
  mainGridExportKwh: number;
}

/** Table I: values already formatted as text, ours next to the paper's. */
export interface Table1Row {
  metric: string;
  iota: string;
  ethereum: string;
  paperIota: string;
  paperEthereum: string;
  note?: string;
}

export interface ScalabilityRow {
  ledger: string;
  participants: number;
  txLatencyMeanS: number;
  txLatencyP95S: number;
  costPerBidUsd: number;
}

/**
 * One of the paper's claims checked against our run: an identity (holds by construction, with the
 * reason) or an empirical claim (can fail); `seeds` says in how many replications it held.
 */
export interface Claim {
  id: string;
  claim: string;
  kind: "identity" | "empirical";
  because?: string;
  ours: string;
  paper: string;
  holds: boolean;
  why?: string;
  seeds?: { held: number; of: number };
}

export interface ReportInput {
  title: string;
  netProduction: NetProductionRow[];
  benefits: BenefitRow[];
  totals: ScenarioTotalRow[];
  table1: Table1Row[];
  scalability: ScalabilityRow[];
  claims: Claim[];
  manifest: Record<string, unknown>;
  headline: Record<string, number | string>;
}
