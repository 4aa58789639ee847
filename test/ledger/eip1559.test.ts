import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { nextBaseFee, gasTarget, gweiToWei } from "../../sim/ledger/index.js";
import { ethereumSetup, paperLoad } from "./fixtures.js";

const LIMIT = 30_000_000n;
const TARGET = gasTarget(LIMIT);

test("full blocks raise the base fee by exactly 12.5 % in integer wei: 1 -> 1.125 -> 1.265625 gwei", () => {
  const seq = [1_000_000_000n];
  for (let i = 0; i < 4; i++) seq.push(nextBaseFee(seq.at(-1)!, LIMIT, TARGET));
  // 1423828125 * 15e6 / 15e6 / 8 = 177978515.625, truncated.
  assert.deepEqual(seq, [1_000_000_000n, 1_125_000_000n, 1_265_625_000n, 1_423_828_125n, 1_601_806_640n]);
});

test("empty blocks lower the base fee by 12.5 %, truncating the decrease", () => {
  const seq = [1_000_000_000n];
  for (let i = 0; i < 3; i++) seq.push(nextBaseFee(seq.at(-1)!, 0n, TARGET));
  // 765625000 / 8 = 95703125 exactly; 669921875 / 8 = 83740234.375 -> 83740234.
  assert.deepEqual(seq, [1_000_000_000n, 875_000_000n, 765_625_000n, 669_921_875n]);
  assert.equal(nextBaseFee(669_921_875n, 0n, TARGET), 586_181_641n);
});

test("a block exactly at the target leaves the base fee unchanged", () => {
  assert.equal(nextBaseFee(17_123_456_789n, TARGET, TARGET), 17_123_456_789n);
});

test("an increase is at least 1 wei, as the EIP requires", () => {
  assert.equal(nextBaseFee(7n, LIMIT, TARGET), 8n);
  assert.equal(nextBaseFee(7n, TARGET + 1n, TARGET), 8n);
  assert.equal(nextBaseFee(7n, 0n, TARGET), 7n);
});

test("the base fee never moves by more than an eighth (plus the 1-wei minimum increase)", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.bigInt({ min: 0n, max: LIMIT }), (base, used) => {
      const next = nextBaseFee(base, used, TARGET);
      const diff = next > base ? next - base : base - next;
      return diff <= base / 8n + 1n && (used > TARGET ? next > base : next <= base);
    }),
  );
});

test("gweiToWei converts to exact integer wei", () => {
  assert.equal(gweiToWei(17), 17_000_000_000n);
  assert.equal(gweiToWei(1.5), 1_500_000_000n);
  assert.throws(() => gweiToWei(-1), RangeError);
});

test("the Ethereum ledger's base fee follows EIP-1559 from block to block", () => {
  const s = ethereumSetup();
  paperLoad(s, 4);
  s.kernel.run();
  const b = s.ledger.blocks;
  assert.ok(b.length > 50);
  for (let i = 0; i + 1 < b.length; i++) {
    const base = BigInt(Math.round(b.baseFeeGwei[i]! * 1e9));
    const next = BigInt(Math.round(b.baseFeeGwei[i + 1]! * 1e9));
    assert.equal(next, nextBaseFee(base, BigInt(b.gasUsed[i]!), TARGET), `block ${i}`);
  }
});
