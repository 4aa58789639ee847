// Opens the report in headless Chromium and reads the rendered DOM back. Chromium is required:
// a missing browser FAILS this test (install Debian's `chromium`; CI installs it).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildReportHtml } from "../../experiments/report/html.js";
import { CHART_NAMES, buildSpecs } from "../../experiments/report/specs.js";
import { fixtureInput } from "./fixture.js";
import type { TopLevelSpec } from "vega-lite";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

function requireChromium(): void {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    throw new Error(
      `headless Chromium not found at ${CHROMIUM}: install Debian's chromium (sudo apt-get install -y chromium) ` +
        "or set CHROMIUM to its path. CI installs it; this test does not skip.",
    );
  }
}

function runChromium(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`chromium failed: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

let dir = "";
let dom = "";
let log = "";
/** The DOM of a page whose one chart makes Vega-Lite warn (an unknown aggregate). */
let warnedDom = "";

async function openPage(name: string, html: string): Promise<{ stdout: string; stderr: string }> {
  const page = join(dir, `${name}.html`);
  await writeFile(page, html);
  return runChromium([
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    `--user-data-dir=${join(dir, `profile-${name}`)}`,
    "--virtual-time-budget=10000",
    "--enable-logging=stderr",
    "--v=0",
    "--dump-dom",
    pathToFileURL(page).href,
  ]);
}

before(async () => {
  requireChromium();
  dir = await mkdtemp(join(tmpdir(), "report-browser-"));
  const input = fixtureInput();
  const specs = buildSpecs(input);
  const { stdout, stderr } = await openPage("report", buildReportHtml(input, specs));
  dom = stdout;
  log = stderr;
  const warning = {
    data: { values: [{ a: 1 }, { a: 2 }] },
    mark: "bar",
    encoding: { x: { field: "a", type: "quantitative", aggregate: "nope" } },
  } as unknown as TopLevelSpec;
  warnedDom = (await openPage("warned", buildReportHtml(input, { ...specs, fig13: warning }))).stdout;
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Attributes of the opening tag of each chart container, with the markup that follows it. */
function containers(): { name: string; attrs: Map<string, string>; inner: string }[] {
  return [...dom.matchAll(/<div\b([^>]*\sdata-chart="([^"]+)"[^>]*)>([\s\S]*?)<\/figure>/g)].map((m) => ({
    name: m[2] ?? "",
    attrs: new Map([...(m[1] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1] ?? "", a[2] ?? ""])),
    inner: m[3] ?? "",
  }));
}

function rootAttr(name: string, page = dom): string | undefined {
  const tag = /<html\b[^>]*>/.exec(page)?.[0] ?? "";
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

test("every chart container is marked rendered and holds an <svg>", () => {
  const found = containers();
  assert.deepEqual(found.map((c) => c.name).sort(), [...CHART_NAMES].sort());
  for (const c of found) {
    assert.equal(c.attrs.get("data-rendered"), "true", `${c.name} not rendered`);
    assert.match(c.inner, /<svg\b/, `${c.name} has no <svg>`);
  }
});

test("no chart container is marked with an error", () => {
  for (const c of containers())
    assert.equal(c.attrs.get("data-error"), undefined, `${c.name}: ${c.attrs.get("data-error")}`);
});

test("the page counted every chart as rendered", () => {
  assert.equal(rootAttr("data-charts-done"), "true");
  assert.equal(rootAttr("data-charts-rendered"), String(CHART_NAMES.length));
});

test("the page recorded no error (console.error, uncaught, rejected, blocked by CSP)", () => {
  assert.equal(rootAttr("data-errors"), "0", /<ol>([\s\S]*?)<\/ol>/.exec(dom)?.[1]);
});

test("the page logged no Vega warning", () => {
  assert.equal(rootAttr("data-warnings"), "0");
});

test("a Vega warning counts as an error on the page and is listed in the error box", () => {
  assert.ok(Number(rootAttr("data-warnings", warnedDom)) >= 1, "the warning was seen");
  assert.ok(Number(rootAttr("data-errors", warnedDom)) >= 1, "and counted as an error");
  assert.match(/<ol>([\s\S]*?)<\/ol>/.exec(warnedDom)?.[1] ?? "", /Warning: .*Invalid aggregation operator/);
});

test("Chromium's console log shows no uncaught error", () => {
  const consoleLines = log.split("\n").filter((line) => line.includes(":CONSOLE"));
  assert.deepEqual(
    consoleLines.filter((line) => /Uncaught|Error/.test(line)),
    [],
  );
});
