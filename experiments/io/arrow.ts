// Arrow IPC (file format) tables from plain column arrays.
//
// Columns are typed explicitly (no inference) so that the schema of a result file does not depend
// on its data: an all-integer float column stays Float64, an empty table keeps its types.
// Numeric columns given as typed arrays of their own type are used without a copy. Strings that
// repeat (names of ledgers, scenarios, microgrids, agents, sides) are Dictionary<Int, Utf8>
// columns built from integer codes: readers decode them to the same strings, and nothing has to
// encode one string per row. The index type is the narrowest signed one for the dictionary's size
// (so it depends on the dictionary, never on the rows). Dictionary ids are the column's position,
// never arrow's global counter, so that the bytes do not depend on what else the process built.
// writeArrowFile streams record batches to the file as they are made (nothing is joined in
// memory), so that a batch's buffers may be reused for the next and a large table costs no more
// memory than its columns. The result tables take their column names, order and types from the
// result schema (sim/metrics/schema.ts) through schemaColumns.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { createHash, type Hash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { threadId } from "node:worker_threads";
import {
  AsyncByteQueue,
  Bool,
  Dictionary,
  Float64,
  Int8,
  Int16,
  Int32,
  RecordBatchFileWriter,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type RecordBatch,
  type Vector,
} from "apache-arrow";
import type { ColumnDef, TableDef } from "../../sim/metrics/index.js";

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

/** Dictionary vectors by column name, so that every batch of a file shares its dictionary. */
type Dictionaries = Map<string, DictEntry>;

interface DictEntry {
  source: readonly string[];
  type: Dictionary;
  values: Vector;
  /** Reused for the narrowed codes of each batch (written before the next is built). */
  narrow: Int8Array | Int16Array | undefined;
}

/** The narrowest signed index type that can address `size` entries. */
function indexType(size: number): Int8 | Int16 | Int32 {
  return size <= 0x7f ? new Int8() : size <= 0x7fff ? new Int16() : new Int32();
}

function dictEntry(spec: DictColumn, id: number, name: string, cache: Dictionaries): DictEntry {
  let entry = cache.get(name);
  if (entry === undefined) {
    const type = new Dictionary(new Utf8(), indexType(spec.dictionary.length), id);
    const values = vectorFromArray(spec.dictionary as string[], new Utf8());
    entry = { source: spec.dictionary, type, values, narrow: undefined };
    cache.set(name, entry);
  } else if (entry.source !== spec.dictionary && !sameStrings(entry.source, spec.dictionary)) {
    throw new RangeError(`column ${name}: every batch of a file must share one dictionary`);
  }
  return entry;
}

function narrowCodes(entry: DictEntry, codes: Int32Array): Int8Array | Int16Array | Int32Array {
  const ArrayType = entry.type.indices.ArrayType;
  if (ArrayType === Int32Array) return codes;
  if (!(entry.narrow instanceof ArrayType) || entry.narrow.length < codes.length)
    entry.narrow = ArrayType === Int8Array ? new Int8Array(codes.length) : new Int16Array(codes.length);
  const out = entry.narrow.subarray(0, codes.length);
  out.set(codes);
  return out;
}

