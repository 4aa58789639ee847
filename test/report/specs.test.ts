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
    const found = inlineValues(specs[name]);
    assert.ok(
      found.some((values) => JSON.stringify(values) === JSON.stringify(expected[name])),
      `${name} does not carry its rows`,
    );
  }
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
