// `make scale`: the world for growing numbers of microgrids and agents under every registered ledger
// (instant confirmation, "ideal", among them), one process per cell; writes results/scale/scale.arrow
// and a log-log chart of wall time against agents with the fitted slopes.
//   node --import tsx experiments/scale/run.ts [--max-agents N] [--days D] [--ledgers a,b] [--resume]
//     [--battery-share S]  (every cell also with home batteries at share S of the agents)
// Each finished cell is kept in results/scale/cells/; --resume reuses those of the same size, ledger
// and days instead of running them again (a full sweep to a million agents takes hours: docs/scale.md).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { linearRegression } from "simple-statistics";
import { ledgerNames } from "../../sim/index.js";
import { arrowFileBytes, tableOf } from "../io/arrow.js";
import { jsonText, writeFileAtomic } from "../io/atomic.js";
import { renderPng, renderSvg } from "../report/index.js";
import { cellLine, fixed, slopeTable } from "./format.js";
import { parseScaleRow, scaleColumns, type ScaleRow as Row } from "./row.js";
import type { TopLevelSpec } from "vega-lite";

/** (microgrids, agents per microgrid), from the paper's 3 x 5 upward. */
const CELLS: readonly [number, number][] = [
  [3, 5],
  [10, 20],
  [20, 50],
  [50, 100],
  [100, 100],
  [200, 100],
  [500, 200],
  [2000, 500],
];
const OUT = "results/scale";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The registered ledgers (sorted), or the subset `--ledgers a,b` names; an unknown name exits 2. */
function ledgersArg(): string[] {
  const known = ledgerNames();
  const i = process.argv.indexOf("--ledgers");
  if (i < 0) return known;
  const asked = (process.argv[i + 1] ?? "").split(",");
  const unknown = asked.filter((l) => !known.includes(l));
  if (unknown.length > 0) {
    process.stderr.write(`scale: --ledgers: unknown ${unknown.join(", ")} (expected ${known.join(", ")})\n`);
    process.exit(2);
  }
  return asked;
}

function runCell(
  mgs: number,
  per: number,
  ledger: string,
  days: number,
  resume: boolean,
  batteryShare: number,
): Row {
  const batteries = batteryShare > 0 ? [String(batteryShare)] : [];
  const suffix = batteryShare > 0 ? `-b${batteryShare}` : "";
  const cache = join(OUT, "cells", `${ledger}-${mgs}x${per}-${days}d${suffix}.json`);
  if (resume && existsSync(cache)) return parseScaleRow(readFileSync(cache, "utf8"));
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "experiments/scale/cell.ts",
      String(mgs),
      String(per),
      ledger,
      String(days),
      ...batteries,
    ],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`scale cell ${mgs} x ${per} ${ledger} failed: ${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop()!;
  writeFileAtomic(cache, `${line}\n`);
  return parseScaleRow(line);
}

/** The cells a slope is fitted on: those of 1,000+ agents when there are two (start-up costs
 * flatten the small cells), otherwise all. */
function fitted(rows: readonly Row[]): readonly Row[] {
  const large = rows.filter((r) => r.agents >= 1000);
  return large.length >= 2 ? large : rows;
}

/** Log-log slope of wall time against agents over the fitted cells (NaN with fewer than two). */
function slope(rows: readonly Row[]): number {
  const fit = fitted(rows);
  return fit.length < 2
    ? NaN
    : linearRegression(fit.map((r) => [Math.log10(r.agents), Math.log10(r.wallS)])).m;
}

/** A ledger's series: with batteries, its name and the battery share. */
function seriesOf(r: Row): string {
  return r.batteryShare > 0 ? `${r.ledger} + batteries ${r.batteryShare}` : r.ledger;
}

function fittedOn(rows: readonly Row[]): string {
  const fit = fitted(rows);
  if (fit.length === 0) return "no cells";
  const agents = fit.map((r) => r.agents);
  return `${fit.length} cell${fit.length === 1 ? "" : "s"}, ${Math.min(...agents)}-${Math.max(...agents)} agents`;
}

function chart(rows: readonly Row[], slopes: Record<string, number>, days: number): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `Wall time of ${days} simulated day(s) against agents`,
      subtitle: Object.entries(slopes)
        .map(([l, m]) => `${l}: fitted log-log slope ${fixed(m, 2)}`)
        .join("; "),
    },
    width: 520,
    height: 320,
    data: { values: rows.map((r) => ({ ledger: seriesOf(r), agents: r.agents, wallS: r.wallS })) },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "agents", type: "quantitative", scale: { type: "log" }, title: "Agents" },
      y: { field: "wallS", type: "quantitative", scale: { type: "log" }, title: "Wall time (s)" },
      color: { field: "ledger", type: "nominal", title: "Ledger" },
    },
    config: { font: "DejaVu Sans" },
  };
}

async function main(): Promise<void> {
  const maxAgents = arg("--max-agents", 10_000);
  const days = arg("--days", 7);
  const ledgers = ledgersArg();
  const resume = process.argv.includes("--resume");
  const batteryShare = arg("--battery-share", 0);
  if (!(batteryShare >= 0 && batteryShare <= 1)) {
    process.stderr.write(`scale: --battery-share: expected a share from 0 to 1, got ${batteryShare}\n`);
    process.exit(2);
  }
  const shares = batteryShare > 0 ? [0, batteryShare] : [0];
  const rows: Row[] = [];
  for (const [mgs, per] of CELLS.filter(([m, a]) => m * a <= maxAgents)) {
    for (const ledger of ledgers) {
      for (const share of shares) {
        const row = runCell(mgs, per, ledger, days, resume, share);
        rows.push(row);
        process.stdout.write(`${cellLine(row)}\n`);
      }
    }
  }
  const table = tableOf(scaleColumns(rows));
  writeFileAtomic(join(OUT, "scale.arrow"), arrowFileBytes(table));
  const series = [...new Set(rows.map(seriesOf))];
  const slopes = Object.fromEntries(series.map((l) => [l, slope(rows.filter((r) => seriesOf(r) === l))]));
  const spec = chart(rows, slopes, days);
  writeFileAtomic(join(OUT, "scale.vl.json"), jsonText(spec));
  const svg = await renderSvg(spec);
  writeFileAtomic(join(OUT, "scale.svg"), svg);
  writeFileAtomic(join(OUT, "scale.png"), renderPng(svg));
  writeFileAtomic(join(OUT, "scale.json"), jsonText({ slopes, rows }));
  const on = Object.fromEntries(series.map((l) => [l, fittedOn(rows.filter((r) => seriesOf(r) === l))]));
  process.stdout.write(`${slopeTable(slopes, on)}\nwrote ${OUT}/\n`);
}

await main();
