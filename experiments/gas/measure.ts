// Measures the gas of the uniform double-auction contract and writes
//   results/gas/gas.arrow          one row per transaction (scenario, operation, round, agent, orders, gas...)
//   sim/ledger/ethereum-gas.json   the committed summary read by the Ethereum ledger model
// Run: node --import tsx experiments/gas/measure.ts   (the `make gas` target)
// With --print it writes nothing and prints the ledger JSON to stdout instead (used by the staleness test).
// With --fork <name> (e.g. london, the fork of the paper's 2022 measurements) it compiles for and runs on
// that hard fork instead of prague, and implies --print: the committed figures stay prague's.
import { writeFileAtomic } from "../io/atomic.js";
import { tableToIPC } from "apache-arrow";
import { loadAuction } from "./compile.js";
import { runAll } from "./protocol.js";
import { ARROW_PATH, LEDGER_JSON_PATH, gasTable, ledgerFile, ledgerJson } from "./report.js";

const writeAtomically = writeFileAtomic;

function forkArgument(argv: readonly string[]): string | undefined {
  const at = argv.indexOf("--fork");
  if (at < 0) return undefined;
  const fork = argv[at + 1];
  if (fork === undefined || fork.startsWith("--"))
    throw new Error("--fork needs a hard-fork name, e.g. london");
  return fork;
}

async function main(): Promise<void> {
  const fork = forkArgument(process.argv);
  const compiled = await loadAuction(fork);
  const rows = await runAll(compiled);
  const file = ledgerFile(rows, compiled);
  if (fork !== undefined || process.argv.includes("--print")) {
    process.stdout.write(ledgerJson(file));
    return;
  }
  writeAtomically(ARROW_PATH, tableToIPC(gasTable(rows), "file"));
  writeAtomically(LEDGER_JSON_PATH, ledgerJson(file));
  const g = file.gas;
  console.log(`${rows.length} transactions -> ${ARROW_PATH}`);
  console.log(
    `deploy ${g.deploy}; bid first/later/update ${g.placeBidFirst}/${g.placeBidLater}/${g.updateBid}`,
  );
  console.log(
    `ask first/later/update ${g.placeAskFirst}/${g.placeAskLater}/${g.updateAsk}; mean per bid ${g.meanGasPerBid}`,
  );
  console.log(`clear = ${g.clearFit.intercept} + ${g.clearFit.slope} * orders (R^2 ${g.clearFit.r2})`);
  for (const c of file.usdPerBid) {
    console.log(
      `at ${c.gwei} gwei, $${c.ethUsd}/ETH: $${c.meanGasPerBid} per bid ($${c.meanGasPerBidWithClear} with clearing)`,
    );
  }
  console.log(`-> ${LEDGER_JSON_PATH}`);
}

await main();
