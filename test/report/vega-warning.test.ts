// A Vega or Vega-Lite warning while drawing counts as an error on the page: it is listed in the
// error box and counted in <html data-errors>, so the browser tests cannot pass over it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { TopLevelSpec } from "vega-lite";
import { buildReportHtml, buildSpecs } from "../../experiments/report/index.js";
import { fixtureInput } from "./fixture.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

function dumpDom(page: string, profile: string): Promise<string> {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    `--user-data-dir=${profile}`,
  ];
  return new Promise((resolve, reject) =>
    execFile(
      CHROMIUM,
      [...args, "--virtual-time-budget=10000", "--dump-dom", pathToFileURL(page).href],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`chromium failed: ${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
}

const rootAttr = (dom: string, name: string): number =>
  Number(new RegExp(`\\s${name}="([^"]*)"`).exec(/<html\b[^>]*>/.exec(dom)?.[0] ?? "")?.[1]);

test("a Vega-Lite warning is counted as an error and listed in the error box", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vega-warning-"));
  try {
    const input = fixtureInput();
    const warning = {
      data: { values: [{ a: 1 }, { a: 2 }] },
      mark: "bar",
      encoding: { x: { field: "a", type: "quantitative", aggregate: "nope" } },
    } as unknown as TopLevelSpec;
    const page = join(dir, "warned.html");
    await writeFile(page, buildReportHtml(input, { ...buildSpecs(input), fig13: warning }));
    const dom = await dumpDom(page, join(dir, "profile"));
    assert.ok(rootAttr(dom, "data-warnings") >= 1, "the warning was seen");
    assert.ok(rootAttr(dom, "data-errors") >= 1, "and counted as an error");
    assert.match(/<ol>([\s\S]*?)<\/ol>/.exec(dom)?.[1] ?? "", /Invalid aggregation operator/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
