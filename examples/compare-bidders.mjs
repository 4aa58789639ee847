// Build the paper's model, swap the bidder, run one day and print each microgrid's clearing
// prices. Copy this file next to your own project after `npm install p2p-energy-sim`.
//
//   node examples/compare-bidders.mjs [day-count]
import { createModel, paperPreset } from "p2p-energy-sim";

const days = Number(process.argv[2] ?? 1);
const hours = (t, periodMinutes) => ((t * periodMinutes) / 60).toFixed(1).padStart(5);

for (const bidder of ["aa", "zic", "zip"]) {
  const options = { ...paperPreset(), days, market: { ...paperPreset().market, bidder } };
  const model = createModel(options);
  const lines = [];
  model.on("period", (outcome) => {
    // The outcome's arrays are reused from period to period: read what you need now.
    const prices = Array.from(outcome.microgrids.mcp, (p) =>
      Number.isNaN(p) ? "    -" : p.toFixed(2).padStart(5),
    );
    if (prices.some((p) => p !== "    -"))
      lines.push(`${hours(outcome.period, options.trading.periodMinutes)} h  ${prices.join("  ")}`);
  });
  model.run();
  const { periods } = model.tables();
  let matched = 0;
  for (const wh of periods.matchedLocalWh) matched += wh;
  console.log(
    `bidder ${bidder}: ${lines.length} periods with a level-1 price; ${(matched / 1000).toFixed(1)} kWh matched inside microgrids`,
  );
  console.log(`   time  ${model.profile.microgrids.map((m) => m.padStart(5)).join("  ")}  (p/kWh)`);
  for (const line of lines.slice(0, 6)) console.log(`  ${line}`);
  if (lines.length > 6) console.log(`  ... ${lines.length - 6} more`);
}
