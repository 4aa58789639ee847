// make scale's terminal output: undefined figures read "n/a" and the slopes are a table, not JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cellLine, slopeTable } from "../../experiments/scale/format.js";

test("a cell without ledger transactions prints no NaN", () => {
  const line = cellLine({
    ledger: "ideal",
    agents: 150,
    wallS: 2,
    peakRssMb: 120,
    events: 4e6,
    txLatencyMeanS: NaN,
    missedOrders: 0,
  });
  assert.doesNotMatch(line, /NaN/);
  assert.match(line, /ideal\s+150 agents: 2\.0 s, 120 MB, 2\.00 M events\/s, no ledger tx, 0 orders missed/);
});

test("the slopes are a table with n/a where a slope is undefined", () => {
  const text = slopeTable(
    { ideal: 1.0234, iota: NaN },
    { ideal: "3 cells, 1000-10000 agents", iota: "1 cell, 150-150 agents" },
  );
  assert.doesNotMatch(text, /NaN|\{/);
  const lines = text.split("\n");
  assert.match(lines[1]!, /^ledger\s+slope\s+fitted on$/);
  assert.match(lines[2]!, /^ideal\s+1\.02\s+3 cells, 1000-10000 agents$/);
  assert.match(lines[3]!, /^iota\s+n\/a\s+1 cell/);
});
