// The bench suite's ledger comparison and its files, on a tiny workload (the benchmark itself, with
// its timings, stays out of `make test`): every registered ledger model is run, the Arrow files have
// the declared schemas, and the charts are valid Vega-Lite.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataType, tableFromIPC, TimeUnit, type Field } from "apache-arrow";
import { compile, type TopLevelSpec } from "vega-lite";
import { BENCH_LEDGER_MODELS, BENCH_LEDGERS, BENCH_SPEED } from "../../experiments/bench/schema.js";
import type { TableDef } from "../../sim/metrics/index.js";
import {
  IOTA_LEDGER,
  ledgerNames,
  ledgerPlugin,
  registerLedger,
  scaleStudy,
  unregisterLedger,
} from "../../sim/ledger/index.js";
import { compareLedgers, comparedLedgers, type LedgerComparison } from "../../bench/lib/ledgers.js";
import { speedRows, writeLedgerComparison, writeSpeed } from "../../bench/lib/outputs.js";

function arrowType(type: DataType): string {
  if (DataType.isDictionary(type)) return DataType.isUtf8(type.dictionary) ? "dict" : String(type);
  if (DataType.isFloat(type) && type.precision === 2) return "f64";
  if (DataType.isInt(type) && type.bitWidth === 32 && type.isSigned) return "i32";
  if (DataType.isBool(type)) return "bool";
  if (DataType.isTimestamp(type) && type.unit === TimeUnit.MILLISECOND && type.timezone === "UTC")
    return "timestamp";
  return String(type);
}

/** A written table's fields against its declaration: names, order, types, units, meanings, nulls. */
function assertDeclared(path: string, table: TableDef): number {
  const read = tableFromIPC(readFileSync(path));
  const describe = (f: Field) => [
    f.name,
    arrowType(f.type),
    f.metadata.get("unit"),
    f.metadata.get("description"),
    f.nullable,
  ];
  assert.deepEqual(
    read.schema.fields.map(describe),
    table.columns.map((c) => [c.name, c.type, c.unit, c.description, c.nullable ?? false]),
    table.file,
  );
  assert.ok(existsSync(path.replace(/\.arrow$/, ".parquet")), `${table.file}: Parquet beside it`);
  return read.numRows;
}

function assertVegaLite(dir: string, name: string): void {
  const spec = JSON.parse(readFileSync(join(dir, `${name}.vl.json`), "utf8")) as TopLevelSpec;
  assert.match(String(spec.$schema), /vega-lite/);
  const compiled = compile(spec).spec;
  assert.ok(Array.isArray(compiled.marks) && compiled.marks.length > 0, `${name}: compiles to marks`);
  assert.match(readFileSync(join(dir, `${name}.svg`), "utf8"), /^<svg[^>]*>/, `${name}: rendered`);
}

/** A ledger registered only for this test: the comparison must pick it up like the built-ins. */
const EXTRA = "bench-test-ledger";

function withExtraLedger<T>(run: () => T): T {
  registerLedger({ ...IOTA_LEDGER, name: EXTRA, description: "a copy of the IOTA model (test)" });
  try {
    return run();
  } finally {
    unregisterLedger(EXTRA);
  }
}

const PARTICIPANTS = [10, 25];
const comparison: LedgerComparison = withExtraLedger(() =>
  compareLedgers({ participants: PARTICIPANTS, seed: 7, repeats: 2 }),
);

test("the comparison runs every registered ledger model, and only those, at every size", () => {
  const withModel = withExtraLedger(() => ledgerNames().filter((n) => ledgerPlugin(n).create !== null));
  assert.ok(withModel.includes(EXTRA));
  assert.ok(!comparedLedgers().includes(EXTRA), "the test ledger is gone again");
  assert.deepEqual(
    comparison.models.map((m) => m.ledger),
    withModel,
  );
  assert.deepEqual(
    comparison.rows.map((r) => [r.ledger, r.participants]),
    PARTICIPANTS.flatMap((n) => withModel.map((l) => [l, n])),
  );
  for (const m of comparison.models) {
    assert.ok(m.energyReading.length > 0 && m.security.length > 0, m.ledger);
    assert.equal(
      m.description,
      withExtraLedger(() => ledgerPlugin(m.ledger).description),
    );
  }
  for (const r of comparison.rows) {
    assert.equal(r.transactions, r.participants * 3 + r.microgrids, `${r.ledger}: orders and clears`);
    assert.ok(r.cpuMs >= 0 && r.kernelEvents > 0, r.ledger);
  }
});

