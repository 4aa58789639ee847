// The result schema (sim/metrics/schema.ts) against what uses it: the files written, the recorder's
// columns and docs/results.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataType, tableFromIPC, TimeUnit } from "apache-arrow";
import { parseRunConfig } from "../../experiments/config/load.js";
import { RESULTS_DOC, withColumnsSection } from "../../experiments/io/results-doc.js";
import { writeResults } from "../../experiments/io/results.js";
import { simulate } from "../../experiments/run/simulate.js";
import { camelName, PERIODS, TABLES, TRADES, type ArrowType } from "../../sim/metrics/index.js";

const result = simulate(
  parseRunConfig(
    { ledgers: ["ideal", "iota"], scenarios: ["grid"], profiles: { source: "synthetic", days: 1 } },
    "schema-test",
  ),
  ".",
);
const dir = mkdtempSync(join(tmpdir(), "p2psim-schema-"));
writeResults(dir, result, {});

function arrowType(type: DataType): ArrowType | string {
  if (DataType.isDictionary(type)) return DataType.isUtf8(type.dictionary) ? "dict" : String(type);
  if (DataType.isFloat(type) && type.precision === 2) return "f64";
  if (DataType.isInt(type) && type.bitWidth === 32 && type.isSigned) return "i32";
  if (DataType.isBool(type)) return "bool";
  if (DataType.isTimestamp(type) && type.unit === TimeUnit.MILLISECOND && type.timezone === "UTC")
    return "timestamp";
  return String(type);
}

test("every result file has the schema's columns, in its order, with its Arrow types", () => {
  for (const table of TABLES) {
    const fields = tableFromIPC(readFileSync(join(dir, table.file))).schema.fields;
    assert.deepEqual(
      fields.map((f) => [f.name, arrowType(f.type)]),
      table.columns.map((c) => [c.name, c.type]),
      table.file,
    );
  }
});

test("fixed dictionaries are the ones the files carry", () => {
  const trades = tableFromIPC(readFileSync(join(dir, TRADES.file)));
  assert.deepEqual(new Set(trades.getChild("side")!.toArray() as string[]), new Set(["buy", "sell"]));
  const periods = tableFromIPC(readFileSync(join(dir, PERIODS.file)));
  const outcomes = new Set(periods.getChild("outcome")!.toArray() as string[]);
  const dictionary = PERIODS.columns.find((c) => c.name === "outcome")!.dictionary;
  assert.ok([...outcomes].every((o) => dictionary.includes(o as (typeof dictionary)[number])));
});

test("the recorder stores exactly the columns the schema marks stored", () => {
  const stored = (columns: readonly { name: string; store?: string }[]) =>
    columns.flatMap((c) => (c.store === undefined ? [] : [camelName(c.name)]));
  const recorder = result.runs[0]!.recorder;
  assert.deepEqual(Object.keys(recorder.periods).sort(), stored(PERIODS.columns).sort());
  assert.deepEqual(Object.keys(recorder.storedTrades(0, 0)).sort(), stored(TRADES.columns).sort());
});

test("docs/results.md lists exactly the schema's columns (node --import tsx experiments/io/results-doc.ts)", () => {
  const doc = readFileSync(RESULTS_DOC, "utf8");
  assert.equal(doc, withColumnsSection(doc), "docs/results.md is out of date with sim/metrics/schema.ts");
  for (const table of TABLES)
    for (const column of table.columns) {
      const row = `| \`${column.name}\` |`;
      assert.ok(doc.includes(row), `${table.file}: ${column.name} is not documented`);
    }
});
