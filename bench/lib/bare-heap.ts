// The floor for the kernel benchmark: a bare binary min-heap of (time, seq) keys in typed arrays,
// with no handlers, payloads, priorities, handles or cancellation. It orders exactly as the
// kernel does at equal priority (time first, then insertion sequence), so the "hold" workload
// pops the same events in the same order on both and the comparison measures only the kernel's
// bookkeeping on top of the heap. Plain (not #private) fields, as in the kernel, for the same speed.

export class BareHeap {
  size = 0;
  private nextSeq = 0;
  private times: Float64Array;
  private seqs: Float64Array;

  constructor(capacity = 64) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.seqs = new Float64Array(Math.max(1, capacity));
  }

  /** Earliest time, or Infinity when empty. */
  peek(): number {
    return this.size === 0 ? Infinity : this.times[0]!;
  }

  push(time: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const seq = this.nextSeq++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
  }

  /** Removes the earliest entry and returns its time (Infinity when empty). */
  pop(): number {
    if (this.size === 0) return Infinity;
    const times = this.times;
    const seqs = this.seqs;
    const top = times[0]!;
    const n = --this.size;
    if (n === 0) return top;
    const time = times[n]!;
    const seq = seqs[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n) {
        // Branch-free choice of the smaller child (as in the kernel): Number(bool) is a flag read.
        const lt = times[child]!;
        const rt = times[child + 1]!;
        child += rt !== lt ? Number(rt < lt) : Number(seqs[child + 1]! < seqs[child]!);
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && seq < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    return top;
  }

  private grow(): void {
    const t = new Float64Array(this.times.length * 2);
    const s = new Float64Array(this.seqs.length * 2);
    t.set(this.times);
    s.set(this.seqs);
    this.times = t;
    this.seqs = s;
  }
}
