// Opens the report in headless Chromium (over the DevTools pipe) on a desktop window and on a phone,
// reads the rendered page back, saves screenshots, and prints the PDF. Chromium is required: a
// missing browser FAILS this test (install Debian's `chromium`; CI installs it).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  chromiumAvailable,
  chromiumPath,
  evaluate,
  launchChromium,
  navigate,
  WAIT_FOR_CHARTS,
  type Browser,
} from "../../experiments/report/chromium.js";
import { buildReportHtml } from "../../experiments/report/html.js";
import { writeReportPdf } from "../../experiments/report/pdf.js";
import { CHART_NAMES, buildSpecs } from "../../experiments/report/specs.js";
import { fixtureInput } from "./fixture.js";
import { PNG_SIGNATURE, pngSize } from "./helpers.js";

function requireChromium(): void {
  if (!chromiumAvailable())
    throw new Error(
      `headless Chromium not found at ${chromiumPath()}: install Debian's chromium (sudo apt-get install -y chromium) ` +
        "or set CHROMIUM to its path. CI installs it; this test does not skip.",
    );
}

interface Window {
  name: string;
  width: number;
  height: number;
  mobile: boolean;
}

const WINDOWS: readonly Window[] = [
  { name: "desktop", width: 1400, height: 900, mobile: false },
  { name: "phone", width: 390, height: 844, mobile: true },
];

interface ChartState {
  name: string;
  rendered: string | null;
  error: string | null;
  svg: boolean;
  svgWidth: number;
  boxWidth: number;
  fixed: boolean;
}

interface PageState {
  scrollWidth: number;
  innerWidth: number;
  errors: string | null;
  warnings: string | null;
  done: string | null;
  rendered: string | null;
  recorded: string[];
  charts: ChartState[];
}

interface Visit {
  state: PageState;
  screenshot: string;
  /** Console errors and uncaught exceptions Chromium reported for the page. */
  console: string[];
}

const READ_STATE = `(function () {
  var root = document.documentElement;
  return {
    scrollWidth: root.scrollWidth,
    innerWidth: window.innerWidth,
    errors: root.getAttribute("data-errors"),
    warnings: root.getAttribute("data-warnings"),
    done: root.getAttribute("data-charts-done"),
    rendered: root.getAttribute("data-charts-rendered"),
    recorded: (window.__reportErrors || []).slice(),
    charts: Array.prototype.map.call(document.querySelectorAll("[data-chart]"), function (el) {
      var svg = el.querySelector("svg");
      return {
        name: el.getAttribute("data-chart"),
        rendered: el.getAttribute("data-rendered"),
        error: el.getAttribute("data-error"),
        svg: svg !== null,
        svgWidth: svg ? svg.getBoundingClientRect().width : 0,
        boxWidth: el.clientWidth,
        fixed: /\\bfixed\\b/.test(el.className)
      };
    })
  };
})()`;

let dir = "";
let browser: Browser | undefined;
const visits = new Map<string, Visit>();

async function visit(page: string, w: Window): Promise<Visit> {
  const b = browser!;
  const session = await b.openPage();
  const problems: string[] = [];
  const offConsole = b.on("Runtime.consoleAPICalled", (params, sessionId) => {
    if (sessionId !== session) return;
    const type = String(params.type);
    if (type === "error" || type === "warning" || type === "assert")
      problems.push(`console.${type}: ${JSON.stringify(params.args)}`);
  });
  const offException = b.on("Runtime.exceptionThrown", (params, sessionId) => {
    if (sessionId === session) problems.push(`exception: ${JSON.stringify(params.exceptionDetails)}`);
  });
  try {
    await b.send("Runtime.enable", {}, session);
    await b.send(
      "Emulation.setDeviceMetricsOverride",
      { width: w.width, height: w.height, deviceScaleFactor: 1, mobile: w.mobile },
      session,
    );
    await navigate(b, session, pathToFileURL(page).href);
    assert.equal(await evaluate<boolean>(b, session, WAIT_FOR_CHARTS(30_000)), true, "charts never finished");
    const state = await evaluate<PageState>(b, session, READ_STATE);
    const { data } = (await b.send(
      "Page.captureScreenshot",
      { format: "png", captureBeyondViewport: true },
      session,
    )) as { data: string };
    const screenshot = join(dir, `report-${w.name}.png`);
    await writeFile(screenshot, Buffer.from(data, "base64"));
    return { state, screenshot, console: problems };
  } finally {
    offConsole();
    offException();
  }
}

