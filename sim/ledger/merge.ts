// Overrides for nested config objects: a DeepPartial of a config, merged onto its defaults.
//
// Assumption: configs are trees of plain objects and primitives (no arrays to merge element-wise:
// an array or typed array in the overrides replaces the default wholesale).

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends (infer _U)[] | ArrayLike<number>
    ? T[K]
    : T[K] extends object
      ? DeepPartial<T[K]>
      : T[K];
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** A copy of `base` with every defined value of `overrides` applied, recursively for plain objects. */
export function mergeConfig<T extends object>(base: T, overrides: DeepPartial<T> | undefined): T {
  if (overrides === undefined) return structuredCloneConfig(base);
  const out = structuredCloneConfig(base) as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides as Record<string, unknown>)) {
    if (v === undefined) continue;
    const cur = out[k];
    out[k] = isPlainObject(v) && isPlainObject(cur) ? mergeConfig(cur, v) : v;
  }
  return out as T;
}

function structuredCloneConfig<T extends object>(v: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    out[k] = isPlainObject(x) ? structuredCloneConfig(x) : x;
  }
  return out as T;
}

/** Freezes a config tree (plain objects and arrays) so shared defaults cannot be mutated. */
export function deepFreeze<T extends object>(v: T): Readonly<T> {
  for (const x of Object.values(v as Record<string, unknown>)) {
    if (typeof x === "object" && x !== null && !ArrayBuffer.isView(x)) deepFreeze(x);
  }
  return Object.freeze(v);
}