function dictVector(spec: DictColumn, id: number, name: string, cache: Dictionaries): Vector {
  const entry = dictEntry(spec, id, name, cache);
  const data = narrowCodes(entry, spec.codes);
  return makeVector(
    makeData({ type: entry.type, length: spec.codes.length, data, dictionary: entry.values }),
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function vector(spec: ColumnSpec, id: number, name: string, cache: Dictionaries): Vector {
  switch (spec.type) {
    case "f64":
      return makeVector(spec.values instanceof Float64Array ? spec.values : Float64Array.from(spec.values));
    case "i32":
      return makeVector(spec.values instanceof Int32Array ? spec.values : Int32Array.from(spec.values));
    case "str":
      return vectorFromArray(spec.values as string[], new Utf8());
    case "bool":
      return vectorFromArray(spec.values as boolean[], new Bool());
    case "dict":
      return dictVector(spec, id, name, cache);
  }
}

function tableWith(columns: Columns, cache: Dictionaries): Table {
  const lengths = new Set(Object.values(columns).map(columnLength));
  if (lengths.size > 1)
    throw new RangeError(`tableOf: columns differ in length (${[...lengths].join(", ")})`);
  const vectors: Record<string, Vector> = {};
  Object.entries(columns).forEach(([name, spec], id) => (vectors[name] = vector(spec, id, name, cache)));
  return new Table(vectors);
}

/** The values of one column of a schema: numbers, booleans, or dictionary codes. */
export type ColumnValues<D extends ColumnDef> = D["type"] extends "bool"
  ? readonly boolean[]
  : D["type"] extends "dict"
    ? D extends { dictionary: readonly string[] }
      ? Int32Array
      : DictColumn
    : ArrayLike<number>;

/** Values for every column of a table of the result schema (sim/metrics/schema.ts), by file name. */
export type TableValues<T extends TableDef> = { [D in T["columns"][number] as D["name"]]: ColumnValues<D> };

/**
 * The columns of `table` in the schema's order, typed as the schema says: a dictionary column
 * whose schema fixes its dictionary takes codes, any other one codes and its dictionary.
 */
export function schemaColumns<T extends TableDef>(table: T, values: TableValues<T>): Columns {
  const given = values as Record<string, unknown>;
  const out: Columns = {};
  for (const def of table.columns) {
    const v = given[def.name];
    if (v === undefined) throw new RangeError(`${table.file}: no values for column ${def.name}`);
    out[def.name] = columnSpec(def, v);
  }
  const extra = Object.keys(given).filter((name) => !(name in out));
  if (extra.length > 0) throw new RangeError(`${table.file}: columns not in the schema: ${extra.join(", ")}`);
  return out;
}

function columnSpec(def: ColumnDef, values: unknown): ColumnSpec {
  switch (def.type) {
    case "f64":
      return { type: "f64", values: values as ArrayLike<number> };
    case "i32":
      return { type: "i32", values: values as ArrayLike<number> };
    case "bool":
      return { type: "bool", values: values as readonly boolean[] };
    case "dict":
      return def.dictionary === undefined
        ? (values as DictColumn)
        : { type: "dict", codes: values as Int32Array, dictionary: def.dictionary };
  }
}

/** Builds a table from named columns (all of one length), in the given column order. */
export function tableOf(columns: Columns): Table {
  return tableWith(columns, new Map());
}

/** Bytes to a file descriptor through a small staging buffer, hashed on the way. */
class HashedOutput {
  readonly #fd: number;
  readonly #hash: Hash = createHash("sha256");
  readonly #staging = new Uint8Array(1 << 16);
  #used = 0;

  constructor(fd: number) {
    this.#fd = fd;
  }

  push(bytes: Uint8Array): void {
    if (bytes.byteLength <= this.#staging.byteLength - this.#used) {
      this.#staging.set(bytes, this.#used);
      this.#used += bytes.byteLength;
      return;
    }
    this.flush();
    if (bytes.byteLength < this.#staging.byteLength) this.push(bytes);
    else this.#write(bytes);
  }

  flush(): void {
    if (this.#used > 0) this.#write(this.#staging.subarray(0, this.#used));
    this.#used = 0;
  }

  digest(): string {
    this.flush();
    return this.#hash.digest("hex");
  }

  #write(bytes: Uint8Array): void {
    this.#hash.update(bytes);
    for (let done = 0; done < bytes.byteLength;)
      done += writeSync(this.#fd, bytes, done, bytes.byteLength - done);
  }
}

/** The writer's sink: hands every chunk on at once instead of queueing it. */
class PassThroughSink extends AsyncByteQueue {
  readonly #out: HashedOutput;

  constructor(out: HashedOutput) {
    super();
    this.#out = out;
  }

  override write(value: unknown): void {
    if (!ArrayBuffer.isView(value)) throw new TypeError("arrow sink: expected bytes");
    if (value.byteLength > 0)
      this.#out.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
}

function writeBatches(out: HashedOutput, batches: Iterable<Columns>): void {
  const writer = new RecordBatchFileWriter();
  writer.reset(new PassThroughSink(out));
  const cache: Dictionaries = new Map();
  let schema: string | undefined;
  const put = (batch: RecordBatch) => {
    const types = batch.schema.fields.map((f) => `${f.name}:${String(f.type)}`).join(",");
    if (schema !== undefined && types !== schema)
      throw new RangeError(`writeArrowFile: batches differ in schema (${schema} / ${types})`);
    schema = types;
    writer.write(batch);
  };
  for (const columns of batches) for (const batch of tableWith(columns, cache).batches) put(batch);
  if (schema === undefined) writer.write(new Table({}));
  writer.finish();
}

let tmpCounter = 0;

/**
 * Writes record batches (each a set of columns, all with the same names and types) as one Arrow
 * IPC file, atomically (a temporary name, then a rename); returns the file's SHA-256 (hex). Each
 * batch is written before the next is asked for, so a batch may reuse the buffers of the last.
 * A dictionary column keeps one dictionary for the whole file.
 */
export function writeArrowFile(path: string, batches: Iterable<Columns>): string {
  mkdirSync(dirname(path), { recursive: true });
  // Unique per process, worker thread and call, as writeFileAtomic's (experiments/io/atomic.ts).
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${threadId}-${++tmpCounter}`);
  let fd: number | undefined = openSync(tmp, "w");
  try {
    const out = new HashedOutput(fd);
    writeBatches(out, batches);
    const hash = out.digest();
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    return hash;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
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
