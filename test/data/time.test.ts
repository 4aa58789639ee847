import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  civilFromDays,
  daysFromCivil,
  formatIsoTime,
  parseIsoTime,
  weekdayOfDays,
} from "../../sim/data/index.js";

test("ISO timestamps with an offset parse to UTC milliseconds", () => {
  assert.deepEqual(parseIsoTime("2016-08-15T00:00:00-07:00"), { utcMs: 1_471_244_400_000, offsetMin: -420 });
  assert.deepEqual(parseIsoTime("1970-01-01T00:00Z"), { utcMs: 0, offsetMin: 0 });
  assert.deepEqual(parseIsoTime("2022-06-06T00:00:00.5+01:00"), { utcMs: 1_654_470_000_500, offsetMin: 60 });
});

test("ISO parsing refuses a missing offset, impossible dates and loose formats", () => {
  for (const bad of [
    "2022-06-06T00:00:00",
    "2022-02-29T00:00Z",
    "2022-13-01T00:00Z",
    "2022-06-06 00:00Z",
    "2022-6-6T00:00Z",
    "2022-06-06T24:00Z",
  ]) {
    assert.throws(() => parseIsoTime(bad), RangeError, bad);
  }
});

test("formatting inverts parsing for any instant and offset", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -6e10, max: 2.5e11 }) /* years 0069-9892 */,
      fc.integer({ min: -720, max: 840 }),
      (secs, offsetMin) => {
        const ms = secs * 1000;
        assert.deepEqual(parseIsoTime(formatIsoTime(ms, offsetMin)), { utcMs: ms, offsetMin });
      },
    ),
  );
});

test("civil dates round-trip through day counts", () => {
  fc.assert(
    fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (days) => {
      const [y, m, d] = civilFromDays(days);
      assert.equal(daysFromCivil(y, m, d), days);
    }),
  );
});

test("weekdays: 2022-06-06 is a Monday and 2016-08-15 a Monday", () => {
  assert.equal(weekdayOfDays(daysFromCivil(2022, 6, 6)), 1);
  assert.equal(weekdayOfDays(daysFromCivil(2016, 8, 15)), 1);
  assert.equal(weekdayOfDays(daysFromCivil(2022, 6, 12)), 0);
});
