// The model figures quoted in docs/ledger.md, generated from a run: `node --import tsx
// experiments/io/ledger-doc.ts` (or `make ledger-doc`) runs the paper config's "all" scenario on every
// registered ledger that has a model (the paper's and today's) and rewrites the section between the markers; a test fails
// while the doc and a fresh run disagree. Input parameters and their sources stay hand-written.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  EthereumLedger,
  KIND,
  TxStatus,
  ledgerModelNames,
  type Ledger,
  type TxKind,
} from "../../sim/ledger/index.js";
import { loadRunConfig } from "../config/load.js";
import { PAPER_CONFIG } from "../run/paths.js";
import { ledgerFigures } from "../run/report-data.js";
import { simulate } from "../run/simulate.js";
import { writeFileAtomic } from "./atomic.js";
import { readJsonFile } from "./json.js";
import { sensitivity, sensitivityTable, type SensitivityRow } from "./sensitivity.js";

export const LEDGER_DOC = fileURLToPath(new URL("../../docs/ledger.md", import.meta.url));

const BEGIN =
  "<!-- model figures: generated from a run of experiments/paper/paper.json by `node --import tsx experiments/io/ledger-doc.ts`; do not edit by hand -->";
const END = "<!-- end of generated model figures -->";

/** Every ledger model on the paper config, each after the config's "all" scenario. */
export function paperLedgerModels(configPath: string = PAPER_CONFIG): {
  seed: number;
  days: number;
  models: Ledger[];
} {
  const config = loadRunConfig(configPath);
  config.scenarios = ["all"];
  config.ledgers = ledgerModelNames() as typeof config.ledgers;
  const result = simulate(config, dirname(configPath));
  const models = result.runs.flatMap((r) => (r.ledgerModel === undefined ? [] : [r.ledgerModel]));
  const days = config.profiles.source === "synthetic" ? config.profiles.days : NaN;
  return { seed: config.seed, days, models };
}

const fixed = (x: number, d: number): string => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
/** Gwei to four significant figures (a rollup's base fee is thousandths of a gwei). */
const gwei = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : "n/a");
const usd = (x: number): string => (Number.isFinite(x) ? `$${Number(x.toPrecision(3))}` : "n/a");

/** Mean fee (USD) of the executed transactions (confirmed or reverted) of the given kinds. */
function meanFeeUsd(model: Ledger, kinds: readonly TxKind[]): number {
  const log = model.log;
  const codes = new Set<number>(kinds.map((k) => KIND[k]));
  let n = 0;
  let sum = 0;
  for (let r = 0; r < log.length - log.base; r++) {
    const s = log.status[r];
    if ((s !== TxStatus.CONFIRMED && s !== TxStatus.REJECTED) || !codes.has(log.kind[r]!)) continue;
    n++;
    sum += log.feeUsd[r]!;
  }
  return n > 0 ? sum / n : NaN;
}

/** Mean base fee over the blocks a model built (gwei), for models with a block log of base fees. */
function meanBaseFeeGwei(model: Ledger): number {
  if (!(model instanceof EthereumLedger) || model.blocks.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < model.blocks.length; i++) sum += model.blocks.baseFeeGwei[i]!;
  return sum / model.blocks.length;
}

/** The generated section, markers included, from the models of one run. */
export function modelFiguresSection(run: { seed: number; days: number; models: readonly Ledger[] }): string {
  const rows = run.models.map((m) => {
    const f = ledgerFigures(m);
    return (
      `| \`${f.ledger}\` | ${fixed(f.txLatencyMeanS, 1)} | ${fixed(f.txLatencyP50S, 1)} | ${fixed(f.txLatencyP95S, 1)} ` +
      `| ${usd(f.costPerBidUsd)} | ${usd(meanFeeUsd(m, ["bid", "ask"]))} | ${usd(meanFeeUsd(m, ["update"]))} ` +
      `| ${usd(meanFeeUsd(m, ["clear"]))} | ${gwei(meanBaseFeeGwei(m))} | ${Number(f.energyPerTxWh.toPrecision(5))} |`
    );
  });
  const readings = run.models.map((m) => `- \`${m.name}\`: ${ledgerFigures(m).energyReading}`);
  return [
    BEGIN,
    "",
    `The paper config (seed ${run.seed}, ${run.days} days, scenario "all": 15 agents in 3 microgrids, an order ` +
      "and three updates per agent and a clear per microgrid every 30 minutes). Times are per order, " +
      "submission to confirmation; cost per order covers new orders and updates (reverted ones pay too); " +
      "base fee is the mean over the blocks built (Ethereum models).",
    "",
    "| ledger | mean s | p50 s | p95 s | cost / order | bid or ask | update | clear | base fee gwei | Wh / tx |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "Energy figure charged per transaction:",
    "",
    ...readings,
    "",
    END,
  ].join("\n");
}

/** `doc` with the section between `begin` and `end` replaced by `section` (markers included). */
function replaceSection(doc: string, section: string, begin: string, end: string, what: string): string {
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/ledger.md: the generated ${what} markers are missing`);
  return doc.slice(0, from) + section + doc.slice(to + end.length);
}

/** `doc` with its generated section replaced by `section`. */
export function withModelFigures(doc: string, section: string): string {
  return replaceSection(doc, section, BEGIN, END, "model figures");
}

const SENSITIVITY_BEGIN =
  "<!-- sensitivity: generated from one-day runs of experiments/paper/paper.json by `node --import tsx experiments/io/ledger-doc.ts`; do not edit by hand -->";
const SENSITIVITY_END = "<!-- end of generated sensitivity -->";

/** The generated sensitivity table, markers included. */
export function sensitivitySection(rows: readonly SensitivityRow[]): string {
  return [SENSITIVITY_BEGIN, "", ...sensitivityTable(rows), "", SENSITIVITY_END].join("\n");
}

/** `doc` with its generated sensitivity table replaced by `section`. */
export function withSensitivity(doc: string, section: string): string {
  return replaceSection(doc, section, SENSITIVITY_BEGIN, SENSITIVITY_END, "sensitivity");
}

/** Every assumption of ASSUMPTIONS at its default, low and high on the paper config. */
export function paperSensitivity(configPath: string = PAPER_CONFIG): SensitivityRow[] {
  return sensitivity(readJsonFile(configPath));
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  const section = modelFiguresSection(paperLedgerModels());
  const doc = withModelFigures(readFileSync(LEDGER_DOC, "utf8"), section);
  writeFileAtomic(LEDGER_DOC, withSensitivity(doc, sensitivitySection(paperSensitivity())));
  process.stdout.write(`wrote ${LEDGER_DOC}\n`);
}
