// A number per transaction id, for callers that attach their own data to ledger transactions.
//
// Assumptions: ids are dense and increasing (a TxLog's). With a window (the log, when it keeps only
// unresolved rows) ids below the window's base are never read again, so the table drops them before
// it would grow and holds only the unresolved window rather than the whole run.
import type { IdWindow } from "./tx-queues.js";

export class IdTable {
  #values = new Float64Array(1024);
  #base = 0;
  readonly #window: IdWindow | undefined;

  constructor(window?: IdWindow) {
    this.#window = window;
  }

  /** The value set for `id` (0 when never set); `id` must not be below the window's base. */
  get(id: number): number {
    return this.#values[id - this.#base] ?? 0;
  }

  set(id: number, value: number): void {
    if (id - this.#base >= this.#values.length) this.#makeRoom(id);
    this.#values[id - this.#base] = value;
  }

  #makeRoom(id: number): void {
    const drop = (this.#window?.base ?? 0) - this.#base;
    if (drop > 0) {
      this.#values.copyWithin(0, drop);
      this.#values.fill(0, Math.max(0, this.#values.length - drop));
      this.#base += drop;
      if (id - this.#base < this.#values.length) return;
    }
    let cap = this.#values.length * 2;
    while (cap <= id - this.#base) cap *= 2;
    const grown = new Float64Array(cap);
    grown.set(this.#values);
    this.#values = grown;
  }
}
