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

/** One ledger's values in a Table I row, formatted as text: ours and, when the paper has it, the paper's. */
export interface Table1Cell {
  /** The column's heading: the ledger's name. */
  ledger: string;
  ours: string;
  paper?: string;
  /** "2022" (the paper's time) or "today": the table groups its columns by it. */
  era?: string;
}

/**
 * Table I: one row per metric, one column per ledger (in the order of first appearance), and a paper
 * column beside each ledger the paper reported.
 */
export interface Table1Row {
  metric: string;
  cells: Table1Cell[];
  note?: string;
  /** A row of sources: shown in the HTML table, left out of the chart (long text). */
  sources?: boolean;
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

/**
 * One of the paper's values drawn on Figs. 11-14 as a reference mark. Only values the paper prints
 * in its text are used (its figures carry no printed numbers): see docs/report.md.
 */
export interface PaperMark {
  figure: "fig11" | "fig12" | "fig13" | "fig14";
  /** The scenario (x category) the mark stands on. */
  scenario: string;
  /**
   * In the figure's unit; with `relativeTo`, a change in percent of our bar of that scenario (the
   * paper's "20.6 % less than Grid" drawn on our Grid total).
   */
  value: number;
  relativeTo?: string;
  /** Legend and tooltip text, naming where the paper prints it. */
  label: string;
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
  /** The paper's values drawn as reference marks (none when absent). */
  paper?: PaperMark[];
}
