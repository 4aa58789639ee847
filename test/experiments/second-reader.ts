// A second implementation reads the result files: DuckDB reads each Parquet file, apache-arrow the
// Arrow file beside it, and both must hold the same rows, columns and values (nulls included),
// with the schema's units in the metadata of both.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { DataType, tableFromIPC, type Table } from "apache-arrow";
import { PARQUET_COLUMNS_KEY, parquetName } from "../../experiments/io/arrow.js";
import type { TableDef } from "../../sim/metrics/index.js";

/** A cell as both readers give it: numbers (instants as ms since the epoch), strings, booleans, null. */
type Cell = number | string | boolean | null;

function arrowCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  throw new TypeError(`unexpected Arrow value ${String(value)}`);
}

function duckCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  throw new TypeError(`unexpected DuckDB value ${String(value)}`);
}

function arrowColumns(table: Table): Map<string, Cell[]> {
  const out = new Map<string, Cell[]>();
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)!;
    out.set(
      field.name,
      Array.from({ length: vector.length }, (_, i) => arrowCell(vector.get(i))),
    );
  }
  return out;
}

const instance = DuckDBInstance.create(":memory:");

async function duckdb(sql: string): Promise<{ names: string[]; columns: Cell[][] }> {
  const connection = await (await instance).connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    const names = reader.columnNames();
    // No rows: no columns either.
    const columns = reader.currentRowCount === 0 ? names.map(() => []) : reader.getColumnsJS();
    return { names, columns: columns.map((c) => c.map(duckCell)) };
  } finally {
    connection.closeSync();
  }
}

const quoted = (path: string) => `'${path.replaceAll("'", "''")}'`;

export interface Compared {
  rows: number;
  /** Nulls per column (the same in both files). */
  nulls: Record<string, number>;
}

/**
 * Asserts that the Parquet file beside `arrowPath` holds what the Arrow file holds, read by DuckDB
 * and apache-arrow; with `schema`, also that both carry its units and descriptions.
 */
export async function assertSameTable(arrowPath: string, schema?: TableDef): Promise<Compared> {
  const parquetPath = parquetName(arrowPath);
  const table = tableFromIPC(readFileSync(arrowPath));
  const arrow = arrowColumns(table);
  const duck = await duckdb(`SELECT * FROM read_parquet(${quoted(parquetPath)})`);
  assert.deepEqual(duck.names, [...arrow.keys()], `${parquetPath}: columns`);
  const nulls: Record<string, number> = {};
  duck.names.forEach((name, k) => {
    const expected = arrow.get(name)!;
    const got = duck.columns[k]!;
    assert.equal(got.length, table.numRows, `${parquetPath}: rows of ${name}`);
    assert.deepEqual(got, expected, `${parquetPath}: values of ${name}`);
    assert.ok(!got.some((v) => typeof v === "number" && Number.isNaN(v)), `${name}: NaN instead of null`);
    nulls[name] = got.filter((v) => v === null).length;
  });
  if (schema !== undefined) {
    const kv = await duckdb(
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${quoted(parquetPath)})`,
    );
    assert.deepEqual(kv.columns[0], [PARQUET_COLUMNS_KEY, "ARROW:schema"]);
    const declared = JSON.parse(String(kv.columns[1]![0])) as {
      name: string;
      unit: string;
      description: string;
    }[];
    const parquetMeta = new Map(
      declared.flatMap((c) => [
        [`${c.name}.unit`, c.unit],
        [`${c.name}.description`, c.description],
      ]),
    );
    for (const def of schema.columns) {
      const field = table.schema.fields.find((f) => f.name === def.name)!;
      assert.equal(field.metadata.get("unit"), def.unit, `${arrowPath}: unit of ${def.name}`);
      assert.equal(field.metadata.get("description"), def.description, `${arrowPath}: ${def.name}`);
      assert.equal(field.nullable, def.nullable ?? false, `${arrowPath}: ${def.name} nullable`);
      if (!field.nullable) assert.equal(nulls[def.name], 0, `${def.name} is not nullable`);
      assert.equal(parquetMeta.get(`${def.name}.unit`), def.unit, `${parquetPath}: unit of ${def.name}`);
      assert.equal(parquetMeta.get(`${def.name}.description`), def.description);
    }
    const timestamps = table.schema.fields.filter((f) => DataType.isTimestamp(f.type)).map((f) => f.name);
    assert.deepEqual(
      timestamps,
      schema.columns.filter((c) => c.type === "timestamp").map((c) => c.name),
    );
  }
  return { rows: table.numRows, nulls };
}
