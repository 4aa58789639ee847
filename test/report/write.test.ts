import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeAtomic, writeReport } from "../../experiments/report/write.js";
import { CHART_NAMES } from "../../experiments/report/specs.js";
import { fixtureInput } from "./fixture.js";

let root = "";
let first: string[] = [];

before(async () => {
  root = await mkdtemp(join(tmpdir(), "report-write-"));
  first = await writeReport(join(root, "a", "nested"), fixtureInput());
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

const expectedNames = [
  ...CHART_NAMES.flatMap((name) => [`${name}.vl.json`, `${name}.svg`, `${name}.png`]),
  "report.html",
];

test("returns the path of every chart file and of report.html", () => {
  assert.deepEqual(
    first,
    expectedNames.map((name) => join(root, "a", "nested", name)),
  );
});

test("the folder holds exactly the returned files, no temporary leftovers", async () => {
  assert.deepEqual((await readdir(join(root, "a", "nested"))).sort(), [...expectedNames].sort());
});

test("report.html is the page and the .vl.json files are the specs", async () => {
  const html = await readFile(join(root, "a", "nested", "report.html"), "utf8");
  assert.match(html, /^<!DOCTYPE html>/);
  const spec = JSON.parse(await readFile(join(root, "a", "nested", "fig11.vl.json"), "utf8")) as {
    $schema?: string;
  };
  assert.match(spec.$schema ?? "", /vega-lite/);
});

test("a failed atomic write removes its temporary file", async () => {
  const dir = join(root, "fail");
  await mkdir(join(dir, "report.html"), { recursive: true });
  await assert.rejects(writeAtomic(join(dir, "report.html"), "x"));
  assert.deepEqual(await readdir(dir), ["report.html"]);
});
