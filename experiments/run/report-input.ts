// The report's inputs read back from a results directory (summary.json, manifest.json and
// periods.arrow), so that `p2psim report <dir>` redraws any run's charts without rerunning it.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { InputError } from "../cli/errors.js";
import { readJsonFile } from "../io/json.js";
import type { NetProductionRow, ReportInput, ScalabilityRow, Table1Row } from "../report/index.js";
import { PAPER, type LedgerFigures, type Summary } from "./report-data.js";
import type { Replication } from "./replicate.js";

const num = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");

function table1Rows(ledgers: readonly LedgerFigures[]): Table1Row[] {
  const iota = ledgers.find((l) => l.ledger === "iota");
  const eth = ledgers.find((l) => l.ledger === "ethereum");
  const v = (l: LedgerFigures | undefined, f: (l: LedgerFigures) => string): string =>
    l === undefined ? "not run" : f(l);
  return [
    {
      metric: "Energy cost per transaction",
      iota: v(iota, (l) => `${(l.energyPerTxWh * 1e9).toPrecision(3)} nWh`),
      ethereum: v(eth, (l) => `${(l.energyPerTxWh / 1000).toFixed(2)} kWh`),
      paperIota: PAPER.table1.energyPerTx.iota,
      paperEthereum: PAPER.table1.energyPerTx.ethereum,
      note:
        "Ours uses the configured IOTA energy reading (docs/ledger.md). The paper printed 3.93 nWh; read as 3.93e-9 kWh it is 3.93 uWh; " +
        "the IOTA Foundation measured 6.78 mJ (1.9 uWh) per transaction in 2022 (docs/errata.md, erratum 4)",
    },
    {
      metric: "Monetary cost per bid",
      iota: v(iota, (l) => `$${l.costPerBidUsd.toPrecision(3)}`),
      ethereum: v(eth, (l) => `$${l.costPerBidUsd.toFixed(2)}`),
      paperIota: PAPER.table1.costPerBid.iota,
      paperEthereum: PAPER.table1.costPerBid.ethereum,
      note: "Ethereum: gas of the measured contract x effective gas price x ETH/USD",
    },
    {
      metric: "Time per transaction (mean; p50 / p95)",
      iota: v(
        iota,
        (l) => `${num(l.txLatencyMeanS, 1)} s; ${num(l.txLatencyP50S, 1)} / ${num(l.txLatencyP95S, 1)} s`,
      ),
      ethereum: v(
        eth,
        (l) => `${num(l.txLatencyMeanS, 1)} s; ${num(l.txLatencyP50S, 1)} / ${num(l.txLatencyP95S, 1)} s`,
      ),
      paperIota: PAPER.table1.timePerTx.iota,
      paperEthereum: PAPER.table1.timePerTx.ethereum,
    },
    {
      metric: "Security",
      iota: v(iota, (l) => l.security),
      ethereum: v(eth, (l) => l.security),
      paperIota: PAPER.table1.security.iota,
      paperEthereum: PAPER.table1.security.ethereum,
    },
  ];
}

function readJson<T>(dir: string, name: string): T {
  const path = join(dir, name);
  if (!existsSync(path)) throw new InputError(`${dir}: not a results directory (no ${name})`);
  return readJsonFile(path) as T;
}

/** Fig 9: net production of each microgrid over the first 24 h of the headline run. */
function netProduction(dir: string, summary: Summary): NetProductionRow[] {
  const path = join(dir, "periods.arrow");
  if (!existsSync(path)) throw new InputError(`${dir}: not a results directory (no periods.arrow)`);
  const table = tableFromIPC(readFileSync(path));
  const col = <T>(name: string) => table.getChild(name)!.toArray() as ArrayLike<T>;
  const ledger = col<string>("ledger");
  const scenario = col<string>("scenario");
  const start = col<number>("start_ms");
  const microgrid = col<string>("microgrid");
  const pv = col<number>("pv_wh");
  const load = col<number>("load_wh");
  const first = summary.scenarios.find((s) => s.ledger === summary.headlineLedger)?.scenario;
  const rows: NetProductionRow[] = [];
  const t0 = start[0] ?? 0;
  for (let i = 0; i < table.numRows; i++) {
    const hour = (start[i]! - t0) / 3_600_000;
    if (ledger[i] !== summary.headlineLedger || scenario[i] !== first || hour >= 24) continue;
    rows.push({ hour, microgrid: microgrid[i]!, netKwh: (pv[i]! - load[i]!) / 1000 });
  }
  return rows;
}

/** The replications' seed means and 95 % intervals, when the run has them. */
function replicationHeadline(r: Replication | undefined): Record<string, string> {
  if (r === undefined) return {};
  return Object.fromEntries(
    r.figures.map((f) => [
      `${f.figure}: mean of ${f.n} seeds [95 % interval]`,
      `${num(f.mean, 2)} [${num(f.lo, 2)}, ${num(f.hi, 2)}]`,
    ]),
  );
}

/** Everything the report shows, from the files of a run. */
export function reportInputFromDir(dir: string): ReportInput {
  const summary = readJson<
    Summary & { scalability?: ScalabilityRow[]; replication?: Replication; dataset?: string }
  >(dir, "summary.json");
  const manifest = readJson<Record<string, unknown>>(dir, "manifest.json");
  const mine = summary.scenarios.filter((s) => s.ledger === summary.headlineLedger);
  const finite = Number.isFinite;
  return {
    title: `p2p-energy-sim: ${summary.name}${summary.dataset === undefined ? "" : `, ${summary.dataset}`} (seed ${summary.seed})`,
    netProduction: netProduction(dir, summary),
    benefits: mine.flatMap((s) =>
      s.byMicrogrid
        .filter((b) => finite(b.producerPct) && finite(b.consumerPct))
        .map((b) => ({
          scenario: s.scenario,
          microgrid: b.microgrid,
          producerPct: b.producerPct,
          consumerPct: b.consumerPct,
        })),
    ),
    totals: mine.map((s) => ({
      scenario: s.scenario,
      totalBenefitGbp: s.benefit.totalGbp,
      producerBenefitGbp: s.benefit.producerGbp,
      consumerBenefitGbp: s.benefit.consumerGbp,
      mainGridKwh: s.mainGridKwh,
      mainGridImportKwh: s.mainGridImportKwh,
      mainGridExportKwh: s.mainGridExportKwh,
    })),
    table1: table1Rows(summary.ledgers),
    scalability: (summary.scalability ?? []).filter(
      (r) => finite(r.txLatencyMeanS) && finite(r.txLatencyP95S) && finite(r.costPerBidUsd),
    ),
    claims: summary.claims,
    manifest,
    headline: {
      ledger: summary.headlineLedger,
      "producer benefit % (grid)": num(summary.headline.producerBenefitPctGrid, 2),
      "consumer benefit % (grid)": num(summary.headline.consumerBenefitPctGrid, 2),
      "main-grid energy, all vs grid (% less)": num(summary.headline.mainGridReductionAllVsGridPct, 2),
      "paper: producer %": PAPER.producerBenefitPctGrid,
      "paper: consumer %": PAPER.consumerBenefitPctGrid,
      "paper: % less main grid": PAPER.mainGridReductionAllVsGridPct,
      ...replicationHeadline(summary.replication),
    },
  };
}