before(async () => {
  requireChromium();
  dir = await mkdtemp(join(tmpdir(), "report-browser-"));
  const page = join(dir, "report.html");
  const input = fixtureInput();
  await writeFile(page, buildReportHtml(input, buildSpecs(input)));
  browser = await launchChromium();
  for (const w of WINDOWS) visits.set(w.name, await visit(page, w));
});

after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

for (const w of WINDOWS) {
  const label = `${w.name} (${w.width} x ${w.height})`;
  const get = (): Visit => {
    const v = visits.get(w.name);
    assert.ok(v, `no visit for ${w.name}`);
    return v;
  };

  test(`${label}: no horizontal overflow (scrollWidth = window width)`, () => {
    const { state } = get();
    assert.equal(state.innerWidth, w.width);
    assert.equal(state.scrollWidth, w.width);
  });

  test(`${label}: every chart is rendered with an <svg> and no error`, () => {
    const { state } = get();
    assert.deepEqual(state.charts.map((c) => c.name).sort(), [...CHART_NAMES].sort());
    for (const c of state.charts) {
      assert.equal(c.rendered, "true", `${c.name} not rendered`);
      assert.equal(c.error, null, `${c.name}: ${c.error}`);
      assert.ok(c.svg, `${c.name} has no <svg>`);
    }
    assert.equal(state.done, "true");
    assert.equal(state.rendered, String(CHART_NAMES.length));
  });

  test(`${label}: charts fit their box (only the fixed-width Table I grid scrolls)`, () => {
    const { state } = get();
    for (const c of state.charts.filter((x) => !x.fixed))
      assert.ok(c.svgWidth <= c.boxWidth + 1, `${c.name}: ${c.svgWidth} px in a ${c.boxWidth} px box`);
  });

  test(`${label}: no console error, exception or Vega warning`, () => {
    const v = get();
    assert.equal(v.state.errors, "0", v.state.recorded.join("\n"));
    assert.equal(v.state.warnings, "0");
    assert.deepEqual(v.console, []);
  });

  test(`${label}: the screenshot is a non-empty PNG of the page's width`, async () => {
    const { screenshot } = get();
    const png = new Uint8Array(await readFile(screenshot));
    assert.ok((await stat(screenshot)).size > 1000);
    assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
    assert.equal(pngSize(png).width, w.width);
  });
}

test("report.pdf: printed after the charts render, a PDF of more than one page", async () => {
  const warnings: string[] = [];
  const path = await writeReportPdf(dir, (line) => warnings.push(line));
  assert.deepEqual(warnings, []);
  assert.equal(path, join(dir, "report.pdf"));
  const pdf = await readFile(join(dir, "report.pdf"));
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
  assert.ok(pages.length > 1, `${pages.length} page(s)`);
});

test("report.pdf is skipped with one line, not an error, when Chromium is missing", async () => {
  const saved = process.env.CHROMIUM;
  process.env.CHROMIUM = join(dir, "no-such-chromium");
  try {
    const lines: string[] = [];
    assert.equal(await writeReportPdf(dir, (line) => lines.push(line)), null);
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? "", /report\.pdf skipped: no headless Chromium/);
  } finally {
    if (saved === undefined) delete process.env.CHROMIUM;
    else process.env.CHROMIUM = saved;
  }
});
