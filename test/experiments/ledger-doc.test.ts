// docs/ledger.md quotes the models' figures from a generated block: it must match a fresh run of the
// paper config (make ledger-doc rewrites it).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  LEDGER_DOC,
  modelFiguresSection,
  paperLedgerModels,
  withModelFigures,
} from "../../experiments/io/ledger-doc.js";

const run = paperLedgerModels();

test("docs/ledger.md's model figures match a run of the paper config (make ledger-doc)", () => {
  const doc = readFileSync(LEDGER_DOC, "utf8");
  assert.equal(
    doc,
    withModelFigures(doc, modelFiguresSection(run)),
    "docs/ledger.md is out of date: run make ledger-doc",
  );
});

test("the generated block has a row and an energy reading for every ledger model of the config", () => {
  const section = modelFiguresSection(run);
  assert.deepEqual(
    run.models.map((m) => m.name),
    ["iota", "ethereum", "ethereum-pos"],
  );
  for (const m of run.models) {
    assert.ok(section.includes(`| \`${m.name}\` |`), m.name);
    assert.ok(section.includes(`- \`${m.name}\`: `), m.name);
  }
});

test("a doc without the markers is refused", () => {
  assert.throws(() => withModelFigures("# no markers\n", modelFiguresSection(run)), /markers are missing/);
});
