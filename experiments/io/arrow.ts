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
// result schema (sim/metrics/schema.ts) through schemaColumns, which also gives each column its
// field metadata (`unit`, `description`) and nullability. A NaN in a column declared nullable is
// written as null (validity bitmap); a NaN in a column declared otherwise is an error. Columns
// without a declaration (tables outside the schema) are written as given.
//
// writeTableFiles writes a table twice: as Arrow IPC and, beside it, as Parquet (parquet-wasm,
// the Rust arrow/parquet writer: same rows, types, nulls; the Arrow schema with its field metadata
// is kept in the file, and every column's unit and description are also key-value metadata of
// the file, `<column>.unit` / `<column>.description`, for readers that do not read Arrow schemas).
// Both are deterministic: the same columns give the same bytes.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { createHash, type Hash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { threadId } from "node:worker_threads";
import {
  AsyncByteQueue,
  Bool,
  DataType,
  Dictionary,
  Field,
  Float64,
  Int8,
  Int16,
  Int32,
  RecordBatch,
  RecordBatchFileWriter,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Table,
  TimeUnit,
  Timestamp,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from "apache-arrow";
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from "parquet-wasm/node";
import type { ColumnDef, TableDef } from "../../sim/metrics/index.js";
import { sha256, writeFileAtomic } from "./atomic.js";

/** A string column as codes into a dictionary: row i reads dictionary[codes[i]]. */
export interface DictColumn {
  type: "dict";
  codes: Int32Array;
  dictionary: readonly string[];
}

/** What a column declares about itself: its field metadata and whether it may hold nulls. */
export interface FieldInfo {
  unit: string;
  description: string;
  /** NaN is written as null; without it, a NaN is an error. */
  nullable: boolean;
}

export type ColumnSpec = (
  | { type: "f64"; values: ArrayLike<number> }
  | { type: "i32"; values: ArrayLike<number> }
  /** Instants as ms since the Unix epoch (integers), written as Timestamp<MILLISECOND, "UTC">. */
  | { type: "ts"; values: ArrayLike<number> }
  | { type: "str"; values: readonly string[] }
  | { type: "bool"; values: readonly boolean[] }
  | DictColumn
) & { info?: FieldInfo };

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

const TIMESTAMP = new Timestamp(TimeUnit.MILLISECOND, "UTC");

/** A Float64 vector; NaN becomes null when the column is declared nullable. */
function f64Vector(values: ArrayLike<number>, name: string, info: FieldInfo | undefined): Vector {
  const data = values instanceof Float64Array ? values : Float64Array.from(values);
  let nulls = 0;
  for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i])) nulls++;
  if (nulls === 0 || info === undefined) return makeVector(data);
  if (!info.nullable) throw new RangeError(`column ${name}: NaN in a column not declared nullable`);
  const valid = new Uint8Array((data.length + 7) >> 3);
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (Number.isNaN(v)) continue;
    valid[i >> 3]! |= 1 << (i & 7);
    out[i] = v;
  }
  const type = new Float64();
  return makeVector(makeData({ type, length: out.length, data: out, nullBitmap: valid, nullCount: nulls }));
}

function timestampVector(values: ArrayLike<number>, name: string): Vector {
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isSafeInteger(v)) throw new RangeError(`column ${name}: ${v} is not a whole ms instant`);
    data[i] = BigInt(v);
  }
  return makeVector(makeData({ type: TIMESTAMP, length: data.length, data }));
}

