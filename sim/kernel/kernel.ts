// Deterministic discrete-event kernel.
//
// Assumptions and units:
// - Simulated time is an integer number of milliseconds (a safe integer, so weeks, years and
//   centuries are exact). No wall clock is ever read.
// - Events are ordered by (time, priority, sequence): lower priority values run first at equal
//   time; at equal time and priority, events run in the order they were scheduled. The sequence
//   number makes the order total, so a run never depends on heap internals.
// - Priorities are integers in [-2^20, 2^20). That range lets (priority, sequence) share one
//   exact float64 "rank", so ties on time cost one comparison and no lookup. Sequence numbers
//   have 32 bits; when they run out the pending ones are renumbered in order, which leaves the
//   firing order unchanged and puts no limit on the number of events in a run.
// - No domain knowledge, no randomness, no async. Handlers are plain functions; a handler may
//   carry one number of payload (`data`) so that callers can reuse one function for many
//   agents instead of allocating a closure per event.
// - Cancellation is lazy (the entry is skipped when it reaches the top), but once cancelled
//   entries outnumber live ones the heap is compacted, so memory stays within ~2x the live events.
// - Speed: the heap keeps its keys in typed arrays (struct of arrays) and its handlers in slots
//   that are recycled, so the hot path allocates nothing once capacities have grown (a returned
//   handle above 2^30 is boxed by V8 if the caller keeps it). Fields are TypeScript-private
//   rather than #private because V8 reads plain fields slightly faster.
import { grownTo } from "./columns.js";

/** A scheduled event's callback: receives its payload and the kernel. */
export type Handler = (data: number, kernel: Kernel) => void;

/** An opaque reference to a scheduled event, valid until it fires or is cancelled. */
export type EventHandle = number & { readonly __eventHandle: unique symbol };

export interface RunOptions {
  /** Process events strictly before this time, then advance the clock to it (ms). */
  until?: number;
  /** Stop after this many events (a safety valve for runaway models). */
  maxEvents?: number;
}

export interface KernelOptions {
  /** Sequence numbers handed out before an order-preserving renumbering (default 2^32); a test aid. */
  seqLimit?: number;
}

/** Priorities lie in [-PRIORITY_LIMIT, PRIORITY_LIMIT). */
export const PRIORITY_LIMIT = 2 ** 20;
// rank = (priority + PRIORITY_LIMIT) * SEQ_SPAN + seq < 2^21 * 2^32 = 2^53: exact in a float64.
const SEQ_SPAN = 2 ** 32;
// Handles pack (generation, slot): 2^26 simultaneous events, 2^27 generations before a slot's
// generation wraps (a stale handle could only alias after that many reuses of one slot).
const SLOT_BITS = 2 ** 26;
const GEN_MASK = 2 ** 27 - 1;
const INITIAL_CAPACITY = 64;

export class Kernel {
  private _now = 0;
  private _processed = 0;
  private _live = 0;
  private _running = false;
  private _nextSeq = 0;
  private readonly _seqLimit: number;

  // Heap, positional: entry i has key (time, rank) and refers to a slot.
  private _size = 0;
  private _dead = 0; // cancelled entries still in the heap
  private _hTime = new Float64Array(INITIAL_CAPACITY);
  private _hRank = new Float64Array(INITIAL_CAPACITY);
  private _hSlot = new Int32Array(INITIAL_CAPACITY);

  // Slots: the handler (undefined once fired or cancelled), its payload and its generation.
  private _handlers: (Handler | undefined)[] = [];
  private _data = new Float64Array(INITIAL_CAPACITY);
  private _gen = new Int32Array(INITIAL_CAPACITY);
  private _free = new Int32Array(INITIAL_CAPACITY);
  private _freeCount = 0;

  constructor(options: KernelOptions = {}) {
    const seqLimit = options.seqLimit ?? SEQ_SPAN;
    if (!Number.isInteger(seqLimit) || seqLimit < 2 || seqLimit > SEQ_SPAN) {
      throw new RangeError(`Kernel: seqLimit must be an integer in [2, 2^32], got ${seqLimit}`);
    }
    this._seqLimit = seqLimit;
  }

  /** Current simulated time (ms). */
  get now(): number {
    return this._now;
  }

  /** Number of events whose handler has run. */
  get processed(): number {
    return this._processed;
  }

  /** Number of scheduled events that have neither fired nor been cancelled. */
  get pending(): number {
    return this._live;
  }

