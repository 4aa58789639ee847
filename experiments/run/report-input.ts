// The report's inputs read back from a results directory (summary.json, manifest.json and
// periods.arrow), so that `p2psim report <dir>` redraws any run's charts without rerunning it.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { InputError } from "../cli/errors.js";
import { readJsonFile } from "../io/json.js";
import type { NetProductionRow, PaperMark, ReportInput, ScalabilityRow, Table1Row } from "../report/index.js";
import { PAPER, type LedgerFigures, type Summary } from "./report-data.js";
import type { Replication } from "./replicate.js";

const num = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");

/** Wh per transaction in the largest SI prefix below it, to five significant figures. */
function energyText(wh: number): string {
  if (!Number.isFinite(wh)) return "n/a";
  const prefixes: readonly (readonly [number, string])[] = [
    [1e3, "kWh"],
    [1, "Wh"],
    [1e-3, "mWh"],
    [1e-6, "uWh"],
    [1e-9, "nWh"],
  ];
  const [scale, unit] = prefixes.find(([scale]) => Math.abs(wh) >= scale) ?? prefixes[prefixes.length - 1]!;
  return `${Number((wh / scale).toPrecision(5))} ${unit}`;
}

type PaperMetric = keyof typeof PAPER.table1;

/** The paper's printed value of `metric` for `ledger`, when the paper had that ledger. */
function paperValue(metric: PaperMetric, ledger: string): string | undefined {
  const values: Readonly<Record<string, string>> = PAPER.table1[metric];
  return Object.hasOwn(values, ledger) ? values[ledger] : undefined;
}

/** Table I: one column per ledger model run (the paper's time first), the paper's value beside its ledgers. */
function table1Rows(ledgers: readonly LedgerFigures[]): Table1Row[] {
  const row = (
    metric: string,
    paper: PaperMetric | undefined,
    ours: (l: LedgerFigures) => string,
    note?: string,
    sources = false,
  ): Table1Row => ({
    metric,
    cells: ledgers.map((l) => {
      const printed = paper === undefined ? undefined : paperValue(paper, l.ledger);
      return {
        ledger: l.ledger,
        ours: ours(l),
        ...(printed === undefined ? {} : { paper: printed }),
        ...(l.era === undefined ? {} : { era: l.era }),
      };
    }),
    ...(note === undefined ? {} : { note }),
    ...(sources ? { sources } : {}),
  });
  const time = (l: LedgerFigures): string =>
    `${num(l.txLatencyMeanS, 1)} s; ${num(l.txLatencyP50S, 1)} / ${num(l.txLatencyP95S, 1)} s`;
  const perKwh =
    (pick: (s: NonNullable<LedgerFigures["settlement"]>) => number, unit: string) =>
    (l: LedgerFigures): string => {
      const value = l.settlement === undefined ? NaN : pick(l.settlement);
      return Number.isFinite(value) ? `${Number(value.toPrecision(3))} ${unit}` : "n/a";
    };
  return [
    row("Ledger", undefined, (l) => `${l.label ?? l.ledger} (calibrated ${l.calibrated ?? "?"})`),
    row(
      "Energy cost per transaction",
      "energyPerTx",
      (l) => energyText(l.energyPerTxWh),
      "Ours: the energy figure each model charges (sources below). The paper printed 3.93 nWh for IOTA; read as " +
        "3.93e-9 kWh it is 3.93 uWh; the IOTA Foundation measured 6.78 mJ (1.9 uWh) per transaction in 2022 (docs/errata.md, erratum 4)",
    ),
    row(
      "Monetary cost per bid",
      "costPerBid",
      (l) => `$${Number.isFinite(l.costPerBidUsd) ? l.costPerBidUsd.toPrecision(3) : "n/a"}`,
      "EVM ledgers: gas of the measured contract x effective gas price x ETH/USD; IOTA Rebased: its gas formula",
    ),
    row("Time per transaction (mean; p50 / p95)", "timePerTx", time),
    row("Confirmation the market waits for", undefined, (l) => l.waitsFor ?? "not stated"),
    row("Security", "security", (l) => l.security),
    row(
      "Settlement energy per kWh traded",
      undefined,
      perKwh((s) => s.whPerKwhTraded, "Wh/kWh"),
      "The ledger's energy for every transaction of the run over the energy sold to peers",
    ),
    row(
      "Settlement CO2 per kWh traded",
      undefined,
      perKwh((s) => s.gCo2PerKwhTraded, "g/kWh"),
      "That energy x the carbon intensity of the network's electricity (sources below)",
    ),
    row(
      "Fees per kWh traded",
      undefined,
      perKwh((s) => s.feesUsdPerKwhTraded, "USD/kWh"),
    ),
    row("Source: energy", undefined, (l) => l.energyReading, undefined, true),
    row("Source: cost", undefined, (l) => l.feeSource ?? "not stated", undefined, true),
    row("Source: time", undefined, (l) => l.timeSource ?? "not stated", undefined, true),
    row("Source: carbon intensity", undefined, (l) => l.settlement?.carbonSource ?? "n/a", undefined, true),
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
  const start = Array.from(col<bigint>("start"), Number); // Timestamp<MILLISECOND, UTC>
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

/**
 * The paper's values drawn on Figs. 11-14: only those its text prints (section V); its figures print
 * no numbers, so nothing is read off them and Fig. 13 has no mark (docs/report.md).
 */
export const PAPER_MARKS: readonly PaperMark[] = [
  {
    figure: "fig11",
    scenario: "grid",
    value: PAPER.producerBenefitPctGrid,
    label: `paper: ${PAPER.producerBenefitPctGrid} % (§V)`,
  },
  {
    figure: "fig12",
    scenario: "grid",
    value: PAPER.consumerBenefitPctGrid,
    label: `paper: ${PAPER.consumerBenefitPctGrid} % (§V)`,
  },
  {
    figure: "fig14",
    scenario: "all",
    value: -PAPER.mainGridReductionAllVsGridPct,
    relativeTo: "grid",
    label: `paper: Grid − ${PAPER.mainGridReductionAllVsGridPct} % (§V)`,
  },
];

/**
 * Fields of manifest.json that differ between machines and checkouts (versions, commit, command
 * line, paths and hashes): left out of the page so that report.html is byte-identical for the same
 * config and seed. They stay in manifest.json beside it.
 */
const MACHINE_FIELDS = new Set([
  "simulator",
  "dependencies",
  "node",
  "argv",
  "inputs",
  "files",
  "gitCommit",
  "package",
]);

/** Everything the report shows, from the files of a run. */
export function reportInputFromDir(dir: string): ReportInput {
  const summary = readJson<
    Summary & { scalability?: ScalabilityRow[]; replication?: Replication; dataset?: string }
  >(dir, "summary.json");
  const manifest = Object.fromEntries(
    Object.entries(readJson<Record<string, unknown>>(dir, "manifest.json")).filter(
      ([key]) => !MACHINE_FIELDS.has(key),
    ),
  );
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
    paper: PAPER_MARKS.map((m) => ({ ...m })),
  };
}
