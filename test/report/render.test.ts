import { before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { PNG_SCALE, renderPng, renderSvg, svgSize } from "../../experiments/report/render.js";
import { CHART_NAMES, buildSpecs, type ChartName } from "../../experiments/report/specs.js";
import type { TopLevelSpec } from "vega-lite";
import { FONT_STACK } from "../../experiments/report/theme.js";
import { fixtureInput } from "./fixture.js";
import { PNG_SIGNATURE, pngSize } from "./helpers.js";

const specs = buildSpecs(fixtureInput());
const svgs = new Map<ChartName, string>();
const pngs = new Map<ChartName, Uint8Array>();

before(async () => {
  for (const name of CHART_NAMES) {
    const svg = await renderSvg(specs[name]);
    svgs.set(name, svg);
    pngs.set(name, renderPng(svg));
  }
});

function svgOf(name: ChartName): string {
  const svg = svgs.get(name);
  assert.ok(svg, `no SVG for ${name}`);
  return svg;
}

function pngOf(name: ChartName): Uint8Array {
  const png = pngs.get(name);
  assert.ok(png, `no PNG for ${name}`);
  return png;
}

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

test("rendering a chart again, after other charts, gives the identical SVG", async () => {
  for (const name of CHART_NAMES) assert.equal(await renderSvg(specs[name]), svgOf(name), name);
});

test("clip-path ids restart for every chart, so a clipped chart renders the same twice", async () => {
  const clipped: TopLevelSpec = {
    data: { values: [{ x: 1, y: 2 }] },
    mark: { type: "point", clip: true },
    encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
  };
  const first = await renderSvg(clipped);
  assert.match(first, /clip-path="url\(#clip1\)"/);
  assert.equal(await renderSvg(clipped), first);
});

test("every SVG text names the configured font family", () => {
  for (const name of CHART_NAMES) {
    const families = new Set([...svgOf(name).matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]));
    assert.deepEqual([...families], [FONT_STACK], name);
  }
});

test("PNGs start with the PNG signature", () => {
  for (const name of CHART_NAMES) {
    assert.deepEqual([...pngOf(name).subarray(0, 8)], PNG_SIGNATURE, name);
  }
});

test("PNG dimensions are the SVG size times the fixed scale", () => {
  for (const name of CHART_NAMES) {
    const { width, height } = svgSize(svgOf(name));
    assert.deepEqual(
      pngSize(renderPng(svgOf(name))),
      { width: width * PNG_SCALE, height: height * PNG_SCALE },
      name,
    );
  }
});

test("the same SVG gives byte-identical PNGs", () => {
  assert.equal(sha256(renderPng(svgOf("fig11"))), sha256(pngOf("fig11")));
});

test("the shipped font draws text (system fonts are not loaded)", () => {
  const frame = (text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="28" font-family="${FONT_STACK}" font-size="20">${text}</text></svg>`;
  assert.notEqual(sha256(renderPng(frame("kWh"))), sha256(renderPng(frame(""))));
});

// Golden hashes of one chart: these change only when the fixture, the Fig. 13 spec, Vega, resvg
// or the shipped font change. If you changed one of those on purpose, update the hashes.
test("Fig. 13 of the fixture renders to the recorded SVG and PNG bytes", () => {
  assert.equal(sha256(svgOf("fig13")), "315b26754caa3851dc0f850c4229a5ad4315b99948ef3862b7c63b73cfbf5d92");
  assert.equal(sha256(pngOf("fig13")), "75bad2ff57926029921631c15ad8840e60737278d13d13049b697d78d55c0382");
});

test("an input with no rows still renders every chart", async () => {
  const empty = buildSpecs({
    ...fixtureInput(),
    netProduction: [],
    benefits: [],
    totals: [],
    table1: [],
    scalability: [],
  });
  for (const name of CHART_NAMES) assert.match(await renderSvg(empty[name]), /^<svg\b/, name);
});
