import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { IdTable } from "../../sim/ledger/index.js";

test("an id table returns what was set for every id at or above its window's base", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 100, maxLength: 600 }), (advances) => {
      const window = { base: 0 };
      const table = new IdTable(window);
      const expected = new Map<number, number>();
      let id = 0;
      for (const step of advances) {
        // Eight new ids per step; the window's base moves on by `step` (never past the next id).
        for (let k = 0; k < 8; k++, id++) {
          table.set(id, id * 3 + 1);
          expected.set(id, id * 3 + 1);
        }
        window.base = Math.min(id, window.base + step);
        for (const [i, v] of expected) if (i >= window.base) assert.equal(table.get(i), v);
        for (const i of [...expected.keys()]) if (i < window.base) expected.delete(i);
      }
    }),
    { numRuns: 30 },
  );
});

test("without a window an id table keeps every id", () => {
  const table = new IdTable();
  for (let id = 0; id < 5000; id++) table.set(id, -id);
  for (let id = 0; id < 5000; id += 499) assert.equal(table.get(id), -id);
  assert.equal(table.get(6000), 0);
});
