import { test } from "node:test";
import assert from "node:assert/strict";
import { buildReportHtml, formatHeadline, jsonForScript, scriptSafe } from "../../experiments/report/html.js";
import { CHART_NAMES, buildSpecs } from "../../experiments/report/specs.js";
import { fixtureInput } from "./fixture.js";

const input = fixtureInput();
const html = buildReportHtml(input, buildSpecs(input));

/** The page without the bodies of its <script> elements: the markup a browser acts on. */
function markup(page: string): string {
  return page.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, "$1$2");
}

test("declares UTF-8 before anything else in <head>", () => {
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en"[^>]*>\n<head>\n<meta charset="utf-8">/);
});

test("the title is escaped", () => {
  const page = buildReportHtml({ ...input, title: "Run <7> & co" }, {});
  assert.match(page, /<title>Run &lt;7&gt; &amp; co<\/title>/);
  assert.match(page, /<h1>Run &lt;7&gt; &amp; co<\/h1>/);
});

test("references nothing outside the page", () => {
  const outside = markup(html);
  assert.doesNotMatch(outside, /<link\b|@import|url\(/i);
  for (const m of outside.matchAll(/\s(?:src|href|action|data)="([^"]*)"/gi)) {
    assert.ok(m[1]?.startsWith("#"), `external reference ${m[0]}`);
  }
  assert.doesNotMatch(outside, /https?:\/\//);
});

test("forbids network access with a Content-Security-Policy", () => {
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*connect-src 'none'">/,
  );
});

test("inlines the Vega and Vega-Lite bundles", () => {
  assert.match(html, /<script data-bundle="vega@\d+\.\d+\.\d+">/);
  assert.match(html, /<script data-bundle="vega-lite@\d+\.\d+\.\d+">/);
});

test("has one chart container per spec", () => {
  const names = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...names].sort(), [...CHART_NAMES].sort());
});

test("embeds the specs without their $schema URL", () => {
  const json =
    /<script type="application\/json" id="report-specs">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
  const specs = JSON.parse(json) as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(specs).sort(), [...CHART_NAMES].sort());
  for (const spec of Object.values(specs)) assert.equal("$schema" in spec, false);
});

test("user text is escaped, so markup in claims shows as text", () => {
  assert.match(html, /Cost per bid &lt; 1e-6 USD on &lt;IOTA&gt; &amp; fixed/);
  assert.match(html, /fee model &lt;b&gt;not&lt;\/b&gt; fixed/);
});

test("a </script> in chart data cannot end the specs' script element", () => {
  const evil = "</script><script>alert(1)</script>";
  const hostile = { ...input, table1: [{ ...input.table1[0]!, metric: evil }] };
  const page = buildReportHtml(hostile, buildSpecs(hostile));
  assert.equal((page.match(/<\/script>/gi) ?? []).length, (page.match(/<script\b/gi) ?? []).length);
  const json =
    /<script type="application\/json" id="report-specs">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "";
  assert.ok(json.length > 0);
  assert.ok(JSON.stringify(JSON.parse(json)).includes(evil));
});

test("claims show holds yes/no with their colour class", () => {
  assert.equal((html.match(/<td class="holds yes">/g) ?? []).length, 2);
  assert.equal((html.match(/<td class="holds no">/g) ?? []).length, 1);
});

test("Table I lists ours next to the paper's for every metric", () => {
  for (const row of input.table1) {
    assert.ok(html.includes(`<th scope="row">${row.metric}</th>`), row.metric);
  }
  assert.match(html, /<td class="num">14 mJ<\/td><td class="num">3\.93 nWh<\/td>/);
});

test("Table I has a column per ledger and a paper column only where the paper has values", () => {
  assert.match(
    html,
    /<th colspan="2" scope="colgroup">iota<\/th><th colspan="2" scope="colgroup">ethereum<\/th><th colspan="1" scope="colgroup">ethereum-pos<\/th>/,
  );
  assert.match(
    html,
    /<td class="num">15\.4 s<\/td><td class="num">~15 seconds<\/td><td class="num">10\.6 s<\/td><td><\/td>/,
  );
});

test("the manifest is pretty-printed inside a <details>", () => {
  assert.match(html, /<details><summary>[^<]*<\/summary>\n<pre>\{\n {2}&quot;seed&quot;: 42,/);
});

test("the same input builds the identical page", () => {
  assert.equal(buildReportHtml(fixtureInput(), buildSpecs(fixtureInput())), html);
});

test("headline numbers are shown rounded without locale", () => {
  assert.deepEqual([166.41, 6.3, 1 / 3, 1234567.891, 42, "-20.6 %"].map(formatHeadline), [
    "166.41",
    "6.3",
    "0.333333",
    "1234568",
    "42",
    "-20.6 %",
  ]);
});

test("inline JSON and code cannot close their script element", () => {
  assert.equal(jsonForScript({ a: "</script><!--" }), '{"a":"\\u003c/script>\\u003c!--"}');
  assert.equal(scriptSafe('x = "</SCRIPT>"', "t"), 'x = "<\\/script>"');
  assert.throws(() => scriptSafe("a <!-- b", "t"), /<!--/);
});
