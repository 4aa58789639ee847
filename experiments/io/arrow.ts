// Arrow IPC (file format) tables from plain column arrays.
//
// Columns are typed explicitly (no inference) so that the schema of a result file does not depend
// on its data: an all-integer float column stays Float64, an empty table keeps its types.
// Numeric columns given as typed arrays of their own type are used without a copy. Strings that
// repeat (names of ledgers, scenarios, microgrids, agents, sides) are Dictionary<Int32, Utf8>
// columns built from integer codes: readers decode them to the same strings, and nothing has to
// encode one string per row. Dictionary ids are the column's position, never arrow's global
// counter, so that the bytes do not depend on what else the process built before.
import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from "apache-arrow";

/** A string column as codes into a dictionary: row i reads dictionary[codes[i]]. */
export interface DictColumn {
  type: "dict";
  codes: Int32Array;
  dictionary: readonly string[];
}

export type ColumnSpec =
  | { type: "f64"; values: ArrayLike<number> }
  | { type: "i32"; values: ArrayLike<number> }
  | { type: "str"; values: readonly string[] }
  | { type: "bool"; values: readonly boolean[] }
  | DictColumn;

export type Columns = Record<string, ColumnSpec>;

export function columnLength(spec: ColumnSpec): number {
  return spec.type === "dict" ? spec.codes.length : spec.values.length;
}

/** A dictionary column holding `value` in each of its `n` rows. */
export function constantColumn(value: string, n: number): DictColumn {
  return { type: "dict", codes: new Int32Array(n), dictionary: [value] };
}

/** A dictionary column from arbitrary strings; the dictionary keeps first-seen order. */
export function dictOf(values: readonly string[]): DictColumn {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let code = index.get(v);
    if (code === undefined) index.set(v, (code = index.size));
    codes[i] = code;
  }
  return { type: "dict", codes, dictionary: [...index.keys()] };
}

function vector(spec: ColumnSpec, id: number): Vector {
  switch (spec.type) {
    case "f64":
      return makeVector(spec.values instanceof Float64Array ? spec.values : Float64Array.from(spec.values));
    case "i32":
      return makeVector(spec.values instanceof Int32Array ? spec.values : Int32Array.from(spec.values));
    case "str":
      return vectorFromArray(spec.values as string[], new Utf8());
    case "bool":
      return vectorFromArray(spec.values as boolean[], new Bool());
    case "dict": {
      const type = new Dictionary(new Utf8(), new Int32(), id);
      const dictionary = vectorFromArray(spec.dictionary as string[], new Utf8());
      return makeVector(makeData({ type, length: spec.codes.length, data: spec.codes, dictionary }));
    }
  }
}

/** Builds a table from named columns (all of one length), in the given column order. */
export function tableOf(columns: Columns): Table {
  const lengths = new Set(Object.values(columns).map(columnLength));
  if (lengths.size > 1)
    throw new RangeError(`tableOf: columns differ in length (${[...lengths].join(", ")})`);
  const vectors: Record<string, Vector> = {};
  Object.entries(columns).forEach(([name, spec], id) => (vectors[name] = vector(spec, id)));
  return new Table(vectors);
}

function concatNumbers(parts: ArrayLike<number>[], make: (n: number) => Float64Array | Int32Array) {
  const out = make(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    if (p instanceof Float64Array || p instanceof Int32Array) out.set(p, at);
    else for (let i = 0; i < p.length; i++) out[at + i] = p[i]!;
    at += p.length;
  }
  return out;
}

/** Dictionary columns joined under one dictionary: the parts' entries in first-seen order. */
function concatDicts(parts: DictColumn[]): DictColumn {
  const index = new Map<string, number>();
  const remaps = parts.map((p) =>
    Int32Array.from(p.dictionary, (v) => {
      let code = index.get(v);
      if (code === undefined) index.set(v, (code = index.size));
      return code;
    }),
  );
  const codes = new Int32Array(parts.reduce((s, p) => s + p.codes.length, 0));
  let at = 0;
  parts.forEach((p, k) => {
    const remap = remaps[k]!;
    for (let i = 0; i < p.codes.length; i++) codes[at + i] = remap[p.codes[i]!]!;
    at += p.codes.length;
  });
  return { type: "dict", codes, dictionary: [...index.keys()] };
}

function concatColumn(parts: ColumnSpec[]): ColumnSpec {
  const first = parts[0]!;
  if (parts.length === 1) return first;
  switch (first.type) {
    case "f64":
      return { type: "f64", values: concatNumbers(parts.map(numbers), (n) => new Float64Array(n)) };
    case "i32":
      return { type: "i32", values: concatNumbers(parts.map(numbers), (n) => new Int32Array(n)) };
    case "dict":
      return concatDicts(parts.map(asDict));
    case "str":
      return { type: "str", values: parts.flatMap((p) => (p.type === "dict" ? decode(p) : strings(p))) };
    case "bool":
      return { type: "bool", values: parts.flatMap((p) => [...bools(p)]) };
  }
}

function numbers(spec: ColumnSpec): ArrayLike<number> {
  if (spec.type !== "f64" && spec.type !== "i32") throw new TypeError(`concat: ${spec.type} among numbers`);
  return spec.values;
}

function strings(spec: ColumnSpec): readonly string[] {
  if (spec.type !== "str") throw new TypeError(`concat: ${spec.type} among strings`);
  return spec.values;
}

function bools(spec: ColumnSpec): readonly boolean[] {
  if (spec.type !== "bool") throw new TypeError(`concat: ${spec.type} among booleans`);
  return spec.values;
}

function asDict(spec: ColumnSpec): DictColumn {
  if (spec.type === "dict") return spec;
  return dictOf(strings(spec));
}

function decode(spec: DictColumn): string[] {
  return Array.from(spec.codes, (c) => spec.dictionary[c]!);
}

/** Tables with the same columns (those of the first part) joined row-wise, in part order. */
export function concatColumns(parts: readonly Columns[]): Columns {
  const first = parts[0];
  if (first === undefined) return {};
  const out: Columns = {};
  for (const name of Object.keys(first)) out[name] = concatColumn(parts.map((p) => p[name]!));
  return out;
}

/** Serialises a table as an Arrow IPC file (the `.arrow` format). */
export function arrowFileBytes(table: Table): Uint8Array {
  return tableToIPC(table, "file");
}

// Re-exported so callers can name column types without importing apache-arrow themselves.
export { Float64, Int32, Utf8 };
