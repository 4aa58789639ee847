// market.interMicrogrid changes levels 2 and 3 and nothing upstream of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createModel } from "../../sim/model.js";

function periods(process: string) {
  const model = createModel({ days: 2, scenario: "all", market: { interMicrogrid: process } });
  model.run();
  return model.tables().periods;
}

test("switching the inter-microgrid process leaves the microgrid auctions untouched", () => {
  const [a, b] = [periods("one-shot"), periods("iterated")];
  for (const column of [
    "mcp",
    "rounds",
    "outcome",
    "demandWh",
    "supplyWh",
    "matchedLocalWh",
    "nettedWh",
  ] as const)
    assert.deepEqual(Array.from(a[column]), Array.from(b[column]), column);
});

test("switching the inter-microgrid process changes what microgrids trade with each other", () => {
  const [a, b] = [periods("one-shot"), periods("iterated")];
  assert.notDeepEqual(Array.from(a.peerImportWh), Array.from(b.peerImportWh));
});
