// Measures the gas of the uniform double-auction contract and writes
//   results/gas/gas.arrow          one row per transaction (scenario, operation, round, agent, orders, gas...)
//   sim/ledger/ethereum-gas.json   the committed summary read by the Ethereum ledger model
// Run: node --import tsx experiments/gas/measure.ts   (the `make gas` target)
// With --print it writes nothing and prints the ledger JSON to stdout instead (used by the staleness test).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { tableToIPC } from "apache-arrow";
import { loadAuction } from "./compile.js";
import { runAll } from "./protocol.js";
import { ARROW_PATH, LEDGER_JSON_PATH, gasTable, ledgerFile, ledgerJson } from "./report.js";

function writeAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

async function main(): Promise<void> {
  const compiled = await loadAuction();
  const rows = await runAll(compiled);
  const file = ledgerFile(rows, compiled);
  if (process.argv.includes("--print")) {
    process.stdout.write(ledgerJson(file));
    return;
  }
  writeAtomically(ARROW_PATH, tableToIPC(gasTable(rows), "file"));
  writeAtomically(LEDGER_JSON_PATH, ledgerJson(file));
  const g = file.gas;
  console.log(`${rows.length} transactions -> ${ARROW_PATH}`);
  console.log(`deploy ${g.deploy}; bid first/later/update ${g.placeBidFirst}/${g.placeBidLater}/${g.updateBid}`);
  console.log(`ask first/later/update ${g.placeAskFirst}/${g.placeAskLater}/${g.updateAsk}; mean per bid ${g.meanGasPerBid}`);
  console.log(`clear = ${g.clearFit.intercept} + ${g.clearFit.slope} * orders (R^2 ${g.clearFit.r2})`);
  for (const c of file.usdPerBid) {
    console.log(`at ${c.gwei} gwei, $${c.ethUsd}/ETH: $${c.meanGasPerBid} per bid ($${c.meanGasPerBidWithClear} with clearing)`);
  }
  console.log(`-> ${LEDGER_JSON_PATH}`);
}

await main();
