// A small table of outcome callbacks, so each transaction stores a one-byte index instead of a
// function reference, and submitting with the same callback allocates nothing.
//
// Assumption: callers use a handful of distinct callbacks (typically one per ledger user); more than
// 255 distinct functions is a usage error (a closure created per submission) and throws.
import type { TxCallback, TxStatusCode } from "./types.js";

export class CallbackTable {
  #fns: TxCallback[] = [];
  #last: TxCallback | undefined;
  #lastIndex = 0;

  /** Index of `fn` (1-based; 0 for none), registering it on first use. */
  indexOf(fn: TxCallback | undefined): number {
    if (fn === undefined) return 0;
    if (fn === this.#last) return this.#lastIndex;
    let i = this.#fns.indexOf(fn);
    if (i === -1) {
      if (this.#fns.length === 255) {
        throw new RangeError(
          "ledger: more than 255 distinct callbacks; register one handler and reuse it (the tx id identifies the transaction)",
        );
      }
      i = this.#fns.push(fn) - 1;
    }
    this.#last = fn;
    this.#lastIndex = i + 1;
    return i + 1;
  }

  /** Calls callback `index` (0: none). */
  call(index: number, txId: number, status: TxStatusCode): void {
    if (index === 0) return;
    this.#fns[index - 1]!(txId, status);
  }
}
