import { test } from "node:test";
import assert from "node:assert/strict";
import {
  microgridColours,
  orderNames,
  orderScenarios,
  scenarioLabelExpr,
} from "../../experiments/report/order.js";
import { MICROGRID_PALETTE } from "../../experiments/report/theme.js";

test("microgrid names sort with numbers compared as numbers", () => {
  assert.deepEqual(orderNames(["MG10", "MG2", "MG1", "MG2"]), ["MG1", "MG2", "MG10"]);
});

test("known scenarios keep the paper's order, unknown ones follow sorted", () => {
  assert.deepEqual(orderScenarios(["zeta", "all", "MG2+MG3", "grid", "alpha", "MG1+MG2"]), [
    "grid",
    "MG1+MG2",
    "MG2+MG3",
    "all",
    "alpha",
    "zeta",
  ]);
});

test("MGn takes palette colour n, other names their position", () => {
  assert.deepEqual(microgridColours(["MG3", "north"]), [MICROGRID_PALETTE[2], MICROGRID_PALETTE[1]]);
});

test("scenario labels capitalise grid and all only", () => {
  assert.equal(
    scenarioLabelExpr(),
    'datum.value === "grid" ? "Grid" : datum.value === "all" ? "All" : datum.value',
  );
});
