// Deterministic discrete-event kernel.
//
// Assumptions and units:
// - Simulated time is an integer number of milliseconds (a safe integer, so weeks, years and
//   centuries are exact). No wall clock is ever read.
// - Events are ordered by (time, priority, sequence): lower priority values run first at equal
//   time; at equal time and priority, events run in the order they were scheduled. The sequence
//   number makes the order total, so a run never depends on heap internals.
// - No domain knowledge, no randomness, no async. Handlers are plain functions; a handler may
//   carry one number of payload (`data`) so that callers can reuse one function for many
//   agents instead of allocating a closure per event.
// - The heap keeps its keys in typed arrays (struct of arrays) and its handlers in slots that are
//   recycled, so the hot path allocates nothing once capacities have grown.

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

// Handles pack (generation, slot): 2^26 simultaneous events, 2^27 generations before a slot's
// generation wraps (a stale handle could only alias after that many reuses of one slot).
const SLOT_BITS = 2 ** 26;
const GEN_WRAP = 2 ** 27;
const INITIAL_CAPACITY = 64;

export class Kernel {
  #now = 0;
  #processed = 0;
  #nextSeq = 0;
  #size = 0;
  #live = 0;
  #running = false;

  // Heap, positional: entry i has key (time, prio, seq) and refers to slot.
  #hTime = new Float64Array(INITIAL_CAPACITY);
  #hPrio = new Int32Array(INITIAL_CAPACITY);
  #hSeq = new Float64Array(INITIAL_CAPACITY);
  #hSlot = new Int32Array(INITIAL_CAPACITY);

  // Slots: the handler, its payload and its generation.
  #handlers: (Handler | undefined)[] = [];
  #data = new Float64Array(INITIAL_CAPACITY);
  #gen = new Int32Array(INITIAL_CAPACITY);
  #free: number[] = [];

  /** Current simulated time (ms). */
  get now(): number {
    return this.#now;
  }

  /** Number of events whose handler has run. */
  get processed(): number {
    return this.#processed;
  }

  /** Number of scheduled events that have neither fired nor been cancelled. */
  get pending(): number {
    return this.#live;
  }

