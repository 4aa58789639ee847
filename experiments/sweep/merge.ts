// Merges the cells of a sweep (from one or several shard directories) into one set of tables,
// in cell order, with the cell id and its varied parameters as leading columns. The result does
// not depend on how the sweep was sharded or on how many workers ran it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DataType, tableFromIPC, type Table, type Vector } from "apache-arrow";
import { InputError } from "../cli/errors.js";
import {
  concatColumns,
  constantColumn,
  declaredInfo,
  dictOf,
  numbersOfVector,
  writeTableFiles,
  type ColumnSpec,
  type Columns,
  type FieldInfo,
} from "../io/arrow.js";
import { jsonText, sha256, writeFileAtomic } from "../io/atomic.js";
import { DEVICE_TABLES, TABLES as RESULT_TABLES } from "../../sim/metrics/index.js";
import type { Value } from "./cells.js";
import { buildSweepSummary } from "./summary.js";

/** The result files of a cell, as the result schema lists them. */
export const TABLES: readonly string[] = RESULT_TABLES.map((t) => t.file);
/** The device tables, written only by cells whose config has devices: merged over those cells. */
export const OPTIONAL_TABLES: readonly string[] = DEVICE_TABLES.map((t) => t.file);

export interface SweepIndex {
  name: string;
  varied: string[];
  cells: { id: string; params: Record<string, Value> }[];
}

function readIndex(dir: string): SweepIndex {
  const path = join(dir, "sweep.json");
  if (!existsSync(path)) throw new InputError(`${dir}: not a sweep directory (no sweep.json)`);
  return JSON.parse(readFileSync(path, "utf8")) as SweepIndex;
}

/** A dictionary column as stored: codes and dictionary of each record batch, joined. */
function dictColumn(vector: Vector): ColumnSpec {
  const parts = vector.data.map((data): Columns => {
    const indices = data.values as Int32Array;
    const codes = Int32Array.from(indices.subarray(data.offset, data.offset + data.length));
    const dictionary = (data.dictionary?.toArray() ?? []) as string[];
    return { c: { type: "dict", codes, dictionary } };
  });
  return concatColumns(parts).c ?? { type: "dict", codes: new Int32Array(0), dictionary: [] };
}

function columnsOf(table: Table): Columns {
  const out: Columns = {};
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name)!;
    const info = declaredInfo(field);
    const spec = columnOf(field.type, vector);
    out[field.name] = info === undefined ? spec : { ...spec, info };
  }
  return out;
}

function columnOf(type: DataType, vector: Vector): ColumnSpec {
  if (DataType.isDictionary(type)) return dictColumn(vector);
  if (DataType.isTimestamp(type)) return { type: "ts", values: numbersOfVector(vector) };
  if (DataType.isFloat(type)) return { type: "f64", values: numbersOfVector(vector) };
  const values = vector.toArray() as ArrayLike<unknown>;
  if (DataType.isInt(type)) return { type: "i32", values: values as ArrayLike<number> };
  if (DataType.isBool(type)) return { type: "bool", values: Array.from(values as ArrayLike<boolean>) };
  return { type: "str", values: Array.from(values as ArrayLike<string>) };
}

const CELL: FieldInfo = {
  unit: "",
  description: "the sweep's cell (sweep.json lists its parameters)",
  nullable: false,
};

function paramInfo(key: string): FieldInfo {
  return { unit: "", description: `the cell's value of the swept field ${key}`, nullable: false };
}

function paramColumn(values: Value[]): ColumnSpec {
  if (values.every((v) => typeof v === "number")) return { type: "f64", values: values as number[] };
  return dictOf(values.map(String));
}

/** Merges the cells found under `dirs` (each a sweep output with cells/<id>/) into `out`. */
export function mergeSweep(dirs: readonly string[], out: string): { cells: number; files: string[] } {
  const index = readIndex(dirs[0]!);
  for (const dir of dirs.slice(1)) {
    const other = readIndex(dir);
    if (JSON.stringify(other.cells) !== JSON.stringify(index.cells))
      throw new InputError(`${dir}: belongs to a different sweep than ${dirs[0]}`);
  }
  const located = index.cells.map((cell) => {
    const dir = dirs.map((d) => join(d, "cells", cell.id)).find((d) => existsSync(join(d, "manifest.json")));
    if (dir === undefined)
      throw new InputError(
        `cell ${cell.id} ${JSON.stringify(cell.params)} is missing from ${dirs.join(", ")}`,
      );
    return { cell, dir };
  });
  const files: string[] = [];
  const hashes: Record<string, string> = {};
  const optional = OPTIONAL_TABLES.filter((name) => located.some(({ dir }) => existsSync(join(dir, name))));
  for (const name of [...TABLES, ...optional]) {
    const cells = TABLES.includes(name) ? located : located.filter(({ dir }) => existsSync(join(dir, name)));
    const parts = cells.map(({ cell, dir }) => {
      const table = tableFromIPC(readFileSync(join(dir, name)));
      const n = table.numRows;
      const lead: Columns = { cell: { ...constantColumn(cell.id, n), info: CELL } };
      for (const key of index.varied)
        lead[key] = {
          ...paramColumn(Array.from({ length: n }, () => cell.params[key]!)),
          info: paramInfo(key),
        };
      return { ...lead, ...columnsOf(table) };
    });
    files.push(...Object.keys(writeTableFiles(join(out, name), [concatColumns(parts)])));
  }
  const texts: [string, string][] = [
    ["sweep.json", jsonText(index)],
    [
      "summary.json",
      jsonText(
        buildSweepSummary(
          index.name,
          index.varied,
          located.map(({ cell, dir }) => ({ id: cell.id, params: cell.params, dir })),
        ),
      ),
    ],
  ];
  for (const [name, text] of texts) {
    writeFileAtomic(join(out, name), text);
    hashes[name] = sha256(text);
    files.push(name);
  }
  // The folder's manifest (every file with its hash) is written last by the command that merged.
  return { cells: located.length, files };
}
