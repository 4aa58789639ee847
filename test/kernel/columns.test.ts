import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { fitsInt32, GrowableColumns, grownTo } from "../../sim/kernel/columns.js";

const KINDS = { a: "i32", x: "f64", s: "u8", f: "i16", w: "whole" } as const;

test("columns start with the kinds' array types and the given capacity", () => {
  const c = new GrowableColumns(KINDS, 4);
  assert.equal(c.capacity, 4);
  assert.equal(c.length, 0);
  assert.ok(c.data.a instanceof Int32Array);
  assert.ok(c.data.x instanceof Float64Array);
  assert.ok(c.data.s instanceof Uint8Array);
  assert.ok(c.data.f instanceof Int16Array);
  assert.ok(c.data.w instanceof Int32Array);
  assert.ok(Object.values(c.data).every((column) => column.length === 4));
});

test("reserve keeps the rows, at least doubles, and does nothing while there is room", () => {
  const c = new GrowableColumns(KINDS, 2);
  c.reserve(2);
  const before = c.data;
  const first = c.data.x;
  c.data.a[0] = 7;
  c.data.x[1] = 0.5;
  c.length = 2;
  c.reserve(0);
  assert.equal(c.data.x, first, "no growth while the rows fit");
  c.reserve(1);
  assert.equal(c.capacity, 16, "grows to at least the minimum capacity");
  assert.equal(c.data, before, "the same data object, with new arrays");
  assert.notEqual(c.data.x, first);
  assert.deepEqual([...c.view("a")], [7, 0]);
  assert.deepEqual([...c.view("x")], [0, 0.5]);
  c.length = 16;
  c.reserve(1);
  assert.equal(c.capacity, 32, "doubles");
  c.reserve(100);
  assert.equal(c.capacity, 116, "or grows to what is asked when that is more");
});

test("a whole column reads back every value exactly, widening to doubles when it must", () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ noNaN: true })), {
        maxLength: 80,
      }),
      (values) => {
        const c = new GrowableColumns({ w: "whole" }, 1);
        for (const v of values) {
          c.reserve(1);
          if (!fitsInt32(v)) c.widen("w");
          c.data.w[c.length++] = v;
        }
        assert.equal(c.wide("w"), !values.every(fitsInt32));
        assert.deepEqual([...c.view("w")], values);
      },
    ),
  );
});

test("fitsInt32 accepts exactly the doubles an Int32Array stores unchanged", () => {
  for (const v of [0, 1, -1, 2 ** 31 - 1, -(2 ** 31)]) assert.ok(fitsInt32(v), String(v));
  for (const v of [-0, 0.5, 2 ** 31, -(2 ** 31) - 1, NaN, Infinity]) assert.ok(!fitsInt32(v), String(v));
});

test("only a whole column widens", () => {
  const c = new GrowableColumns(KINDS);
  assert.throws(() => c.widen("x"), /not "whole"/);
});

test("views are trimmed copies-free windows; clear keeps the arrays", () => {
  const c = new GrowableColumns({ a: "i32", x: "f64" });
  c.reserve(3);
  for (let k = 0; k < 3; k++) {
    c.data.a[k] = k;
    c.data.x[k] = k / 2;
  }
  c.length = 3;
  const v = c.views(1, 3);
  assert.deepEqual([...v.a], [1, 2]);
  assert.deepEqual([...v.x], [0.5, 1]);
  assert.equal(v.a.buffer, c.data.a.buffer);
  const arrays = c.data.a;
  c.clear();
  assert.equal(c.length, 0);
  assert.equal(c.data.a, arrays);
});

test("grownTo copies into a larger array of the same type, up to the rows in use", () => {
  const from = Int16Array.of(1, -2, 3, 4);
  const to = grownTo(from, 8, 3);
  assert.ok(to instanceof Int16Array);
  assert.deepEqual(Array.from(to), [1, -2, 3, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(grownTo(Float64Array.of(0.5, 1.5), 3)), [0.5, 1.5, 0]);
});