  /** Schedules `handler` at absolute time `at` (ms). Lower `priority` runs first at equal time. */
  schedule(at: number, handler: Handler, priority = 0, data = 0): EventHandle {
    if (!Number.isSafeInteger(at)) {
      throw new RangeError(`Kernel.schedule: time must be an integer number of ms, got ${at}`);
    }
    if (at < this.#now) {
      throw new RangeError(`Kernel.schedule: cannot schedule in the past (at ${at} ms, now ${this.#now} ms)`);
    }
    if (!Number.isInteger(priority) || Math.abs(priority) > 0x7fffffff) {
      throw new RangeError(`Kernel.schedule: priority must be a 32-bit integer, got ${priority}`);
    }
    const slot = this.#allocSlot(handler, data);
    this.#push(at, priority, this.#nextSeq++, slot);
    this.#live++;
    return (this.#gen[slot]! * SLOT_BITS + slot) as EventHandle;
  }

  /** Schedules `handler` `delay` ms from now. */
  scheduleAfter(delay: number, handler: Handler, priority = 0, data = 0): EventHandle {
    if (!Number.isSafeInteger(delay) || delay < 0) {
      throw new RangeError(`Kernel.scheduleAfter: delay must be a non-negative integer ms, got ${delay}`);
    }
    return this.schedule(this.#now + delay, handler, priority, data);
  }

  /** Cancels a pending event. Returns false when it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_BITS;
    const gen = (handle - slot) / SLOT_BITS;
    if (slot >= this.#handlers.length || this.#gen[slot] !== gen || this.#handlers[slot] === undefined) {
      return false;
    }
    // Lazy deletion: the heap entry stays and is discarded when it reaches the top.
    this.#handlers[slot] = undefined;
    this.#live--;
    return true;
  }

  /** Time of the next live event (ms), or Infinity when none is pending. */
  peek(): number {
    this.#dropCancelledTop();
    return this.#size === 0 ? Infinity : this.#hTime[0]!;
  }

  /** Runs the next live event. Returns false when none is pending. */
  step(): boolean {
    this.#dropCancelledTop();
    if (this.#size === 0) return false;
    const time = this.#hTime[0]!;
    const slot = this.#hSlot[0]!;
    this.#pop();
    const handler = this.#handlers[slot]!;
    const data = this.#data[slot]!;
    this.#releaseSlot(slot);
    this.#live--;
    this.#now = time;
    this.#processed++;
    handler(data, this);
    return true;
  }

  /** Runs events until none is pending, `until` is reached or `maxEvents` have run. */
  run(options: RunOptions = {}): number {
    const until = options.until ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    if (until !== Infinity && (!Number.isSafeInteger(until) || until < this.#now)) {
      throw new RangeError(`Kernel.run: until must be an integer ms not before now (${this.#now}), got ${until}`);
    }
    if (this.#running) throw new Error("Kernel.run: already running (run() called from a handler)");
    this.#running = true;
    const start = this.#processed;
    try {
      while (this.#processed - start < maxEvents && this.peek() < until) this.step();
    } finally {
      this.#running = false;
    }
    if (until !== Infinity && this.#processed - start < maxEvents) this.#now = until;
    return this.#processed - start;
  }

  #dropCancelledTop(): void {
    while (this.#size > 0) {
      const slot = this.#hSlot[0]!;
      if (this.#handlers[slot] !== undefined) return;
      this.#pop();
      this.#releaseSlot(slot);
    }
  }

  #allocSlot(handler: Handler, data: number): number {
    let slot = this.#free.pop();
    if (slot === undefined) {
      slot = this.#handlers.length;
      if (slot >= SLOT_BITS) throw new RangeError(`Kernel: more than ${SLOT_BITS} pending events`);
      this.#handlers.push(undefined);
      if (slot >= this.#data.length) {
        this.#data = grow(this.#data, new Float64Array(this.#data.length * 2));
        this.#gen = grow(this.#gen, new Int32Array(this.#gen.length * 2));
      }
    }
    this.#handlers[slot] = handler;
    this.#data[slot] = data;
    return slot;
  }

  #releaseSlot(slot: number): void {
    this.#handlers[slot] = undefined;
    this.#gen[slot] = (this.#gen[slot]! + 1) % GEN_WRAP;
    this.#free.push(slot);
  }

  // Sifts move a hole instead of swapping, comparing the moving key held in locals.
  #push(time: number, prio: number, seq: number, slot: number): void {
    if (this.#size === this.#hTime.length) this.#growHeap();
    const hTime = this.#hTime;
    const hPrio = this.#hPrio;
    const hSeq = this.#hSeq;
    const hSlot = this.#hSlot;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(time, prio, seq, hTime[parent]!, hPrio[parent]!, hSeq[parent]!)) break;
      hTime[i] = hTime[parent]!;
      hPrio[i] = hPrio[parent]!;
      hSeq[i] = hSeq[parent]!;
      hSlot[i] = hSlot[parent]!;
      i = parent;
    }
    hTime[i] = time;
    hPrio[i] = prio;
    hSeq[i] = seq;
    hSlot[i] = slot;
  }

  #pop(): void {
    const n = --this.#size;
    if (n === 0) return;
    const hTime = this.#hTime;
    const hPrio = this.#hPrio;
    const hSeq = this.#hSeq;
    const hSlot = this.#hSlot;
    const time = hTime[n]!;
    const prio = hPrio[n]!;
    const seq = hSeq[n]!;
    const slot = hSlot[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(hTime[right]!, hPrio[right]!, hSeq[right]!, hTime[child]!, hPrio[child]!, hSeq[child]!)) {
        child = right;
      }
      if (!before(hTime[child]!, hPrio[child]!, hSeq[child]!, time, prio, seq)) break;
      hTime[i] = hTime[child]!;
      hPrio[i] = hPrio[child]!;
      hSeq[i] = hSeq[child]!;
      hSlot[i] = hSlot[child]!;
      i = child;
    }
    hTime[i] = time;
    hPrio[i] = prio;
    hSeq[i] = seq;
    hSlot[i] = slot;
  }

  #growHeap(): void {
    const n = this.#hTime.length * 2;
    this.#hTime = grow(this.#hTime, new Float64Array(n));
    this.#hPrio = grow(this.#hPrio, new Int32Array(n));
    this.#hSeq = grow(this.#hSeq, new Float64Array(n));
    this.#hSlot = grow(this.#hSlot, new Int32Array(n));
  }
}

/** Strict order on event keys: (time, priority, sequence) lexicographically. */
function before(ta: number, pa: number, sa: number, tb: number, pb: number, sb: number): boolean {
  if (ta !== tb) return ta < tb;
  if (pa !== pb) return pa < pb;
  return sa < sb;
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
