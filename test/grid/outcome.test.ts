// The period outcome the world hands its recorder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Streams } from "../../sim/kernel/index.js";
import { generateProfile, makeProfileConfig, uniformMicrogrids } from "../../sim/data/index.js";
import {
  AUCTION_OUTCOMES,
  World,
  scenarioFromShorthand,
  type PeriodOutcome,
  type Recorder,
} from "../../sim/grid/index.js";
import { BUY, SELL, marketConfig } from "../../sim/market/index.js";
import { RunRecorder } from "../../sim/metrics/index.js";

const LIMITS = { pgs: 3.2, pgb: 18.9 };

/** Checks each outcome as it arrives, then hands it on to a RunRecorder. */
class Checking implements Recorder {
  readonly periods: number[] = [];
  readonly inner: RunRecorder;
  tradedAtMcp = 0;

  constructor(inner: RunRecorder) {
    this.inner = inner;
  }

  period(o: PeriodOutcome): void {
    this.periods.push(o.period);
    const { agents, microgrids, settlement } = o;
    for (let m = 0; m < microgrids.mcp.length; m++)
      assert.ok(microgrids.outcome[m]! < AUCTION_OUTCOMES.length, `period ${o.period}: outcome code`);
    for (let a = 0; a < agents.side.length; a++) {
      const m = agents.microgridOf[a]!;
      // Uniform pricing: every filled member settles at its microgrid's MCP; no fill, no price.
      const expected = agents.fill[a]! > 0 ? microgrids.mcp[m] : Number.NaN;
      assert.ok(Object.is(agents.tradePrice[a], expected), `agent ${a}: trade price ${agents.tradePrice[a]}`);
      assert.equal(agents.quantity[a], Math.abs(agents.forecastWh[a]!), `agent ${a}: orders its forecast`);
      if (agents.fill[a]! > 0) {
        this.tradedAtMcp++;
        const fillMoney = (agents.fill[a]! * agents.tradePrice[a]!) / 1000;
        if (agents.side[a] === BUY) assert.ok(settlement.paidP[a]! >= fillMoney - 1e-9);
        if (agents.side[a] === SELL) assert.ok(settlement.receivedP[a]! >= fillMoney - 1e-9);
      }
    }
    this.inner.period(o);
  }
}

test("the world reports every period once, in order, as one settled outcome", () => {
  const profile = generateProfile(
    makeProfileConfig({ days: 1, microgrids: uniformMicrogrids(3, 4) }),
    new Streams(3),
  );
  const inner = new RunRecorder(profile.agents.length, profile.pv, profile.load, profile.periods);
  const recorder = new Checking(inner);
  new World({
    profile,
    streams: new Streams(3),
    config: {
      limits: LIMITS,
      market: marketConfig(),
      tradingWindowMs: 300_000,
      roundIntervalMs: 10_000,
      forecastErrorSd: 0.1,
      scenario: scenarioFromShorthand("all", profile.microgrids),
    },
    recorder,
  }).run();
  assert.deepEqual(
    recorder.periods,
    Array.from({ length: profile.periods }, (_, t) => t),
  );
  assert.ok(recorder.tradedAtMcp > 0, "some agents traded at level 1");
  assert.equal(inner.periods.period.length, profile.periods * profile.microgrids.length);

  // The forecast reaches the records: each order's signed quantity, and per microgrid their sum.
  const trades = inner.trades;
  const rows = inner.periods;
  const sums = new Float64Array(rows.period.length);
  for (let k = 0; k < trades.period.length; k++) {
    const q = trades.quantityWh[k]!;
    assert.equal(trades.forecastWh[k], trades.side[k] === "sell" ? q : -q);
    sums[trades.period[k]! * profile.microgrids.length + trades.microgrid[k]!]! += trades.forecastWh[k]!;
  }
  assert.deepEqual([...rows.forecastWh], [...sums]);
  let wrong = 0;
  for (let k = 0; k < rows.period.length; k++)
    if (rows.forecastWh[k] !== rows.pvWh[k]! - rows.loadWh[k]!) wrong++;
  assert.ok(wrong > 0, "a 10 % forecast error shows in the forecast column");
});
