// Our pending Ethereum transactions, aggregated by fee cap: one FIFO lane per fee-cap level.
//
// Assumptions and units (gwei, wei, gas):
// - Our wallets round each fee cap up to a geometric grid (stepsPerDoubling levels per doubling of
//   the cap), never above the agent's maximum; all our transactions pay the same tip. A lane therefore
//   holds transactions that are interchangeable for inclusion, in submission order (= id order), and
//   the number of lanes is bounded by stepsPerDoubling * log2(max cap / min cap) whatever the number
//   of pending transactions. A block visits each lane at most a constant number of times plus one
//   step per transaction it includes or drops: never a scan of every pending transaction.
// - Lanes are kept sorted by cap, highest first, and are never deleted (empty ones are skipped).
import { grownTo } from "../kernel/columns.js";
import type { IdWindow } from "./id-table.js";
import { TxQueues } from "./tx-queues.js";

export class FeeLanes {
  readonly queues: TxQueues;
  readonly stepsPerDoubling: number;
  /** Lane indices ordered by fee cap, highest first. */
  readonly order: number[] = [];
  /** Fee cap of each lane, wei (a safe integer). */
  readonly capWei: number[] = [];
  readonly #levelToLane = new Map<number, number>();
  readonly #levelOf: number[] = [];
  /** Transactions in all lanes. */
  pending = 0;

  /** `ids`: the log the transaction ids come from, when it retires rows (see TxQueues). */
  constructor(stepsPerDoubling: number, ids?: IdWindow) {
    this.stepsPerDoubling = stepsPerDoubling;
    this.queues = new TxQueues(0, ids);
  }

  /** Grid level of a fee cap: rounded up to the grid, but not above `maxGwei`'s level. */
  levelFor(capGwei: number, maxGwei: number): number {
    const s = this.stepsPerDoubling;
    const up = Math.ceil(s * Math.log2(capGwei) - 1e-9);
    const ceiling = Math.floor(s * Math.log2(maxGwei) + 1e-9);
    return Math.min(up, ceiling);
  }

  /** Fee cap of a grid level, gwei. */
  capGweiOf(level: number): number {
    return 2 ** (level / this.stepsPerDoubling);
  }

  /** Appends transaction `id` to the lane of `level` (created on first use). */
  push(id: number, level: number): number {
    let lane = this.#levelToLane.get(level);
    if (lane === undefined) lane = this.#addLane(level);
    this.queues.push(lane, id);
    this.pending++;
    return lane;
  }

  head(lane: number): number {
    return this.queues.head[lane]!;
  }

  /** Removes the head of a lane. */
  shift(lane: number): number {
    const id = this.queues.shift(lane);
    if (id !== -1) this.pending--;
    return id;
  }

  count(lane: number): number {
    return this.queues.count[lane]!;
  }

  get lanes(): number {
    return this.capWei.length;
  }

  #addLane(level: number): number {
    const lane = this.queues.addQueues(1);
    this.#levelToLane.set(level, lane);
    this.#levelOf.push(level);
    this.capWei.push(Math.round(this.capGweiOf(level) * 1e9));
    let i = this.order.length;
    this.order.push(lane);
    while (i > 0 && this.#levelOf[this.order[i - 1]!]! < level) {
      this.order[i] = this.order[i - 1]!;
      i--;
    }
    this.order[i] = lane;
    return lane;
  }
}

/** Min-heap of lanes keyed by their head transaction id (the oldest head first). */
export class LaneHeap {
  #lane = new Int32Array(16);
  #key = new Int32Array(16);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(lane: number, key: number): void {
    if (this.size === this.#lane.length) {
      this.#lane = grownTo(this.#lane, this.size * 2);
      this.#key = grownTo(this.#key, this.size * 2);
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.#key[p]! <= key) break;
      this.#lane[i] = this.#lane[p]!;
      this.#key[i] = this.#key[p]!;
      i = p;
    }
    this.#lane[i] = lane;
    this.#key[i] = key;
  }

  /** Lane at the top (smallest key); only valid when size > 0. */
  top(): number {
    return this.#lane[0]!;
  }

  /** Replaces the top's key (its lane's new head) and restores the order. */
  replaceTopKey(key: number): void {
    this.#siftDown(this.#lane[0]!, key);
  }

  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    this.#siftDown(this.#lane[n]!, this.#key[n]!);
  }

  #siftDown(lane: number, key: number): void {
    const n = this.size;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.#key[c + 1]! < this.#key[c]!) c++;
      if (this.#key[c]! >= key) break;
      this.#lane[i] = this.#lane[c]!;
      this.#key[i] = this.#key[c]!;
      i = c;
    }
    this.#lane[i] = lane;
    this.#key[i] = key;
  }
}
