// FIFO queues of transaction ids as intrusive singly linked lists: one `next` link per transaction
// and a head/tail/count per queue. Pushing, popping, detaching a prefix and putting it back are O(1)
// or O(prefix) and allocate nothing once the arrays have grown, so a million pending transactions
// cost 4 bytes each and no per-transaction objects.
//
// Assumptions: a transaction is in at most one queue at a time; ids are dense non-negative integers.
import { makeRoomFor, type IdWindow, type Windowed } from "./id-table.js";
// When the ids come from a log that retires rows (TxLog keep "unresolved"), pass that log: ids below
// its base are never queued again, so the links array drops them (it is indexed by id - base) before
// it would grow, and stays as long as the unresolved window rather than the whole run.

export class TxQueues {
  /** The link of each queued id, at index id - base. */
  readonly #links: Windowed<Int32Array> = { values: new Int32Array(1024), base: 0 };
  readonly #ids: IdWindow | undefined;
  head: Int32Array;
  tail: Int32Array;
  count: Int32Array;

  constructor(queues: number, ids?: IdWindow) {
    this.head = new Int32Array(queues).fill(-1);
    this.tail = new Int32Array(queues).fill(-1);
    this.count = new Int32Array(queues);
    this.#ids = ids;
  }

  /** Number of queues. */
  get size(): number {
    return this.head.length;
  }

  /** Adds `n` empty queues and returns the index of the first. */
  addQueues(n: number): number {
    const first = this.head.length;
    const cap = first + n;
    this.head = extend(this.head, cap, -1);
    this.tail = extend(this.tail, cap, -1);
    this.count = extend(this.count, cap, 0);
    return first;
  }

  /** The transaction after `id` in its queue or detached list (-1: last). */
  next(id: number): number {
    return this.#links.values[id - this.#links.base]!;
  }

  push(q: number, id: number): void {
    this.#ensure(id);
    this.#links.values[id - this.#links.base] = -1;
    const tail = this.tail[q]!;
    if (tail === -1) this.head[q] = id;
    else this.#links.values[tail - this.#links.base] = id;
    this.tail[q] = id;
    this.count[q]!++;
  }

  /** Removes and returns the head of queue q (-1 when empty). */
  shift(q: number): number {
    const id = this.head[q]!;
    if (id === -1) return -1;
    const nxt = this.#links.values[id - this.#links.base]!;
    this.head[q] = nxt;
    if (nxt === -1) this.tail[q] = -1;
    this.count[q]!--;
    return id;
  }

  /**
   * Detaches the first min(k, count) transactions of queue q as a list (walk it with next()) and
   * returns its first id (-1 when empty). The detached list's last link is -1.
   */
  detachPrefix(q: number, k: number): { first: number; last: number; n: number } {
    const first = this.head[q]!;
    const n = Math.min(k, this.count[q]!);
    if (n === 0) return { first: -1, last: -1, n: 0 };
    let last = first;
    const base = this.#links.base;
    for (let i = 1; i < n; i++) last = this.#links.values[last - base]!;
    const rest = this.#links.values[last - base]!;
    this.#links.values[last - base] = -1;
    this.head[q] = rest;
    if (rest === -1) this.tail[q] = -1;
    this.count[q]! -= n;
    return { first, last, n };
  }

  /** Puts a detached list of n transactions back at the front of queue q, in its order. */
  prependList(q: number, first: number, last: number, n: number): void {
    if (n === 0) return;
    this.#links.values[last - this.#links.base] = this.head[q]!;
    if (this.head[q] === -1) this.tail[q] = last;
    this.head[q] = first;
    this.count[q]! += n;
  }

  #ensure(id: number): void {
    const w = this.#links;
    if (id - w.base >= w.values.length) makeRoomFor(w, id, this.#ids, (n) => new Int32Array(n));
  }
}

function extend(from: Int32Array, cap: number, fill: number): Int32Array {
  const to = new Int32Array(cap).fill(fill);
  to.set(from);
  return to;
}
