// Trader conformance figures: every registered bidder under every registered mechanism on the
// Smith schedules (experiments/conformance/schedules.ts), five seeds each. Prints a Markdown table
// of the figures trader papers report: allocative efficiency and Smith's alpha (RMS deviation of
// trade prices from the competitive equilibrium), plus the price error and rounds.
// `make conformance` runs it; docs/market.md quotes its output.
import { mean } from "simple-statistics";
import { bidders, mechanisms } from "../../sim/market/index.js";
import { runSchedule, SCHEDULES, SEEDS } from "./schedules.js";

const rows = [
  "| mechanism | bidder | schedule | efficiency | alpha (%) | price error (%) | rounds |",
  "|---|---|---|---|---|---|---|",
];
for (const mechanism of mechanisms.names()) {
  for (const bidder of bidders.names()) {
    for (const [name, agents] of Object.entries(SCHEDULES)) {
      const runs = SEEDS.map((seed) => runSchedule(agents, seed, { config: { bidder, mechanism } }));
      const cell = (f: (r: (typeof runs)[number]) => number, digits: number) =>
        mean(runs.map(f)).toFixed(digits);
      rows.push(
        `| ${mechanism} | ${bidder} | ${name} | ${cell((r) => r.efficiency, 3)} | ${cell((r) => r.finalAlpha, 2)} | ${cell((r) => 100 * r.error, 2)} | ${cell((r) => r.rounds, 1)} |`,
      );
    }
  }
}
process.stdout.write(
  `${rows.join("\n")}\n\nMeans over seeds ${SEEDS.join(", ")}; market defaults otherwise.\n`,
);