  /** Schedules `handler` at absolute time `at` (ms). Lower `priority` runs first at equal time. */
  schedule(at: number, handler: Handler, priority = 0, data = 0): EventHandle {
    if (!(at >= this._now && Number.isSafeInteger(at))) this.badTime("Kernel.schedule", at);
    return this.insert(at, priority, handler, data);
  }

  /** Schedules `handler` `delay` ms from now. */
  scheduleAfter(delay: number, handler: Handler, priority = 0, data = 0): EventHandle {
    const at = this._now + delay;
    if (!(delay >= 0 && Number.isSafeInteger(delay) && Number.isSafeInteger(at))) {
      throw new RangeError(`Kernel.scheduleAfter: delay must be a non-negative integer ms, got ${delay}`);
    }
    return this.insert(at, priority, handler, data);
  }

  /** Cancels a pending event. Returns false when it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    if (!Number.isSafeInteger(handle) || handle < 0) return false;
    const slot = handle % SLOT_BITS;
    const gen = (handle - slot) / SLOT_BITS;
    if (slot >= this._handlers.length || this._gen[slot] !== gen || this._handlers[slot] === undefined) {
      return false;
    }
    // Lazy deletion: the heap entry stays and is discarded when it reaches the top, unless dead
    // entries come to outnumber live ones (cancelled far-future timeouts would otherwise pile up).
    this._handlers[slot] = undefined;
    this._live--;
    if (++this._dead > 32 && 2 * this._dead > this._size) this.compact();
    return true;
  }

  /** Time of the next live event (ms), or Infinity when none is pending. */
  peek(): number {
    return this.topLive() < 0 ? Infinity : this._hTime[0]!;
  }

  /** Runs the next live event. Returns false when none is pending. */
  step(): boolean {
    const slot = this.topLive();
    if (slot < 0) return false;
    this.fire(slot);
    return true;
  }

  /**
   * Runs events until none is pending, the next is at or after `until`, or `maxEvents` have run.
   * The clock then moves to `until` unless a live event before `until` is left (maxEvents hit).
   * Returns the number of events run.
   */
  run(options: RunOptions = {}): number {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (until !== Infinity && !(until >= this._now && Number.isSafeInteger(until))) {
      throw new RangeError(
        `Kernel.run: until must be an integer ms not before now (${this._now}), got ${until}`,
      );
    }
    if (!(maxEvents >= 0)) throw new RangeError(`Kernel.run: maxEvents must be >= 0, got ${maxEvents}`);
    if (this._running) throw new Error("Kernel.run: already running (run() called from a handler)");
    this._running = true;
    let count = 0;
    try {
      while (count < maxEvents) {
        const slot = this.topLive();
        if (slot < 0 || this._hTime[0]! >= until) break;
        count++;
        this.fire(slot);
      }
    } finally {
      this._running = false;
    }
    if (until !== Infinity && this.peek() >= until) this._now = until;
    return count;
  }

  private badTime(where: string, at: number): never {
    if (!Number.isSafeInteger(at)) {
      throw new RangeError(`${where}: time must be an integer number of ms, got ${at}`);
    }
    throw new RangeError(`${where}: cannot schedule in the past (at ${at} ms, now ${this._now} ms)`);
  }

  /** The slot at the top of the heap after discarding cancelled entries, or -1 when empty. */
  private topLive(): number {
    while (this._size > 0) {
      const slot = this._hSlot[0]!;
      if (this._handlers[slot] !== undefined) return slot;
      this.pop();
      this.releaseSlot(slot);
      this._dead--;
    }
    return -1;
  }

  /** Fires the top entry, whose slot is `slot` and live. */
  private fire(slot: number): void {
    const time = this._hTime[0]!;
    this.pop();
    const handler = this._handlers[slot]!;
    const data = this._data[slot]!;
    this.releaseSlot(slot);
    this._live--;
    this._now = time;
    this._processed++;
    handler(data, this);
  }

  private insert(at: number, priority: number, handler: Handler, data: number): EventHandle {
    if (!(priority >= -PRIORITY_LIMIT && priority < PRIORITY_LIMIT && Number.isInteger(priority))) {
      throw new RangeError(`Kernel.schedule: priority must be an integer in [-2^20, 2^20), got ${priority}`);
    }
    if (this._nextSeq === this._seqLimit) this.renumber();
    const rank = (priority + PRIORITY_LIMIT) * SEQ_SPAN + this._nextSeq++;
    const slot = this._freeCount > 0 ? this._free[--this._freeCount]! : this.newSlot();
    this._handlers[slot] = handler;
    this._data[slot] = data;
    this.push(at, rank, slot);
    this._live++;
    return (this._gen[slot]! * SLOT_BITS + slot) as EventHandle;
  }

