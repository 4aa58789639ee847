// Writes the report folder: for each chart its Vega-Lite spec, SVG and PNG, then report.html.
// Every file goes to a temporary name in the same folder and is renamed into place, so a reader
// (or a crashed run) never sees a half-written file.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { buildReportHtml } from "./html.js";
import { renderPng, renderSvg } from "./render.js";
import { CHART_NAMES, buildSpecs, chartsNotRun, specJson } from "./specs.js";
import type { ReportInput } from "./types.js";

/** Writes `data` to `path` atomically (same-folder temp file + rename) and returns `path`. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<string> {
  writeFileAtomic(path, data);
  return path;
}

/**
 * Writes <name>.vl.json, <name>.svg and <name>.png for every chart with data, then report.html,
 * into `dir` (created if missing); the files of a chart without data (a study not run) are removed.
 * Returns the written paths in writing order.
 */
export async function writeReport(dir: string, input: ReportInput): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const notRun = chartsNotRun(input);
  const all = buildSpecs(input);
  const drawn = CHART_NAMES.filter((name) => !notRun.includes(name));
  const specs = Object.fromEntries(drawn.map((name) => [name, all[name]]));
  const written: string[] = [];
  for (const name of notRun)
    for (const ext of [".vl.json", ".svg", ".png"]) await rm(join(dir, name + ext), { force: true });
  for (const name of drawn) {
    const spec = all[name];
    const svg = await renderSvg(spec);
    written.push(await writeAtomic(join(dir, `${name}.vl.json`), specJson(spec)));
    written.push(await writeAtomic(join(dir, `${name}.svg`), svg));
    written.push(await writeAtomic(join(dir, `${name}.png`), renderPng(svg)));
  }
  written.push(await writeAtomic(join(dir, "report.html"), buildReportHtml(input, specs)));
  return written;
}
