// The example a researcher would copy runs as shipped (plain node, the package by its name).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("examples/compare-bidders.mjs runs the paper model for a day with each bidder", () => {
  const r = spawnSync(process.execPath, ["examples/compare-bidders.mjs"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const headers = r.stdout.split("\n").filter((l) => l.startsWith("bidder "));
  assert.deepEqual(
    headers.map((l) => l.split(":")[0]),
    ["bidder aa", "bidder zic", "bidder zip"],
  );
  for (const line of headers)
    assert.match(line, /: [1-9]\d* periods with a level-1 price; \d+\.\d kWh matched/);
  assert.match(r.stdout, / {2}\d+\.\d h {2}/, "a line of clearing prices");
});
