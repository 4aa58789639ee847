import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Streams } from "../../sim/kernel/index.js";
import {
  generateProfile,
  loadProfileCsv,
  makeProfileConfig,
  paperMicrogrids,
  paperProfileConfig,
  parseHouseholds,
  ProfileError,
  shiftProfile,
  type Profile,
  type ShiftSeries,
} from "../../sim/data/index.js";

type Which = "pv" | "load";
const row = (p: Profile, which: Which, a: number): number[] =>
  Array.from(p[which].subarray(a * p.periods, (a + 1) * p.periods));
/** `xs` moved k places later, circularly. */
const rotated = (xs: number[], k: number): number[] => xs.map((_, t) => xs[(t - k + xs.length) % xs.length]!);

/** A synthetic week of the paper's microgrids with no shift at all. */
const unshifted = (): Profile =>
  generateProfile(
    makeProfileConfig({ microgrids: paperMicrogrids().map((m) => ({ ...m, shiftHours: 0 })) }),
    new Streams(8),
  );

const CITYLEARN = new URL("../fixtures/citylearn-2022/", import.meta.url);
const measured = (): Profile =>
  loadProfileCsv(readFileSync(new URL("two_days.csv", CITYLEARN), "utf8"), "two_days.csv", {
    households: parseHouseholds(readFileSync(new URL("households.csv", CITYLEARN), "utf8"), "households.csv"),
  });

/** Every series of `shifted` is the plain one, rotated by k periods exactly where expected. */
function assertShifted(plain: Profile, shifted: Profile, microgrid: string, series: ShiftSeries, k: number) {
  const moves = (which: Which) => series === "both" || series === which;
  for (const agent of plain.agents) {
    for (const which of ["pv", "load"] as const) {
      const expected =
        agent.microgrid === microgrid && moves(which)
          ? rotated(row(plain, which, agent.id), k)
          : row(plain, which, agent.id);
      assert.deepEqual(row(shifted, which, agent.id), expected, `${agent.name} ${which}`);
    }
  }
  assert.deepEqual(shifted.agents, plain.agents);
  assert.equal(shifted.periods, plain.periods);
}

test("a PV shift rotates only the named microgrid's generation (synthetic)", () => {
  const plain = unshifted();
  const shifted = shiftProfile(plain, { hoursByMicrogrid: { MG3: 12 }, series: "pv" });
  assertShifted(plain, shifted, "MG3", "pv", 24);
});

test("a load shift rotates only the named microgrid's consumption (synthetic)", () => {
  const plain = unshifted();
  const shifted = shiftProfile(plain, { hoursByMicrogrid: { MG2: -3 }, series: "load" });
  assertShifted(plain, shifted, "MG2", "load", plain.periods - 6);
});

test("shifting both moves the named microgrid's generation and consumption together (synthetic)", () => {
  const plain = unshifted();
  const shifted = shiftProfile(plain, { hoursByMicrogrid: { MG1: 6 }, series: "both" });
  assertShifted(plain, shifted, "MG1", "both", 12);
});

test("a PV shift rotates only the named microgrid's generation (measured CSV)", () => {
  const plain = measured();
  const shifted = shiftProfile(plain, { hoursByMicrogrid: { MG3: 12 } });
  assertShifted(plain, shifted, "MG3", "pv", 24);
});

test("a load shift rotates only the named microgrid's consumption (measured CSV)", () => {
  const plain = measured();
  const shifted = shiftProfile(plain, { hoursByMicrogrid: { MG1: 1 }, series: "load" });
  assertShifted(plain, shifted, "MG1", "load", 2);
});

test("shifting both moves the named microgrid's two series together (measured CSV)", () => {
  const plain = measured();
  const shifted = shiftProfile(plain, { hoursByMicrogrid: { MG2: 24 }, series: "both" });
  assertShifted(plain, shifted, "MG2", "both", 48);
});

test("shifting the unshifted paper week gives exactly the generator's paper profile", () => {
  const viaShift = shiftProfile(unshifted(), { hoursByMicrogrid: { MG3: 12 }, series: "pv" });
  const generated = generateProfile(paperProfileConfig(), new Streams(8));
  assert.deepEqual(viaShift.pv, generated.pv);
  assert.deepEqual(viaShift.load, generated.load);
});

test("the input profile is not modified, and nothing to shift returns it as it is", () => {
  const plain = measured();
  const before = { pv: plain.pv.slice(), load: plain.load.slice() };
  shiftProfile(plain, { hoursByMicrogrid: { MG1: 5 }, series: "both" });
  assert.deepEqual(plain.pv, before.pv);
  assert.deepEqual(plain.load, before.load);
  assert.equal(shiftProfile(plain, { hoursByMicrogrid: {} }), plain);
  assert.equal(shiftProfile(plain, { hoursByMicrogrid: { MG3: 48 } }), plain); // a whole turn
});

test("hours that are not a whole number of periods are refused, naming the field", () => {
  assert.throws(
    () => shiftProfile(measured(), { hoursByMicrogrid: { MG3: 0.25 }, field: "profiles.shiftHours" }),
    (e: unknown) =>
      e instanceof ProfileError &&
      /profiles\.shiftHours\.MG3: expected a whole number of 30-min periods \(hours\), got 0\.25/.test(
        e.message,
      ),
  );
});

test("an unknown microgrid is refused, listing the known ones", () => {
  assert.throws(
    () => shiftProfile(measured(), { hoursByMicrogrid: { MG9: 12 } }),
    /hoursByMicrogrid\.MG9: unknown microgrid \(known: MG1, MG2, MG3\)/,
  );
});
