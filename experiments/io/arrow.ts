// Arrow IPC (file format) tables from plain column arrays.
//
// Columns are typed explicitly (no inference) so that the schema of a result file does not depend
// on its data: an all-integer float column stays Float64, an empty table keeps its types.
import {
  Float64,
  Int32,
  Table,
  Utf8,
  Bool,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from "apache-arrow";

export type ColumnSpec =
  | { type: "f64"; values: ArrayLike<number> }
  | { type: "i32"; values: ArrayLike<number> }
  | { type: "str"; values: readonly string[] }
  | { type: "bool"; values: readonly boolean[] };

function vector(spec: ColumnSpec): Vector {
  switch (spec.type) {
    case "f64":
      return makeVector(Float64Array.from(spec.values));
    case "i32":
      return makeVector(Int32Array.from(spec.values));
    case "str":
      return vectorFromArray(spec.values as string[], new Utf8());
    case "bool":
      return vectorFromArray(spec.values as boolean[], new Bool());
  }
}

/** Builds a table from named columns (all of one length), in the given column order. */
export function tableOf(columns: Record<string, ColumnSpec>): Table {
  const lengths = new Set(Object.values(columns).map((c) => c.values.length));
  if (lengths.size > 1)
    throw new RangeError(`tableOf: columns differ in length (${[...lengths].join(", ")})`);
  const vectors: Record<string, Vector> = {};
  for (const [name, spec] of Object.entries(columns)) vectors[name] = vector(spec);
  return new Table(vectors);
}

/** Serialises a table as an Arrow IPC file (the `.arrow` format). */
export function arrowFileBytes(table: Table): Uint8Array {
  return tableToIPC(table, "file");
}

// Re-exported so callers can name column types without importing apache-arrow themselves.
export { Float64, Int32, Utf8 };
