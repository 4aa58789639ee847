// Every result table as Arrow and Parquet: DuckDB reads the Parquet files with the values
// apache-arrow reads from the Arrow files, missing values are nulls (never NaN), the units travel
// with the fields, and the Parquet bytes depend on nothing but the table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parseRunConfig } from "../../experiments/config/load.js";
import { parquetName, schemaColumns, writeTableFiles } from "../../experiments/io/arrow.js";
import { writeResults } from "../../experiments/io/results.js";
import { simulate } from "../../experiments/run/simulate.js";
import { AGENTS, PERIODS, TABLES, TRADES, TRANSACTIONS } from "../../sim/metrics/index.js";
import { assertSameTable, type Compared } from "./second-reader.js";

const result = simulate(
  parseRunConfig(
    {
      ledgers: ["ideal", "iota", "ethereum"],
      scenarios: ["grid", "all"],
      profiles: { source: "synthetic", days: 1 },
    },
    "tables-test",
  ),
  ".",
);
const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "p2psim-tables-")));
const files = dirs.map((dir) => writeResults(dir, result, {}));
const compared = new Map<string, Compared>();

test("DuckDB reads every Parquet table with the values apache-arrow reads from the Arrow file", async () => {
  for (const table of TABLES) {
    const c = await assertSameTable(join(dirs[0]!, table.file), table);
    assert.ok(c.rows > 0, `${table.file} has rows`);
    compared.set(table.file, c);
  }
});

test("a missing price or benefit is a null, where the model holds NaN", () => {
  const nulls = (table: string, column: string) => compared.get(table)!.nulls[column]!;
  // At night nothing trades: no clearing price, no trade price, no corrected price.
  assert.ok(nulls(PERIODS.file, "mcp") > 0);
  assert.ok(nulls(PERIODS.file, "corrected_buy_price") > 0);
  assert.ok(nulls(TRADES.file, "trade_price") > 0);
  const run = result.runs[0]!;
  const mcp = run.recorder.periods.mcp;
  const missing = Array.from(mcp).filter(Number.isNaN).length;
  assert.ok(missing > 0);
  assert.ok(nulls(PERIODS.file, "mcp") >= missing, "every NaN of the first run is a null");
  const agents = tableFromIPC(readFileSync(join(dirs[0]!, AGENTS.file)));
  const sold = agents.getChild("sold_wh")!.toArray() as Float64Array;
  assert.equal(nulls(AGENTS.file, "producer_benefit_pct"), sold.filter((wh) => wh === 0).length);
});

test("fee_native comes with its unit per row", () => {
  const table = tableFromIPC(readFileSync(join(dirs[0]!, TRANSACTIONS.file)));
  const pairs = new Set<string>();
  const ledger = table.getChild("ledger")!;
  const unit = table.getChild("fee_unit")!;
  for (let i = 0; i < table.numRows; i++) pairs.add(`${String(ledger.get(i))}:${String(unit.get(i))}`);
  assert.deepEqual([...pairs].sort(), ["ethereum:ETH", "iota:IOTA"]);
});

test("the manifest lists the Parquet files with their hashes, and the same table gives the same bytes", () => {
  assert.deepEqual(files[0], files[1]);
  const manifest = JSON.parse(readFileSync(join(dirs[0]!, "manifest.json"), "utf8")) as {
    files: Record<string, string>;
  };
  for (const table of TABLES) {
    const parquet = parquetName(table.file);
    assert.ok(files[0]!.includes(parquet), parquet);
    assert.match(manifest.files[parquet] ?? "", /^[0-9a-f]{64}$/);
    assert.deepEqual(readFileSync(join(dirs[1]!, parquet)), readFileSync(join(dirs[0]!, parquet)));
  }
});

test("a NaN in a column not declared nullable is refused", () => {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-tables-"));
  const columns = schemaColumns(
    {
      file: "x.arrow",
      rowPer: "test",
      columns: [{ name: "pv_wh", type: "f64", unit: "Wh", description: "energy" }],
    },
    { pv_wh: [1, NaN] },
  );
  assert.throws(() => writeTableFiles(join(dir, "x.arrow"), [columns]), /pv_wh: NaN/);
});
