// One cell of the scalability study, run in its own process so that its wall time and peak
// memory are its own: `node --import tsx experiments/scale/cell.ts <microgrids> <agents> <ledger> <days>`.
// Prints one JSON line. The market runs in full; no result tables are written, no per-trade rows are
// kept and the ledger log keeps only unresolved transactions (outputs.trades/transactions false).
import { performance } from "node:perf_hooks";
import { sum } from "simple-statistics";
import { InputError } from "../cli/errors.js";
import { parseRunConfig } from "../config/load.js";
import type { RunConfig } from "../config/schema.js";
import { ledgerFigures } from "../run/report-data.js";
import { buildProfile, runScenario, scenarioOf } from "../run/simulate.js";
import type { ScaleRow } from "./row.js";

const [microgrids, agents, ledger, days, batteryShare] = process.argv.slice(2);
if (days === undefined || ledger === undefined) {
  process.stderr.write(
    "usage: cell.ts <microgrids> <agents per microgrid> <ledger> <days> [battery share]\n",
  );
  process.exit(2);
}
function cellConfig(): RunConfig {
  try {
    return parseRunConfig(
      {
        name: "scale-cell",
        ledgers: [ledger],
        scenarios: ["grid"],
        outputs: { trades: false, transactions: false },
        profiles: {
          source: "synthetic",
          preset: "uniform",
          microgrids: Number(microgrids),
          agentsPerMicrogrid: Number(agents),
          days: Number(days),
          // As the paper: MG3's generation 12 h later (every cell has at least three microgrids).
          shiftHours: { MG3: 12 },
        },
        // Home batteries at this share of each microgrid's agents (docs/storage.md's defaults).
        ...(batteryShare === undefined ? {} : { devices: { battery: { share: Number(batteryShare) } } }),
      },
      "scale cell",
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
const config = cellConfig();
const start = performance.now();
const profile = buildProfile(config, ".");
const run = runScenario(config, profile, config.ledgers[0]!, scenarioOf("grid", profile.microgrids));
const wallS = (performance.now() - start) / 1000;
const figures = run.ledgerModel ? ledgerFigures(run.ledgerModel) : undefined;
const rows = run.recorder.periods;
const row: ScaleRow = {
  ledger,
  batteryShare: batteryShare === undefined ? 0 : Number(batteryShare),
  microgrids: Number(microgrids),
  agentsPerMicrogrid: Number(agents),
  agents: profile.agents.length,
  periods: profile.periods,
  wallS,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  events: run.events,
  transactions: run.ledgerModel?.log.length ?? 0,
  txLatencyMeanS: figures?.txLatencyMeanS ?? NaN,
  txLatencyP95S: figures?.txLatencyP95S ?? NaN,
  costPerBidUsd: figures?.costPerBidUsd ?? NaN,
  feesUsd: run.ledgerModel?.stats().feeUsd ?? NaN,
  // What the ledger did to the market: orders that never confirmed in time, and the energy the
  // microgrid auctions still matched (the rest is netted or goes to the main grid; scenario "grid"
  // has no links between microgrids).
  missedOrders: sum(Array.from(rows.missedOrders)),
  missedWh: sum(Array.from(rows.missedWh)),
  matchedLocalWh: sum(Array.from(rows.matchedLocalWh)),
};
process.stdout.write(`${JSON.stringify(row)}\n`);