test("each ledger's figures are the scalability study's, on one and the same workload", () => {
  const copy = comparison.rows.find((r) => r.ledger === EXTRA && r.participants === 25)!;
  const base = comparison.rows.find((r) => r.ledger === IOTA_LEDGER.name && r.participants === 25)!;
  const { ledger: _a, cpuMs: _b, cpuUsPerTx: _c, ...copyFigures } = copy;
  const { ledger: _d, cpuMs: _e, cpuUsPerTx: _f, ...baseFigures } = base;
  assert.deepEqual(copyFigures, baseFigures, "the same model under another name gives the same figures");
  const study = scaleStudy({ participants: 25, seed: 7, ledgers: comparedLedgers() });
  for (const [name, f] of Object.entries(study.byLedger)) {
    const row = comparison.rows.find((r) => r.ledger === name && r.participants === 25)!;
    assert.equal(row.orderLatencyMeanS, f.orderLatency.meanMs / 1000, name);
    assert.equal(row.costPerBidUsd, f.costPerBidUsd, name);
    assert.equal(row.energyWhPerTx, f.energyWhPerTx, name);
    assert.equal(row.pending, f.pending, name);
  }
});

test("the comparison writes Arrow tables with the declared schemas and valid Vega-Lite charts", async () => {
  const dir = mkdtempSync(join(tmpdir(), "p2psim-bench-"));
  const files = await writeLedgerComparison(dir, comparison);
  assert.equal(assertDeclared(join(dir, BENCH_LEDGERS.file), BENCH_LEDGERS), comparison.rows.length);
  assert.equal(
    assertDeclared(join(dir, BENCH_LEDGER_MODELS.file), BENCH_LEDGER_MODELS),
    comparison.models.length,
  );
  for (const chart of ["ledgers-latency", "ledgers-cost", "ledgers-energy"]) {
    assert.ok(files.includes(`${chart}.vl.json`) && files.includes(`${chart}.svg`), chart);
    assertVegaLite(dir, chart);
  }
  const ledgers = tableFromIPC(readFileSync(join(dir, BENCH_LEDGERS.file)));
  assert.deepEqual(
    [...new Set(ledgers.getChild("ledger")!.toArray() as string[])],
    comparison.models.map((m) => m.ledger),
  );
});

test("the speed figures become speed.arrow beside their floors, with a chart of the ratios", async () => {
  const rows = speedRows({
    kernel: {
      figures: [
        { pending: 10, impl: "kernel", eventsPerSec: 2e7 },
        { pending: 10, impl: "bare", eventsPerSec: 4e7 },
      ],
    },
    market: {
      clear: [{ orders: 1000, prices: "tick", clearMs: 0.75, sortMs: 0.25 }],
      consensus: [{ agents: 10, msPerRound: 0.01 }],
    },
    period: {
      periods: [
        {
          microgrids: 3,
          agentsPerMicrogrid: 5,
          msPerPeriod: 2,
          marketOnlyMsPerPeriod: 1,
          ratioToMarketOnly: 2,
        },
      ],
      bidding: { bidsPerSec: 1e7, ratioToExpm1: 3 },
    },
    ledger: { figures: [{ model: "iota", workload: "hold", pending: 1000, txPerSec: 1e6 }] },
  });
  assert.deepEqual(
    rows.map((r) => [r.suite, r.floor, r.ratio, r.timeOverFloor]),
    [
      ["kernel", "bare heap", 0.5, 2],
      ["market", "sort", 3, 3],
      ["market", "none", NaN, NaN],
      ["period", "market alone", 2, 2],
      ["period", "Math.expm1", 3, 3],
      ["ledger", "none", NaN, NaN],
    ],
  );
  const dir = mkdtempSync(join(tmpdir(), "p2psim-bench-speed-"));
  await writeSpeed(dir, rows);
  assert.equal(assertDeclared(join(dir, BENCH_SPEED.file), BENCH_SPEED), rows.length);
  const speed = tableFromIPC(readFileSync(join(dir, BENCH_SPEED.file)));
  assert.equal(speed.getChild("ratio")!.nullCount, 2, "figures without a floor have a null ratio");
  assertVegaLite(dir, "speed-floors");
});
