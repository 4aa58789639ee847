import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { TxQueues } from "../../sim/ledger/index.js";

type Op =
  | { op: "push"; q: number }
  | { op: "shift"; q: number }
  | { op: "batch"; q: number; k: number; back: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("push" as const), q: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ op: fc.constant("shift" as const), q: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    op: fc.constant("batch" as const),
    q: fc.integer({ min: 0, max: 2 }),
    k: fc.integer({ min: 0, max: 5 }),
    back: fc.boolean(),
  }),
);

test("linked FIFO queues behave like arrays under push, shift, detach and put back", () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
      const qs = new TxQueues(3);
      const model: number[][] = [[], [], []];
      let nextId = 0;
      for (const o of ops) {
        if (o.op === "push") {
          qs.push(o.q, nextId);
          model[o.q]!.push(nextId++);
        } else if (o.op === "shift") {
          assert.equal(qs.shift(o.q), model[o.q]!.shift() ?? -1);
        } else {
          const { first, last, n } = qs.detachPrefix(o.q, o.k);
          const expected = model[o.q]!.splice(0, o.k);
          const got: number[] = [];
          for (let id = first; id !== -1; id = qs.next(id)) got.push(id);
          assert.deepEqual(got, expected);
          assert.equal(n, expected.length);
          if (n > 0) assert.equal(last, expected.at(-1));
          if (o.back) {
            qs.prependList(o.q, first, last, n);
            model[o.q]!.unshift(...expected);
          }
        }
      }
      for (let q = 0; q < 3; q++) {
        assert.equal(qs.count[q], model[q]!.length);
        const got: number[] = [];
        for (let id = qs.head[q]!; id !== -1; id = qs.next(id)) got.push(id);
        assert.deepEqual(got, model[q]);
      }
    }),
  );
});

test("with an id window, queues keep their order while the links array drops retired ids", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 })), {
        minLength: 500,
        maxLength: 1500,
      }),
      (steps) => {
        const model: number[][] = [[], [], []];
        let nextId = 0;
        // The window's base: no id below the smallest queued one will be queued again.
        const window = {
          get base(): number {
            return Math.min(nextId, ...model.map((m) => m[0] ?? Infinity));
          },
        };
        const qs = new TxQueues(3, window);
        for (const [q, r] of steps) {
          // Mostly pushes (several at once), so ids outrun the initial 1024 links.
          for (let k = 0; k < (r < 7 ? 4 : 0); k++) {
            qs.push(q, nextId);
            model[q]!.push(nextId++);
          }
          if (r >= 7) assert.equal(qs.shift(q), model[q]!.shift() ?? -1);
        }
        for (let q = 0; q < 3; q++) {
          const got: number[] = [];
          for (let id = qs.head[q]!; id !== -1; id = qs.next(id)) got.push(id);
          assert.deepEqual(got, model[q]);
        }
      },
    ),
    { numRuns: 30 },
  );
});
