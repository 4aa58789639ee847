import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  KIND,
  MEASURED_GAS,
  PLACEHOLDER_GAS,
  clearGas,
  gasFor,
  gasScheduleFromJson,
} from "../../sim/ledger/index.js";
import { BUY, SELL } from "../../sim/market/index.js";

const FILE = JSON.parse(
  readFileSync(new URL("../../sim/ledger/ethereum-gas.json", import.meta.url), "utf8"),
) as {
  gas: Record<string, number> & { clearByOrders: { orders: number; gas: number }[] };
};
const CLEAR = FILE.gas.clearByOrders;

test("the default Ethereum gas comes from the measured contract file", () => {
  assert.equal(MEASURED_GAS.placeBidFirst, FILE.gas["placeBidFirst"]);
  assert.equal(MEASURED_GAS.placeBidLater, FILE.gas["placeBidLater"]);
  assert.equal(MEASURED_GAS.updateAsk, FILE.gas["updateAsk"]);
  assert.match(MEASURED_GAS.source, /measured/);
  assert.equal(MEASURED_GAS.revert, PLACEHOLDER_GAS.revert, "reverts are not measured: placeholder kept");
});

test("gas per kind: first order, later order, update by side, clear by book size", () => {
  const g = MEASURED_GAS;
  assert.equal(gasFor(g, KIND.bid, BUY, true, 0), g.placeBidFirst);
  assert.equal(gasFor(g, KIND.ask, SELL, false, 0), g.placeAskLater);
  assert.equal(gasFor(g, KIND.update, SELL, false, 0), g.updateAsk);
  assert.equal(gasFor(g, KIND.clear, BUY, false, CLEAR[1]!.orders), CLEAR[1]!.gas);
  assert.equal(gasFor(g, KIND["inter-mg"], BUY, false, 0), g.placeBidLater);
});

test("clear gas interpolates between measured book sizes and extends with the fitted slope", () => {
  const g = MEASURED_GAS;
  const [a, b] = [CLEAR[0]!, CLEAR[1]!];
  const last = CLEAR.at(-1)!;
  assert.equal(clearGas(g, a.orders), a.gas);
  assert.equal(clearGas(g, (a.orders + b.orders) / 2), Math.round((a.gas + b.gas) / 2));
  assert.equal(clearGas(g, last.orders + 100), Math.round(last.gas + g.clearPerOrder * 100));
  assert.equal(clearGas(PLACEHOLDER_GAS, 4), 60_000 + 4 * 25_000);
});

test("a file without figures keeps the placeholders; a bad figure is refused", () => {
  assert.deepEqual(gasScheduleFromJson({ gas: {} }), { ...PLACEHOLDER_GAS });
  assert.throws(() => gasScheduleFromJson({ gas: { placeBidFirst: -3 } }), RangeError);
  assert.throws(() => gasScheduleFromJson([1, 2]), RangeError);
});
