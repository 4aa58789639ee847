// Sorting one side of a book by price: an LSD radix sort of the prices' IEEE-754 bit patterns,
// carrying the order index along.
//
// Assumptions: prices are finite doubles (validated before). Why radix: sorting an index array
// with a JS comparator is ~3x slower than V8's native Float64Array sort, while a radix sort of
// 64-bit keys is linear, stable (equal prices keep index order, which no rule relies on), has no
// bad inputs, and skips the digit passes in which every key agrees (prices inside (Pgs, Pgb)
// share their top bits). Orders with zero quantity are left out: they take part in nothing.

const DIGIT_BITS = 11;
const RADIX = 1 << DIGIT_BITS;
const DIGIT_MASK = RADIX - 1;
const PASSES = 6; // 6 x 11 bits >= 64

export interface RadixScratch {
  /** Sorted order indices (entries [0, count) after sortSide). */
  idx: Int32Array;
  hi: Uint32Array;
  lo: Uint32Array;
  idx2: Int32Array;
  hi2: Uint32Array;
  lo2: Uint32Array;
  counts: Uint32Array;
}

export function createRadixScratch(capacity: number): RadixScratch {
  return {
    idx: new Int32Array(capacity),
    hi: new Uint32Array(capacity),
    lo: new Uint32Array(capacity),
    idx2: new Int32Array(capacity),
    hi2: new Uint32Array(capacity),
    lo2: new Uint32Array(capacity),
    counts: new Uint32Array(PASSES * RADIX),
  };
}

function ensure(s: RadixScratch, m: number): void {
  if (s.idx.length >= m) return;
  const cap = Math.max(m, 2 * s.idx.length);
  s.idx = new Int32Array(cap);
  s.hi = new Uint32Array(cap);
  s.lo = new Uint32Array(cap);
  s.idx2 = new Int32Array(cap);
  s.hi2 = new Uint32Array(cap);
  s.lo2 = new Uint32Array(cap);
}

const bitsF64 = new Float64Array(1);
const bitsU32 = new Uint32Array(bitsF64.buffer);
// Index of the high word of a double in bitsU32 (1 on little-endian machines).
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function digit(hi: number, lo: number, pass: number): number {
  switch (pass) {
    case 0:
      return lo & DIGIT_MASK;
    case 1:
      return (lo >>> 11) & DIGIT_MASK;
    case 2:
      return ((lo >>> 22) | (hi << 10)) & DIGIT_MASK;
    case 3:
      return (hi >>> 1) & DIGIT_MASK;
    case 4:
      return (hi >>> 12) & DIGIT_MASK;
    default:
      return hi >>> 23;
  }
}

/**
 * Loads the keys of the orders on `side` with positive quantity into the scratch (order-preserving
 * transform of the bit pattern; complemented for a descending sort) and builds all histograms.
 */
function loadKeys(
  n: number,
  price: Float64Array,
  quantity: Float64Array,
  sideOf: Uint8Array,
  side: number,
  descending: boolean,
  s: RadixScratch,
): number {
  const { idx, hi: his, lo: los, counts } = s;
  counts.fill(0);
  const flip = descending ? 0xffffffff : 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (sideOf[i] !== side || quantity[i] === 0) continue;
    bitsF64[0] = (price[i] as number) + 0; // folds -0 into +0
    let hi = bitsU32[HI] as number;
    let lo = bitsU32[LO] as number;
    if (hi >>> 31 === 1) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi ^= 0x80000000;
    }
    hi = (hi ^ flip) >>> 0;
    lo = (lo ^ flip) >>> 0;
    idx[m] = i;
    his[m] = hi;
    los[m] = lo;
    m++;
    for (let p = 0; p < PASSES; p++) {
      const c = p * RADIX + digit(hi, lo, p);
      counts[c] = (counts[c] as number) + 1;
    }
  }
  return m;
}

/** Turns a pass's histogram into start offsets; returns false when one digit holds every key. */
function offsets(counts: Uint32Array, pass: number, m: number): boolean {
  const base = pass * RADIX;
  let sum = 0;
  for (let d = 0; d < RADIX; d++) {
    const c = counts[base + d] as number;
    if (c === m) return false;
    counts[base + d] = sum;
    sum += c;
  }
  return true;
}

function scatter(s: RadixScratch, m: number, pass: number): void {
  const { idx, hi: his, lo: los, idx2, hi2, lo2, counts } = s;
  const base = pass * RADIX;
  for (let k = 0; k < m; k++) {
    const hi = his[k] as number;
    const lo = los[k] as number;
    const c = base + digit(hi, lo, pass);
    const to = counts[c] as number;
    counts[c] = to + 1;
    idx2[to] = idx[k] as number;
    hi2[to] = hi;
    lo2[to] = lo;
  }
  s.idx = idx2;
  s.hi = hi2;
  s.lo = lo2;
  s.idx2 = idx;
  s.hi2 = his;
  s.lo2 = los;
}

/** Below this many orders a comparator sort beats the radix sort's fixed cost (its histograms). */
const SMALL = 256;

function sortSmall(
  n: number,
  price: Float64Array,
  quantity: Float64Array,
  sideOf: Uint8Array,
  side: number,
  descending: boolean,
  s: RadixScratch,
): number {
  let m = 0;
  for (let i = 0; i < n; i++) if (sideOf[i] === side && quantity[i] !== 0) s.idx[m++] = i;
  const view = s.idx.subarray(0, m);
  if (descending) view.sort((a, b) => (price[b] as number) - (price[a] as number));
  else view.sort((a, b) => (price[a] as number) - (price[b] as number));
  return m;
}

/**
 * Sorts the orders of `side` with positive quantity by price (descending if `descending`) and
 * returns how many there are; their indices are `s.idx[0 .. count)`. `sideCount` bounds that count.
 */
export function sortSide(
  n: number,
  price: Float64Array,
  quantity: Float64Array,
  sideOf: Uint8Array,
  side: number,
  sideCount: number,
  descending: boolean,
  s: RadixScratch,
): number {
  ensure(s, sideCount);
  if (sideCount <= SMALL) return sortSmall(n, price, quantity, sideOf, side, descending, s);
  const m = loadKeys(n, price, quantity, sideOf, side, descending, s);
  for (let pass = 0; pass < PASSES; pass++) {
    if (offsets(s.counts, pass, m)) scatter(s, m, pass);
  }
  return m;
}
