// docs/ledger.md quotes the models' figures from a generated block: it must match a fresh run of the
// paper config (make ledger-doc rewrites it).
import assert from "node:assert/strict";
import { ledgerModelNames } from "../../sim/ledger/index.js";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  LEDGER_DOC,
  modelFiguresSection,
  paperLedgerModels,
  paperSensitivity,
  sensitivitySection,
  withModelFigures,
  withSensitivity,
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

test("the generated block has a row and an energy reading for every registered ledger model", () => {
  const section = modelFiguresSection(run);
  assert.deepEqual(
    run.models.map((m) => m.name),
    ledgerModelNames(),
  );
  for (const m of run.models) {
    assert.ok(section.includes(`| \`${m.name}\` |`), m.name);
    assert.ok(section.includes(`- \`${m.name}\`: `), m.name);
  }
});

test("a doc without the markers is refused", () => {
  assert.throws(() => withModelFigures("# no markers\n", modelFiguresSection(run)), /markers are missing/);
});

const sensitivityRows = paperSensitivity();

test("docs/ledger.md's sensitivity table equals a fresh run (make ledger-doc rewrites it)", () => {
  const doc = readFileSync(LEDGER_DOC, "utf8");
  assert.equal(withSensitivity(doc, sensitivitySection(sensitivityRows)), doc);
});

test("every assumption simulated moves its figure, low below the default and high above", () => {
  for (const r of sensitivityRows.filter((x) => x.assumption.high.options !== undefined)) {
    const what = `${r.assumption.ledger} ${r.assumption.parameter}`;
    assert.ok(Number.isFinite(r.base) && r.base > 0, what);
    if (r.assumption.low !== undefined) assert.ok(r.low < r.base, `${what}: low ${r.low} < ${r.base}`);
    else assert.ok(Number.isNaN(r.low), `${what}: no low setting`);
    assert.ok(r.high > r.base, `${what}: high ${r.high} > ${r.base}`);
  }
});
