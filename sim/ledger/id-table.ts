// A number per transaction id, for callers that attach their own data to ledger transactions.
//
// Assumptions: ids are dense and increasing (a TxLog's). With a window (the log, when it keeps only
// unresolved rows) ids below the window's base are never read again, so the table drops them before
// it would grow and holds only the unresolved window rather than the whole run.

/** Where ids below `base` are known never to be read again. */
export interface IdWindow {
  readonly base: number;
}

/** A typed array indexed by id - base. */
export interface Windowed<T extends Int32Array | Float64Array> {
  values: T;
  base: number;
}

/**
 * Makes room for `id` in `w`: first drops the ids below the window's base (moving the rest to the
 * front), then doubles the array if that is not enough.
 */
export function makeRoomFor<T extends Int32Array | Float64Array>(
  w: Windowed<T>,
  id: number,
  window: IdWindow | undefined,
  allocate: (length: number) => T,
): void {
  const drop = (window?.base ?? 0) - w.base;
  if (drop > 0) {
    w.values.copyWithin(0, drop);
    w.values.fill(0, Math.max(0, w.values.length - drop));
    w.base += drop;
    if (id - w.base < w.values.length) return;
  }
  let cap = w.values.length * 2;
  while (cap <= id - w.base) cap *= 2;
  const grown = allocate(cap);
  grown.set(w.values);
  w.values = grown;
}

export class IdTable {
  readonly #w: Windowed<Float64Array> = { values: new Float64Array(1024), base: 0 };
  readonly #window: IdWindow | undefined;

  constructor(window?: IdWindow) {
    this.#window = window;
  }

  /** The value set for `id` (0 when never set); `id` must not be below the window's base. */
  get(id: number): number {
    return this.#w.values[id - this.#w.base] ?? 0;
  }

  set(id: number, value: number): void {
    const w = this.#w;
    if (id - w.base >= w.values.length) makeRoomFor(w, id, this.#window, (n) => new Float64Array(n));
    w.values[id - w.base] = value;
  }
}
