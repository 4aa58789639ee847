// The paper reproduction: the paper's setup for every scenario and ledger, the ledger
// scalability study, and every artifact (Arrow tables, charts, report, summary).
import { dirname, resolve } from "node:path";
import { scaleStudy } from "../../sim/ledger/index.js";
import { loadRunConfig } from "../config/load.js";
import { writeResults } from "../io/results.js";
import { writeReport, type Claim, type ScalabilityRow } from "../report/index.js";
import { buildSummary, type Summary } from "./report-data.js";
import { reportInputFromDir } from "./report-input.js";
import { PAPER_CONFIG } from "./paths.js";
import { simulate } from "./simulate.js";

export { DEFAULT_REPRODUCE_DIR, PAPER_CONFIG } from "./paths.js";

/** Participant counts of the scalability study (the paper's 15 up to 15,000). */
export const SCALE_PARTICIPANTS = [15, 150, 1_500, 15_000] as const;

export function scalability(
  seed: number,
  participants: readonly number[] = SCALE_PARTICIPANTS,
): ScalabilityRow[] {
  const rows: ScalabilityRow[] = [];
  for (const n of participants) {
    const study = scaleStudy({ participants: n, seed, periods: 1 });
    for (const figures of Object.values(study.byLedger)) {
      rows.push({
        ledger: figures.ledger,
        participants: n,
        txLatencyMeanS: figures.orderLatency.meanMs / 1000,
        txLatencyP95S: figures.orderLatency.p95Ms / 1000,
        costPerBidUsd: figures.costPerBidUsd,
      });
    }
  }
  return rows;
}

/** The paper's claim on scalability, from the study: flat on IOTA, rising on Ethereum. */
export function scalabilityClaim(rows: readonly ScalabilityRow[]): Claim {
  const series = (ledger: string) =>
    rows.filter((r) => r.ledger === ledger).sort((a, b) => a.participants - b.participants);
  const growth = (ledger: string): number => {
    const s = series(ledger);
    return s.length < 2 ? NaN : s[s.length - 1]!.txLatencyMeanS / s[0]!.txLatencyMeanS;
  };
  const iota = growth("iota");
  const eth = growth("ethereum");
  const span = `${rows[0]?.participants ?? "?"} to ${Math.max(...rows.map((r) => r.participants))} participants`;
  return {
    id: "iota-flat-ethereum-rising",
    claim: "IOTA time per transaction does not grow with participants while Ethereum's does",
    ours: `mean time per order from ${span}: IOTA x${iota.toFixed(2)}, Ethereum x${eth.toFixed(2)}`,
    paper: "IOTA scales better with participants (section IV.A)",
    holds: iota < 1.2 && eth > 1.2,
  };
}

export interface ReproduceResult {
  dir: string;
  summary: Summary & { scalability: ScalabilityRow[] };
  files: string[];
}

/** Runs everything and writes `dir`. */
export async function reproduce(
  dir: string,
  configPath = PAPER_CONFIG,
  participants: readonly number[] = SCALE_PARTICIPANTS,
): Promise<ReproduceResult> {
  const config = loadRunConfig(configPath);
  const result = simulate(config, dirname(resolve(configPath)));
  const base = buildSummary(result);
  const scalabilityRows = scalability(config.seed, participants);
  const claims = [...base.claims, scalabilityClaim(scalabilityRows)];
  const summary = { ...base, claims, scalability: scalabilityRows };
  const files = writeResults(dir, result, summary);
  const reportFiles = await writeReport(dir, reportInputFromDir(dir));
  return { dir, summary, files: [...files, ...reportFiles.map((f) => f.split("/").pop() ?? f)] };
}