  private newSlot(): number {
    const slot = this._handlers.length;
    if (slot >= SLOT_BITS) throw new RangeError(`Kernel: more than ${SLOT_BITS} pending events`);
    this._handlers.push(undefined);
    if (slot >= this._data.length) {
      const n = this._data.length * 2;
      this._data = grownTo(this._data, n);
      this._gen = grownTo(this._gen, n);
      this._free = grownTo(this._free, n);
    }
    return slot;
  }

  private releaseSlot(slot: number): void {
    this._handlers[slot] = undefined;
    this._gen[slot] = (this._gen[slot]! + 1) & GEN_MASK;
    this._free[this._freeCount++] = slot;
  }

  /** Drops the cancelled entries from the heap and restores the heap property (Floyd, O(n)). */
  private compact(): void {
    const hTime = this._hTime;
    const hRank = this._hRank;
    const hSlot = this._hSlot;
    let n = 0;
    for (let i = 0; i < this._size; i++) {
      const slot = hSlot[i]!;
      if (this._handlers[slot] === undefined) {
        this.releaseSlot(slot);
        continue;
      }
      hTime[n] = hTime[i]!;
      hRank[n] = hRank[i]!;
      hSlot[n] = slot;
      n++;
    }
    this._size = n;
    this._dead = 0;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i, n, hTime[i]!, hRank[i]!, hSlot[i]!);
  }

  // Gives the live entries sequence numbers 0..size-1 in their old order. Only the relative order
  // of sequence numbers is ever compared, so the heap stays valid and the firing order unchanged.
  private renumber(): void {
    this.compact();
    const n = this._size;
    if (n >= this._seqLimit)
      throw new RangeError(`Kernel: ${n} pending events exceed seqLimit ${this._seqLimit}`);
    const rank = this._hRank;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (rank[a]! % SEQ_SPAN) - (rank[b]! % SEQ_SPAN));
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      rank[i] = rank[i]! - (rank[i]! % SEQ_SPAN) + k;
    }
    this._nextSeq = n;
  }

  // Sifts move a hole instead of swapping, comparing the moving key held in locals.
  private push(time: number, rank: number, slot: number): void {
    if (this._size === this._hTime.length) this.growHeap();
    const hTime = this._hTime;
    const hRank = this._hRank;
    const hSlot = this._hSlot;
    let i = this._size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = hTime[parent]!;
      if (pt < time || (pt === time && hRank[parent]! < rank)) break;
      hTime[i] = pt;
      hRank[i] = hRank[parent]!;
      hSlot[i] = hSlot[parent]!;
      i = parent;
    }
    hTime[i] = time;
    hRank[i] = rank;
    hSlot[i] = slot;
  }

  private pop(): void {
    const n = --this._size;
    if (n > 0) this.siftDown(0, n, this._hTime[n]!, this._hRank[n]!, this._hSlot[n]!);
  }

  /** Places the entry (time, rank, slot) in the subtree rooted at the hole `i` of a heap of size n. */
  private siftDown(i: number, n: number, time: number, rank: number, slot: number): void {
    const hTime = this._hTime;
    const hRank = this._hRank;
    const hSlot = this._hSlot;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n) {
        // Which child is smaller is a coin flip: Number(bool) compiles to a flag read, not a
        // mispredicted branch. Equal times (rarer) take the branch.
        const lt = hTime[child]!;
        const rt = hTime[child + 1]!;
        child += rt !== lt ? Number(rt < lt) : Number(hRank[child + 1]! < hRank[child]!);
      }
      const ct = hTime[child]!;
      if (time < ct || (time === ct && rank < hRank[child]!)) break;
      hTime[i] = ct;
      hRank[i] = hRank[child]!;
      hSlot[i] = hSlot[child]!;
      i = child;
    }
    hTime[i] = time;
    hRank[i] = rank;
    hSlot[i] = slot;
  }

  private growHeap(): void {
    const n = this._hTime.length * 2;
    this._hTime = grownTo(this._hTime, n);
    this._hRank = grownTo(this._hRank, n);
    this._hSlot = grownTo(this._hSlot, n);
  }
}
