// Growable typed columns: a table's rows as one typed array per column, all of one capacity,
// doubled when full. Rows are written in place into the arrays (no per-row objects, no boxed
// numbers); the arrays are replaced when they grow or widen, so a writer re-reads `data` after
// reserve() or widen().
//
// Kinds: "f64" (Float64Array), "i32" (Int32Array), "i16" (Int16Array), "u8" (Uint8Array), and
// "whole": doubles kept in an Int32Array while every value is a whole number in int32 range (half
// the memory), widened to a Float64Array (widen()) before the first value that is not one, so
// every value reads back exactly.

export type ColumnKind = "f64" | "i32" | "i16" | "u8" | "whole";

export type ColumnArray<K extends ColumnKind> = K extends "f64"
  ? Float64Array
  : K extends "i32"
    ? Int32Array
    : K extends "i16"
      ? Int16Array
      : K extends "u8"
        ? Uint8Array
        : Int32Array | Float64Array;

export type ColumnKinds = Readonly<Record<string, ColumnKind>>;

/** The arrays of columns of kinds `S`, by name. */
export type ColumnArrays<S extends ColumnKinds> = { [K in keyof S]: ColumnArray<S[K]> };

type AnyColumn = Float64Array | Int32Array | Int16Array | Uint8Array;

const MIN_CAPACITY = 16;

/** Whether `v` survives a round trip through an Int32Array (-0 does not). */
export function fitsInt32(v: number): boolean {
  return (v | 0) === v && (v !== 0 || 1 / v > 0);
}

function allocate(kind: ColumnKind, n: number): AnyColumn {
  switch (kind) {
    case "f64":
      return new Float64Array(n);
    case "i32":
    case "whole":
      return new Int32Array(n);
    case "i16":
      return new Int16Array(n);
    case "u8":
      return new Uint8Array(n);
  }
}

/**
 * A copy of typed array `from` (its first `used` elements) in a new array of the same type with
 * room for `capacity` elements: the one way every growable array in the simulator grows.
 */
export function grownTo<T extends AnyColumn | Uint32Array>(from: T, capacity: number, used = from.length): T {
  const to = new (from.constructor as new (n: number) => T)(capacity);
  to.set(from.subarray(0, Math.min(used, capacity)) as never);
  return to;
}

export class GrowableColumns<S extends ColumnKinds> {
  /** Rows stored: rows [0, length) of every array are values, the rest is room to grow. */
  length = 0;
  /** The columns' arrays (capacity rows each). Replaced by reserve() and widen(). */
  data: ColumnArrays<S>;
  readonly kinds: S;
  readonly #keys: readonly (keyof S & string)[];
  #capacity: number;

  constructor(kinds: S, capacity = MIN_CAPACITY) {
    this.kinds = kinds;
    this.#keys = Object.keys(kinds);
    this.#capacity = Math.max(0, Math.floor(capacity));
    const data: Record<string, AnyColumn> = {};
    for (const key of this.#keys) data[key] = allocate(kinds[key]!, this.#capacity);
    this.data = data as ColumnArrays<S>;
  }

  /** Rows the arrays hold before they have to grow. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Makes room for `more` rows beyond `length` (at least doubling when it grows). */
  reserve(more: number): void {
    const needed = this.length + more;
    if (needed <= this.#capacity) return;
    const n = Math.max(needed, 2 * this.#capacity, MIN_CAPACITY);
    const data = this.data as Record<string, AnyColumn>;
    for (const key of this.#keys) data[key] = grownTo(data[key]!, n, this.length);
    this.#capacity = n;
  }

  /** Stores the "whole" column `key` as doubles from now on (its rows so far converted). */
  widen(key: keyof S & string): void {
    if (this.kinds[key] !== "whole") throw new TypeError(`GrowableColumns: column ${key} is not "whole"`);
    const data = this.data as Record<string, AnyColumn>;
    const old = data[key]!;
    if (old instanceof Float64Array) return;
    const wide = new Float64Array(this.#capacity);
    wide.set(old.subarray(0, this.length));
    data[key] = wide;
  }

  /** Whether the "whole" column `key` is stored as doubles. */
  wide(key: keyof S & string): boolean {
    return this.data[key] instanceof Float64Array;
  }

  /** A view of rows [from, to) of column `key` (no copy; valid until the arrays are replaced). */
  view<K extends keyof S & string>(key: K, from = 0, to = this.length): ColumnArray<S[K]> {
    return (this.data[key] as AnyColumn).subarray(from, to) as ColumnArray<S[K]>;
  }

  /** Views of rows [from, to) of every column. */
  views(from = 0, to = this.length): ColumnArrays<S> {
    const out: Record<string, AnyColumn> = {};
    for (const key of this.#keys) out[key] = this.view(key, from, to);
    return out as ColumnArrays<S>;
  }

  /** Drops every row (the arrays are kept for reuse). */
  clear(): void {
    this.length = 0;
  }
}
