import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { compile, type TopLevelSpec } from "vega-lite";
import { parse } from "vega";
import {
  CHART_NAMES,
  buildSpecs,
  fig09Spec,
  fig11Spec,
  fig13Spec,
  specJson,
  wrapWords,
} from "../../experiments/report/specs.js";
import { PAPER_SCENARIOS } from "../../experiments/report/order.js";
import { table1Values } from "../../experiments/report/rows.js";
import { FONT_STACK } from "../../experiments/report/theme.js";
import type { BenefitRow } from "../../experiments/report/types.js";
import { fixtureInput } from "./fixture.js";
import { inlineValues } from "./helpers.js";

function compileQuietly(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const logger = {
    level(): number {
      return 2;
    },
    error(...args: unknown[]) {
      throw new Error(args.map(String).join(" "));
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  parse(compile(spec, { logger: logger as never }).spec);
  return warnings;
}

const specs = buildSpecs(fixtureInput());

for (const name of CHART_NAMES) {
  test(`${name}: compiles to a Vega spec without warnings`, () => {
    assert.deepEqual(compileQuietly(specs[name]), []);
  });

  test(`${name}: configures the shipped font`, () => {
    assert.equal(specs[name].config?.font, FONT_STACK);
  });
}

test("every spec carries its input rows unchanged as inline data", () => {
  const input = fixtureInput();
  const expected: Record<string, unknown[]> = {
    fig09: input.netProduction,
    fig11: input.benefits,
    fig12: input.benefits,
    fig13: input.totals,
    fig14: input.totals,
    table1: table1Values(input.table1),
    scalability: input.scalability,
  };
  for (const name of CHART_NAMES) {
    // Table I's cells also carry their text wrapped into lines; the rest of each row is unchanged.
    const found = inlineValues(specs[name]).map((values) =>
      name === "table1" ? values.map((v) => omitLines(v as Record<string, unknown>)) : values,
    );
    assert.ok(
      found.some((values) => JSON.stringify(values) === JSON.stringify(expected[name])),
      `${name} does not carry its rows`,
    );
  }
});

function omitLines(v: Record<string, unknown>): Record<string, unknown> {
  const { lines: _lines, ...rest } = v;
  return rest;
}

/** Every object in a spec that has a `mark` of type `type`, with its layer. */
function layersWithMark(spec: unknown, type: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const mark = record.mark as { type?: string } | string | undefined;
    if (mark === type || (typeof mark === "object" && mark.type === type)) found.push(record);
    for (const [key, value] of Object.entries(record)) if (key !== "data") visit(value);
  };
  visit(spec);
  return found;
}

test("Figs. 11, 12 and 14 draw the paper's printed values as black ticks with a 'Paper' legend", () => {
  const input = fixtureInput();
  const grid = input.totals.find((t) => t.scenario === "grid")!.mainGridKwh;
  const expected: Record<string, { scenario: string; value: number }[]> = {
    fig11: [{ scenario: "grid", value: 166.41 }],
    fig12: [{ scenario: "grid", value: 6.3 }],
    fig13: [],
    fig14: [{ scenario: "all", value: grid * (1 - 20.6 / 100) }],
  };
  for (const [name, marks] of Object.entries(expected)) {
    const ticks = layersWithMark(specs[name as keyof typeof specs], "tick");
    if (marks.length === 0) {
      assert.equal(ticks.length, 0, `${name} has no paper value`);
      continue;
    }
    assert.equal(ticks.length, 1, name);
    const tick = ticks[0]!;
    const values = (tick.data as { values: { scenario: string; value: number }[] }).values;
    assert.deepEqual(
      values.map((v) => [v.scenario, v.value]),
      marks.map((m) => [m.scenario, m.value]),
      name,
    );
    const color = (tick.encoding as { color: { title: string; scale: { range: string[] } } }).color;
    assert.equal(color.title, "Paper");
    assert.deepEqual(color.scale.range, ["#000000"]);
  }
});

test("paper marks on scenarios absent from the rows are left out", () => {
  const input = fixtureInput();
  const spec = fig11Spec(
    input.benefits.filter((b) => b.scenario !== "grid"),
    input.paper ?? [],
  );
  assert.equal(layersWithMark(spec, "tick").length, 0);
});

test("Table I's chart wraps every cell into lines and limits no text", () => {
  const spec = buildSpecs(fixtureInput()).table1;
  const json = specJson(spec);
  assert.doesNotMatch(json, /"(label)?[lL]imit": [1-9]/);
  const values = inlineValues(spec)[0] as { value: string; lines: string[] }[];
  for (const v of values) {
    assert.equal(v.lines.join(" "), v.value.split(/\s+/).filter(Boolean).join(" "));
    for (const line of v.lines) assert.ok(line.length <= 24 || !line.includes(" "), line);
  }
  assert.deepEqual(wrapWords("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
  assert.deepEqual(wrapWords("", 6), [""]);
});

test("the scalability chart puts time and cost on log scales", () => {
  const json = specJson(buildSpecs(fixtureInput()).scalability);
  const spec = JSON.parse(json) as { hconcat: { encoding: { y: { scale: { type: string } } } }[] };
  assert.deepEqual(
    spec.hconcat.map((p) => p.encoding.y.scale.type),
    ["log", "log"],
  );
});

test("data is not rounded: full-precision values survive into the spec", () => {
  const rows: BenefitRow[] = [
    { scenario: "grid", microgrid: "MG1", producerPct: 166.41234567891, consumerPct: 6.3 },
  ];
  assert.match(specJson(fig11Spec(rows)), /166\.41234567891/);
});

test("the same input gives byte-identical spec JSON", () => {
  const a = buildSpecs(fixtureInput());
  const b = buildSpecs(fixtureInput());
  for (const name of CHART_NAMES) assert.equal(specJson(a[name]), specJson(b[name]));
});

const benefitRow = fc.record({
  scenario: fc.constantFrom(...PAPER_SCENARIOS),
  microgrid: fc.constantFrom("MG1", "MG2", "MG3"),
  producerPct: fc.double({ min: -500, max: 500, noNaN: true }),
  consumerPct: fc.double({ min: -500, max: 500, noNaN: true }),
});

test("spec JSON does not depend on the key order of the caller's row objects", () => {
  fc.assert(
    fc.property(fc.array(benefitRow, { maxLength: 12 }), (rows) => {
      const reversed = rows.map(
        (r) => Object.fromEntries(Object.entries(r).reverse()) as unknown as BenefitRow,
      );
      assert.equal(specJson(fig11Spec(rows)), specJson(fig11Spec(reversed)));
    }),
    { numRuns: 50 },
  );
});

test("scenarios appear in the paper's order whatever the row order", () => {
  fc.assert(
    fc.property(fc.shuffledSubarray(fixtureInput().benefits, { minLength: 12 }), (rows) => {
      const x = (fig11Spec(rows) as { encoding: { x: { sort: string[] } } }).encoding.x.sort;
      assert.deepEqual(x, [...PAPER_SCENARIOS]);
    }),
    { numRuns: 20 },
  );
});

test("a non-finite value is rejected with the row named", () => {
  const rows = fixtureInput().totals;
  rows[2] = { ...rows[2]!, mainGridKwh: Number.NaN };
  assert.throws(() => fig13Spec(rows), /totals\[2\]\.mainGridKwh/);
});

test("MG2 keeps its colour in a chart where MG1 is absent", () => {
  const colourOf = (spec: TopLevelSpec, mg: string): string | undefined => {
    const json = JSON.stringify(spec);
    const scale = /"domain":(\["MG[^\]]*\]),"range":(\[[^\]]*\])/.exec(json);
    const domain = JSON.parse(scale?.[1] ?? "[]") as string[];
    const range = JSON.parse(scale?.[2] ?? "[]") as string[];
    return range[domain.indexOf(mg)];
  };
  const all = fig09Spec(fixtureInput().netProduction);
  const onlyMg2 = fig09Spec(fixtureInput().netProduction.filter((r) => r.microgrid !== "MG1"));
  assert.ok(colourOf(all, "MG2"));
  assert.equal(colourOf(onlyMg2, "MG2"), colourOf(all, "MG2"));
});
