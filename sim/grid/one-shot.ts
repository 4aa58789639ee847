// The "one-shot" inter-microgrid process: one sealed uniform-price clearing per group.
//
// Assumptions and units (Wh, p/kWh):
// - Each entity with a net residual places one order at its public price (the quantity-weighted
//   mean of its members' last order prices on its side): those prices are on the microgrids'
//   chains, keep the members' private limits private, and carry the members' own expressed
//   valuation upwards. Nobody re-bids: the book is cleared once (sim/market/clear.ts).
// - Every Wh traded in the group trades at the clearing price; every entity in the book is
//   reported at that price (also one whose order was not filled) when anything traded.
// - Stateless and draws nothing.
import {
  addOrder,
  clearUniform,
  createBook,
  NO_ORDER,
  type MarketLimits,
  type Side,
} from "../market/index.js";
import {
  noLevel2Trade,
  type InterMicrogridProcess,
  type Level2Clearing,
  type Level2Positions,
} from "./level2.js";

export function clearOneShot(group: Level2Positions, limits: MarketLimits): Level2Clearing {
  const n = group.microgrids.length;
  const book = createBook(2 * n);
  for (let i = 0; i < n; i++) {
    if (group.side[i] !== NO_ORDER && group.quantity[i]! > 0)
      addOrder(book, group.side[i] as Side, group.price[i]!, group.quantity[i]!, i);
  }
  const result = clearUniform(book, limits);
  const out = noLevel2Trade(n, "sealed", 1);
  if (result.volume <= 0) return out;
  for (let k = 0; k < book.n; k++) {
    const i = book.owner[k]!;
    out.price[i] = result.mcp;
    out.fill[i] = result.fill[k]!;
  }
  return out;
}

export const oneShotProcess: InterMicrogridProcess = {
  name: "one-shot",
  efficient: true,
  description:
    "one sealed uniform-price clearing of the microgrids' net residuals at their members' last prices",
  create: (context) => ({ clear: (group) => clearOneShot(group, context.limits) }),
};