function vector(spec: ColumnSpec, id: number, name: string, cache: Dictionaries): Vector {
  switch (spec.type) {
    case "f64":
      return f64Vector(spec.values, name, spec.info);
    case "ts":
      return timestampVector(spec.values, name);
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
  const table = new Table(vectors);
  if (Object.values(columns).every((spec) => spec.info === undefined)) return table;
  // Declared columns: nullability and metadata on the fields.
  const fields = table.schema.fields.map((f) => {
    const info = columns[f.name]!.info;
    if (info === undefined) return f;
    const metadata = new Map([
      ["unit", info.unit],
      ["description", info.description],
    ]);
    return new Field(f.name, f.type, info.nullable, metadata);
  });
  const schema = new Schema(fields);
  const type = new Struct(fields);
  return new Table(
    schema,
    table.batches.map(
      (b) => new RecordBatch(schema, makeData({ type, length: b.numRows, children: b.data.children })),
    ),
  );
}

/** The values of one column of a schema: numbers, booleans, or dictionary codes. */
export type ColumnValues<D extends ColumnDef> = D["type"] extends "bool"
  ? readonly boolean[]
  : D["type"] extends "dict"
    ? D extends { dictionary: readonly string[] }
      ? Int32Array
      : DictColumn
    : ArrayLike<number>;

/** A column's declaration in a table schema, as the writer takes it. */
export function fieldInfo(def: ColumnDef): FieldInfo {
  return { unit: def.unit, description: def.description, nullable: def.nullable ?? false };
}

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
  const info = fieldInfo(def);
  switch (def.type) {
    case "f64":
      return { type: "f64", values: values as ArrayLike<number>, info };
    case "i32":
      return { type: "i32", values: values as ArrayLike<number>, info };
    case "timestamp":
      return { type: "ts", values: values as ArrayLike<number>, info };
    case "bool":
      return { type: "bool", values: values as readonly boolean[], info };
    case "dict":
      return def.dictionary === undefined
        ? { ...(values as DictColumn), info }
        : { type: "dict", codes: values as Int32Array, dictionary: def.dictionary, info };
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

/** A sink that copies every chunk into one growing buffer (the chunks may view reused buffers). */
class CopySink extends AsyncByteQueue {
  #buffer = new Uint8Array(1 << 16);
  #used = 0;
  /** The fields of the table written. */
  fields: readonly Field[] = [];

  override write(value: unknown): void {
    if (!ArrayBuffer.isView(value)) throw new TypeError("arrow sink: expected bytes");
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (this.#used + bytes.byteLength > this.#buffer.byteLength) {
      let size = this.#buffer.byteLength * 2;
      while (size < this.#used + bytes.byteLength) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.#buffer.subarray(0, this.#used));
      this.#buffer = grown;
    }
    this.#buffer.set(bytes, this.#used);
    this.#used += bytes.byteLength;
  }

  bytes(): Uint8Array {
    return this.#buffer.subarray(0, this.#used);
  }
}

/** The file's batches to `out`, and as an IPC stream to `stream` when given. */
function writeBatches(out: HashedOutput, batches: Iterable<Columns>, stream?: CopySink): void {
  const writer = new RecordBatchFileWriter();
  writer.reset(new PassThroughSink(out));
  const streamWriter = stream === undefined ? undefined : new RecordBatchStreamWriter();
  streamWriter?.reset(stream);
  const cache: Dictionaries = new Map();
  let schema: string | undefined;
  const put = (batch: RecordBatch) => {
    const types = batch.schema.fields.map((f) => `${f.name}:${String(f.type)}`).join(",");
    if (schema !== undefined && types !== schema)
      throw new RangeError(`writeArrowFile: batches differ in schema (${schema} / ${types})`);
    if (schema === undefined && stream !== undefined) stream.fields = batch.schema.fields;
    schema = types;
    writer.write(batch);
    streamWriter?.write(batch);
  };
  for (const columns of batches) for (const batch of tableWith(columns, cache).batches) put(batch);
  if (schema === undefined) {
    writer.write(new Table({}));
    streamWriter?.write(new Table({}));
  }
  writer.finish();
  streamWriter?.finish();
}

let tmpCounter = 0;

/**
 * Writes record batches (each a set of columns, all with the same names and types) as one Arrow
 * IPC file, atomically (a temporary name, then a rename); returns the file's SHA-256 (hex). Each
 * batch is written before the next is asked for, so a batch may reuse the buffers of the last.
 * A dictionary column keeps one dictionary for the whole file.
 */
export function writeArrowFile(path: string, batches: Iterable<Columns>): string {
  return writeArrow(path, batches);
}

function writeArrow(path: string, batches: Iterable<Columns>, stream?: CopySink): string {
  mkdirSync(dirname(path), { recursive: true });
  // Unique per process, worker thread and call, as writeFileAtomic's (experiments/io/atomic.ts).
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${threadId}-${++tmpCounter}`);
  let fd: number | undefined = openSync(tmp, "w");
  try {
    const out = new HashedOutput(fd);
    writeBatches(out, batches, stream);
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

/** A field's declaration as written by schemaColumns (undefined for a field without one). */
export function declaredInfo(field: Field): FieldInfo | undefined {
  const unit = field.metadata.get("unit");
  const description = field.metadata.get("description");
  if (unit === undefined || description === undefined) return undefined;
  return { unit, description, nullable: field.nullable };
}

/** A Float64 or Timestamp column's values as numbers: nulls as NaN, instants as ms since the epoch. */
export function numbersOfVector(vector: Vector): Float64Array {
  if (vector.nullCount === 0 && DataType.isFloat(vector.type)) return Float64Array.from(vector.toArray());
  return Float64Array.from({ length: vector.length }, (_, i) => {
    const v = vector.get(i) as number | bigint | null;
    return v === null ? NaN : Number(v);
  });
}

/** The Parquet file beside an Arrow file: `x.arrow` -> `x.parquet`. */
export function parquetName(arrowName: string): string {
  if (!arrowName.endsWith(".arrow")) throw new RangeError(`${arrowName}: not an .arrow file name`);
  return `${arrowName.slice(0, -".arrow".length)}.parquet`;
}

/** The file-level Parquet metadata key holding the columns' units and descriptions. */
export const PARQUET_COLUMNS_KEY = "columns";

/**
 * Parquet bytes of an Arrow IPC stream: Snappy-compressed (the codec every Parquet reader has),
 * with the declared fields' units and descriptions also as one key-value entry of the file,
 * PARQUET_COLUMNS_KEY: a JSON array of {name, unit, description} in column order. (One entry: the
 * writer keeps several in hash order, which would change the bytes from one call to the next.)
 */
export function parquetBytes(ipcStream: Uint8Array, fields: readonly Field[]): Uint8Array {
  const columns = fields.flatMap((f) => {
    const info = declaredInfo(f);
    return info === undefined ? [] : [{ name: f.name, unit: info.unit, description: info.description }];
  });
  let props = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY);
  if (columns.length > 0)
    props = props.setKeyValueMetadata(new Map([[PARQUET_COLUMNS_KEY, JSON.stringify(columns)]]));
  return writeParquet(WasmTable.fromIPCStream(ipcStream), props.build());
}

/**
 * Writes a table as Arrow IPC at `path` (`x.arrow`) and as Parquet beside it (`x.parquet`), both
 * atomically; returns each file's name with its SHA-256 (hex). The Arrow file is streamed as
 * writeArrowFile does; the Parquet file is made from the whole table at once.
 */
export function writeTableFiles(path: string, batches: Iterable<Columns>): Record<string, string> {
  const stream = new CopySink();
  const arrowHash = writeArrow(path, batches, stream);
  const parquet = parquetBytes(stream.bytes(), stream.fields);
  const parquetPath = parquetName(path);
  writeFileAtomic(parquetPath, parquet);
  return { [basename(path)]: arrowHash, [basename(parquetPath)]: sha256(parquet) };
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
  const joined = concatValues(parts);
  return first.info === undefined ? joined : { ...joined, info: first.info };
}

function concatValues(parts: ColumnSpec[]): ColumnSpec {
  const first = parts[0]!;
  switch (first.type) {
    case "ts":
      return { type: "ts", values: concatNumbers(parts.map(numbers), (n) => new Float64Array(n)) };
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
  if (spec.type !== "f64" && spec.type !== "i32" && spec.type !== "ts")
    throw new TypeError(`concat: ${spec.type} among numbers`);
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
