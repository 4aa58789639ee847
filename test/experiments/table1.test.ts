// Table I then and now, and the settlement footprint of a run (energy, CO2, fees per kWh traded).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRunConfig } from "../../experiments/config/load.js";
import { buildSummary } from "../../experiments/run/report-data.js";
import { simulate } from "../../experiments/run/simulate.js";
import { todayRows, withTodayLedgers } from "../../experiments/run/today.js";
import { overviewHtml } from "../../experiments/report/index.js";
import { CARBON, ledgerModelNames, ledgerPlugin, settlementFootprint } from "../../sim/ledger/index.js";
import { assertOneLineError, p2psim } from "./cli-helpers.js";

// One day of the paper's setup on every ledger, instant confirmation included.
const config = parseRunConfig(
  {
    ledgers: ["ideal", ...ledgerModelNames()],
    scenarios: ["grid", "all"],
    profiles: { source: "synthetic", preset: "paper", days: 1 },
  },
  "table1-test",
);
const result = simulate(config, ".");
const summary = buildSummary(result);

test("settlementFootprint: energy x intensity, per kWh traded; NaN when nothing was traded", () => {
  const f = settlementFootprint(2000, 4, { gPerKwh: 300, source: "s" });
  assert.deepEqual(f, {
    energyWh: 2000,
    co2g: 600,
    tradedKwh: 4,
    whPerKwhTraded: 500,
    gCo2PerKwhTraded: 150,
  });
  const none = settlementFootprint(10, 0, { gPerKwh: 300, source: "s" });
  assert.ok(Number.isNaN(none.whPerKwhTraded) && Number.isNaN(none.gCo2PerKwhTraded));
});

test("the published intensities are the sources' emissions over their electricity, by hand", () => {
  // 11e6 t x 1e6 g/t / 23e9 kWh; 870e6 g / 2.6e6 kWh; 2.8e9 g / 7.5e6 kWh.
  assert.ok(Math.abs(CARBON.ethereumPow.gPerKwh - 478.26) < 0.01);
  assert.ok(Math.abs(CARBON.ethereumMerge.gPerKwh - 334.62) < 0.01);
  assert.ok(Math.abs(CARBON.ethereumPos.gPerKwh - 373.33) < 0.01);
  for (const c of Object.values(CARBON)) {
    assert.match(c.source, /\d{4}/, "every intensity is dated");
    assert.ok(c.source.includes(`${Math.round(c.gPerKwh)} g/kWh`), "the source states the figure used");
  }
});

test("every built-in ledger with a model states its era, calibration, carbon, sources and confirmation", () => {
  for (const name of ledgerModelNames()) {
    const p = ledgerPlugin(name);
    assert.ok(p.label !== undefined && p.vintage !== undefined && p.carbon !== undefined, name);
    assert.match(p.vintage.calibrated, /^\d{4}-\d{2}$/, name);
    assert.ok(p.sources !== undefined && p.sources.fee.length > 0 && p.sources.time.length > 0, name);
    assert.ok((p.waitsFor?.(undefined) ?? "").length > 0, name);
  }
});

test("a run's settlement is its ledger's energy and fees over the energy sold to peers", () => {
  for (const run of result.runs) {
    const s = summary.scenarios.find((x) => x.ledger === run.ledger && x.scenario === run.scenario.id)!;
    let soldWh = 0;
    for (const v of run.recorder.totals.peerSoldWh) soldWh += v;
    assert.ok(soldWh > 0, "the paper's day trades between peers");
    const stats = run.ledgerModel?.stats() ?? { energyWh: 0, feeUsd: 0 };
    assert.equal(s.settlement.tradedKwh, soldWh / 1000);
    assert.equal(s.settlement.energyWh, stats.energyWh);
    assert.equal(s.settlement.feesUsd, stats.feeUsd);
    assert.ok(
      Math.abs(s.settlement.whPerKwhTraded - stats.energyWh / (soldWh / 1000)) <= 1e-9 * stats.energyWh,
    );
    const carbon = ledgerPlugin(run.ledger).carbon?.gPerKwh ?? 0;
    assert.ok(Math.abs(s.settlement.co2g - (stats.energyWh / 1000) * carbon) <= 1e-9 * s.settlement.co2g);
  }
});

test("instant confirmation settles for nothing", () => {
  const ideal = summary.scenarios.filter((s) => s.ledger === "ideal");
  assert.ok(ideal.length > 0);
  for (const s of ideal)
    assert.deepEqual([s.settlement.energyWh, s.settlement.co2g, s.settlement.feesUsd], [0, 0, 0]);
});

test("Table I puts the paper's ledgers under 'then' and today's under 'now', each figure with a source", () => {
  const then = summary.table1.then.map((c) => c.ledger);
  const now = summary.table1.now.map((c) => c.ledger);
  assert.deepEqual(
    [...then].sort(),
    ledgerModelNames().filter((n) => ledgerPlugin(n).vintage?.era === "2022"),
  );
  assert.deepEqual(
    [...now].sort(),
    ledgerModelNames().filter((n) => ledgerPlugin(n).vintage?.era === "today"),
  );
  for (const c of [...summary.table1.then, ...summary.table1.now]) {
    for (const key of [
      "energyPerTx",
      "costPerBid",
      "timeToConfirmation",
      "security",
      "settlementEnergyPerKwhTraded",
      "co2PerKwhTraded",
      "feesPerKwhTraded",
    ] as const) {
      assert.ok(c[key].source.length > 10, `${c.ledger} ${key} has a source`);
      assert.notEqual(c[key].value, null, `${c.ledger} ${key} has a value`);
    }
  }
});

test("settling on proof-of-work Ethereum costs orders of magnitude more CO2 per kWh than today's ledgers", () => {
  const co2 = (ledger: string): number =>
    summary.scenarios.find((s) => s.ledger === ledger && s.scenario === "all")!.settlement.gCo2PerKwhTraded;
  for (const today of summary.table1.now) assert.ok(co2("ethereum") > 1000 * co2(today.ledger), today.ledger);
});

test("withTodayLedgers adds every ledger of today once, after the config's own", () => {
  const base = parseRunConfig({ ledgers: ["ideal", "op-rollup"] }, "t");
  const out = withTodayLedgers(base).ledgers;
  assert.deepEqual(out.slice(0, 2), ["ideal", "op-rollup"]);
  assert.equal(new Set(out).size, out.length);
  for (const name of ledgerModelNames())
    assert.equal(
      out.includes(name),
      name === "op-rollup" || ledgerPlugin(name).vintage?.era === "today",
      name,
    );
});

test("the overview's 'today' section has a row per ledger, and says so when there are none", () => {
  const rows = todayRows(summary, "synthetic");
  assert.deepEqual(
    rows.map((r) => r.ledger),
    config.ledgers,
  );
  assert.equal(rows.find((r) => r.ledger === "ideal")!.era, "reference");
  const page = (today: typeof rows) =>
    overviewHtml({ title: "t", tolerancePct: 10, datasets: [], readingsHtml: "", readingsLink: "r/", today });
  const html = page(rows);
  for (const r of rows) assert.ok(html.includes(`(${r.ledger})`), r.ledger);
  assert.match(page([]), /not run in this folder/);
});

test("p2psim table1 --ledgers refuses an unknown ledger and one without a model, in one line", () => {
  assertOneLineError(p2psim("table1", "--ledgers", "nope"), /--ledgers: unknown ledger "nope"/);
  assertOneLineError(p2psim("table1", "--ledgers", "ideal"), /"ideal" has no ledger model/);
});
