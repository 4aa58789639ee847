// report.pdf beside report.html, printed by headless Chromium once the charts have rendered. The
// PDF is optional: without Chromium, or when printing fails, one line goes to stderr and the run
// carries on. Chromium writes dates into a PDF, so report.pdf is not byte-identical from run to
// run and is left out of the folders' manifests (docs/report.md).
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { writeFileAtomic } from "../io/atomic.js";
import { chromiumAvailable, chromiumPath, printPdf } from "./chromium.js";

export const REPORT_PDF = "report.pdf";

/**
 * Prints `dir`/report.html to `dir`/report.pdf. Returns the PDF's path, or null (after one line on
 * `warn`) when Chromium is missing or printing failed.
 */
export async function writeReportPdf(
  dir: string,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<string | null> {
  const path = chromiumPath();
  if (!chromiumAvailable(path)) {
    warn(`report.pdf skipped: no headless Chromium at ${path} (install chromium or set CHROMIUM)`);
    return null;
  }
  try {
    const pdf = await printPdf(pathToFileURL(resolve(dir, "report.html")).href, { path });
    const out = join(dir, REPORT_PDF);
    writeFileAtomic(out, pdf);
    return out;
  } catch (err) {
    warn(`report.pdf skipped: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    return null;
  }
}
