// Pro-rata split of the marginal level's fill among its orders, in whole Wh.
//
// Rule (binding, docs/market.md): fill_i = floor(F q_i / Q); the leftover Wh (fewer than the
// number of orders) go one each to the orders with the largest remainder F q_i mod Q, ties to the
// lower owner id. The rule looks only at quantities and owners, never at positions in the book,
// so a permuted book gets identical fills per owner. Arithmetic is exact: doubles while F Q stays
// below 2^53, BigInt beyond.

/** The orders of one level: indices members[from .. to) into quantity/owner. */
export interface LevelMembers {
  members: Int32Array;
  from: number;
  to: number;
  quantity: Float64Array;
  owner: Int32Array;
}

/**
 * Writes into `fill` the pro-rata shares of `levelFill` Wh among the level's orders, whose
 * quantities total `levelQty` Wh.
 */
export function splitProRata(
  level: LevelMembers,
  levelFill: number,
  levelQty: number,
  fill: Float64Array,
): void {
  if (levelFill * levelQty <= Number.MAX_SAFE_INTEGER) {
    splitExact(level, levelFill, levelQty, fill);
  } else {
    splitBig(level, levelFill, levelQty, fill);
  }
}

function splitExact(level: LevelMembers, levelFill: number, levelQty: number, fill: Float64Array): void {
  const { members, from, to, quantity } = level;
  const rem = new Float64Array(to - from);
  let given = 0;
  for (let k = from; k < to; k++) {
    const i = members[k] as number;
    const product = levelFill * (quantity[i] as number);
    let base = Math.floor(product / levelQty);
    // The quotient is rounded before floor: correct it by one if it landed on the wrong integer.
    if (base * levelQty > product) base--;
    else if (product - base * levelQty >= levelQty) base++;
    fill[i] = base;
    rem[k - from] = product - base * levelQty;
    given += base;
  }
  giveLeftover(level, levelFill - given, (a, b) => (rem[b] as number) - (rem[a] as number), fill);
}

function splitBig(level: LevelMembers, levelFill: number, levelQty: number, fill: Float64Array): void {
  const { members, from, to, quantity } = level;
  const bigFill = BigInt(levelFill);
  const bigQty = BigInt(levelQty);
  const rem = new Array<bigint>(to - from);
  let given = 0;
  for (let k = from; k < to; k++) {
    const i = members[k] as number;
    const product = bigFill * BigInt(quantity[i] as number);
    const base = product / bigQty;
    fill[i] = Number(base);
    rem[k - from] = product - base * bigQty;
    given += Number(base);
  }
  const byRemainder = (a: number, b: number): number => {
    const ra = rem[a] as bigint;
    const rb = rem[b] as bigint;
    return ra === rb ? 0 : ra > rb ? -1 : 1;
  };
  giveLeftover(level, levelFill - given, byRemainder, fill);
}

/** One Wh each to the `leftover` members ranked first by remainder, then by lower owner id. */
function giveLeftover(
  level: LevelMembers,
  leftover: number,
  byRemainder: (a: number, b: number) => number,
  fill: Float64Array,
): void {
  if (leftover === 0) return;
  const { members, from, to, owner } = level;
  const order = new Int32Array(to - from);
  for (let k = 0; k < order.length; k++) order[k] = k;
  order.sort((a, b) => {
    const c = byRemainder(a, b);
    if (c !== 0) return c;
    return (owner[members[from + a] as number] as number) - (owner[members[from + b] as number] as number);
  });
  for (let t = 0; t < leftover; t++) {
    const i = members[from + (order[t] as number)] as number;
    fill[i] = (fill[i] as number) + 1;
  }
}
