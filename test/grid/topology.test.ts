import { test } from "node:test";
import assert from "node:assert/strict";
import { components, scenarioFromShorthand } from "../../sim/grid/index.js";

const MGS = ["MG1", "MG2", "MG3"];

test("shorthands expand to the paper's scenarios", () => {
  assert.deepEqual(scenarioFromShorthand("grid", MGS), { id: "grid", links: [], involved: MGS });
  assert.deepEqual(scenarioFromShorthand("MG1+MG3", MGS), {
    id: "MG1+MG3",
    links: [["MG1", "MG3"]],
    involved: ["MG1", "MG3"],
  });
  assert.deepEqual(scenarioFromShorthand("all", MGS).links, [
    ["MG1", "MG2"],
    ["MG1", "MG3"],
    ["MG2", "MG3"],
  ]);
});

test("unknown microgrids and malformed shorthands are rejected by name", () => {
  assert.throws(() => scenarioFromShorthand("MG1+MG9", MGS), /unknown microgrid "MG9"/);
  assert.throws(() => scenarioFromShorthand("MG1", MGS), /two or more distinct/);
  assert.throws(() => scenarioFromShorthand("MG1+MG1", MGS), /two or more distinct/);
});

test("components group linked microgrids and leave the others alone", () => {
  assert.deepEqual(components(MGS, [["MG3", "MG1"]]), [[0, 2], [1]]);
  assert.deepEqual(components(MGS, []), [[0], [1], [2]]);
  assert.deepEqual(
    components(MGS, [
      ["MG1", "MG2"],
      ["MG2", "MG3"],
    ]),
    [[0, 1, 2]],
  );
});
