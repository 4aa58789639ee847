// Gas per contract call on Ethereum: the measured contract (sim/ledger/ethereum-gas.json, written by
// experiments/gas with @ethereumjs/vm) when its figures are present, documented placeholders otherwise.
//
// Assumptions and units: gas per transaction, including the 21,000 intrinsic gas and calldata, net of
// refunds (the measured file's definition).
// - Placeholders (NOT measured): first order of an agent ~110,000 (fresh storage at 20,000 per slot),
//   order in a later round ~50,000, update ~45,000, clear 60,000 + 25,000 per order, inter-microgrid
//   call ~80,000, a reverted call ~30,000.
// - From the measured file: placeBid/AskFirst, placeBid/AskLater, updateBid/Ask and the clear cost by
//   book size (interpolated linearly between measured sizes, extended with the fitted slope beyond
//   them). Not measured there, so kept or derived: an inter-microgrid call is costed as an order on the
//   upper auction (placeBidLater); a reverted call keeps the 30,000 placeholder.
import { BUY } from "../market/index.js";
import { KIND } from "./types.js";

export interface GasSchedule {
  placeBidFirst: number;
  placeAskFirst: number;
  placeBidLater: number;
  placeAskLater: number;
  updateBid: number;
  updateAsk: number;
  /** Clear cost by book size, ascending in orders (may be empty: then clearBase + clearPerOrder * n). */
  clearByOrders: readonly { orders: number; gas: number }[];
  clearBase: number;
  clearPerOrder: number;
  interMg: number;
  revert: number;
  /** Where the figures come from. */
  source: string;
}

export const PLACEHOLDER_GAS: Readonly<GasSchedule> = Object.freeze({
  placeBidFirst: 110_000,
  placeAskFirst: 110_000,
  placeBidLater: 50_000,
  placeAskLater: 50_000,
  updateBid: 45_000,
  updateAsk: 45_000,
  clearByOrders: [],
  clearBase: 60_000,
  clearPerOrder: 25_000,
  interMg: 80_000,
  revert: 30_000,
  source: "placeholder (not measured)",
});

/**
 * Gas schedule from the measured file's JSON (its `gas` object). Figures it lacks keep their
 * placeholders. Throws RangeError when the JSON is not an object or a figure is not a positive number.
 */
export function gasScheduleFromJson(json: unknown): GasSchedule {
  const root = record(json, "ethereum-gas.json");
  const g = record(root["gas"] ?? root, "ethereum-gas.json gas");
  const out: GasSchedule = { ...PLACEHOLDER_GAS };
  const fields = [
    "placeBidFirst",
    "placeAskFirst",
    "placeBidLater",
    "placeAskLater",
    "updateBid",
    "updateAsk",
  ] as const;
  const measured: string[] = [];
  for (const f of fields) {
    if (g[f] === undefined) continue;
    out[f] = positive(g[f], f);
    measured.push(f);
  }
  if (Array.isArray(g["clearByOrders"])) {
    out.clearByOrders = (g["clearByOrders"] as unknown[])
      .map((row, i) => {
        const r = record(row, `clearByOrders[${i}]`);
        return {
          orders: positive(r["orders"], `clearByOrders[${i}].orders`),
          gas: positive(r["gas"], `clearByOrders[${i}].gas`),
        };
      })
      .sort((a, b) => a.orders - b.orders);
    measured.push("clearByOrders");
  }
  const fit = g["clearFit"];
  if (typeof fit === "object" && fit !== null) {
    const f = fit as Record<string, unknown>;
    out.clearPerOrder = positive(f["slope"], "clearFit.slope");
    if (typeof f["intercept"] === "number") out.clearBase = f["intercept"];
    measured.push("clearFit");
  }
  if (g["placeBidLater"] !== undefined) out.interMg = out.placeBidLater;
  const contract = typeof root["contract"] === "string" ? root["contract"] : "contract";
  if (measured.length > 0) out.source = `ethereum-gas.json, ${contract} (measured: ${measured.join(", ")})`;
  return out;
}

/** Gas of one transaction: kind code (types.KIND), order side, whether it is the agent's first order. */
export function gasFor(
  g: GasSchedule,
  kind: number,
  side: number,
  firstOrder: boolean,
  orders: number,
): number {
  if (kind === KIND.bid) return firstOrder ? g.placeBidFirst : g.placeBidLater;
  if (kind === KIND.ask) return firstOrder ? g.placeAskFirst : g.placeAskLater;
  if (kind === KIND.update) return side === BUY ? g.updateBid : g.updateAsk;
  if (kind === KIND.clear) return clearGas(g, orders);
  return g.interMg;
}

/** Gas of a clear over a book of `orders` orders. */
export function clearGas(g: GasSchedule, orders: number): number {
  const t = g.clearByOrders;
  const n = Math.max(0, orders);
  if (t.length === 0) return Math.round(g.clearBase + g.clearPerOrder * n);
  if (t.length === 1 || n <= t[0]!.orders) {
    return Math.max(21_000, Math.round(t[0]!.gas + g.clearPerOrder * (n - t[0]!.orders)));
  }
  for (let i = 1; i < t.length; i++) {
    const a = t[i - 1]!;
    const b = t[i]!;
    if (n <= b.orders) return Math.round(a.gas + ((b.gas - a.gas) * (n - a.orders)) / (b.orders - a.orders));
  }
  const last = t[t.length - 1]!;
  return Math.round(last.gas + g.clearPerOrder * (n - last.orders));
}

function positive(v: unknown, what: string): number {
  if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) {
    throw new RangeError(`ethereum-gas.json: ${what} must be a positive number, got ${JSON.stringify(v)}`);
  }
  return v;
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new RangeError(`${what}: expected an object`);
  return v as Record<string, unknown>;
}
