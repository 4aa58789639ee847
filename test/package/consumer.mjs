// A user's script: plain Node, ESM, no TypeScript, the installed package by its name. Runs the
// paper's model for one day, checks what it reads, and prints a summary line for pack.test.ts.
import assert from "node:assert/strict";
import { createModel, paperPreset } from "p2p-energy-sim";

const MICROGRIDS = 3;
const AGENTS = 15;
const PERIODS = 48;

const model = createModel({ ...paperPreset(), days: 1 });
let events = 0;
let finitePrices = 0;
model.on("period", (outcome) => {
  assert.equal(outcome.period, events, "periods in order");
  assert.equal(outcome.microgrids.mcp.length, MICROGRIDS);
  for (const price of outcome.microgrids.mcp) if (Number.isFinite(price)) finitePrices++;
  events++;
});
model.run();

const { periods, trades, agents } = model.tables();
const rows = (table, name) => {
  const lengths = new Set(Object.values(table).map((column) => column.length));
  assert.equal(lengths.size, 1, `every column of ${name} has the same length`);
  return [...lengths][0];
};
const periodRows = rows(periods, "periods");
const tradeRows = rows(trades, "trades");
assert.equal(periodRows, PERIODS * MICROGRIDS);
assert.ok(tradeRows > 0, "agents placed orders");
assert.equal(rows(agents, "agents"), AGENTS);
assert.ok(Array.from(periods.mcp).some(Number.isFinite), "a clearing price in the period rows");

// Energy balance of every period row. The paper's agents forecast exactly, so net production is
// what was offered less what was asked for; offers and asks are fully accounted for by the local
// match, netting, peers, the main grid and imbalance.
const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
for (let i = 0; i < periodRows; i++) {
  const p = (name) => periods[name][i];
  assert.ok(close(p("pvWh") - p("loadWh"), p("supplyWh") - p("demandWh")), `row ${i}: net production`);
  const inside = p("matchedLocalWh") + p("nettedWh");
  const sold = inside + p("peerExportWh") + p("gridExportWh") + p("imbalanceExportWh");
  const bought = inside + p("peerImportWh") + p("gridImportWh") + p("imbalanceImportWh");
  assert.ok(close(p("supplyWh"), sold), `row ${i}: supply`);
  assert.ok(close(p("demandWh"), bought), `row ${i}: demand`);
}

// The agents' totals add up to the period rows: energy bought and sold, money paid and received.
const total = (column) => Array.from(column).reduce((a, b) => a + b, 0);
const sums = {
  bought: [total(agents.boughtWh), total(periods.demandWh)],
  sold: [total(agents.soldWh), total(periods.supplyWh)],
  paid: [total(agents.paidP), total(periods.paidP)],
  received: [total(agents.receivedP), total(periods.receivedP)],
};
for (const [what, [a, b]] of Object.entries(sums))
  assert.ok(close(a, b), `${what}: agents ${a}, periods ${b}`);

process.stdout.write(`${JSON.stringify({ periodRows, tradeRows, events, finitePrices })}\n`);
