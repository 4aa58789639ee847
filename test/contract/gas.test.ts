// The committed gas figures (sim/ledger/ethereum-gas.json) must equal a fresh measurement exactly: the
// EVM is deterministic, so any difference means the contract, compiler pins or protocol changed and
// `make gas` has to be re-run. Also checks the two shortcuts the measurement takes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Auction } from "../../experiments/gas/auction.js";
import { loadAuction } from "../../experiments/gas/compile.js";
import { Chain, signerOf } from "../../experiments/gas/evm.js";
import { runBookScenario } from "../../experiments/gas/protocol.js";
import { LEDGER_JSON_PATH } from "../../experiments/gas/report.js";
import { runTs } from "./child.js";

const MEASURE = fileURLToPath(new URL("../../experiments/gas/measure.ts", import.meta.url));

// Started at once in a child process, so it runs beside the in-process tests below.
const measured = runTs(MEASURE, ["--print"]);

test("sim/ledger/ethereum-gas.json equals a fresh measurement (else run `make gas`)", async () => {
  const child = await measured;
  assert.equal(child.status, 0, `measure.ts failed:\n${child.stderr}`);
  const committed = readFileSync(LEDGER_JSON_PATH, "utf8");
  assert.deepEqual(JSON.parse(committed), JSON.parse(child.stdout), "stale gas figures: run `make gas`");
  assert.equal(committed, child.stdout, "same figures, different formatting: run `make gas`");
});

test("a signed transaction costs exactly the gas of the unsigned form the measurements use", async () => {
  const compiled = await loadAuction();
  const gasOf = async (sign: boolean): Promise<number[]> => {
    const chain = await Chain.create();
    const [operator, buyer, seller] = [signerOf(1), signerOf(2), signerOf(3)];
    await chain.fund([operator, buyer, seller]);
    const { auction, deploy } = await Auction.deploy(chain, compiled, operator);
    const txs = [
      await auction.send(operator, "addMember", [buyer.address.toString()], sign),
      await auction.send(operator, "addMember", [seller.address.toString()], sign),
      await auction.send(buyer, "placeBid", [120_000n, 1500n, 1n], sign),
      await auction.send(seller, "placeAsk", [90_000n, 1000n, 1n], sign),
      await auction.send(buyer, "updateBid", [110_000n, 1200n, 2n], sign),
      await auction.send(operator, "clear", [], sign),
    ];
    assert.ok(txs.every((t) => t.ok));
    return [deploy.gasUsed, ...txs.map((t) => t.gasUsed)];
  };
  assert.deepEqual(await gasOf(true), await gasOf(false));
});

test("setting a book up by message calls leaves the clear() gas of a transaction-built book", async () => {
  const compiled = await loadAuction();
  const clears = async (via: "call" | "tx"): Promise<number[]> =>
    (await runBookScenario(compiled, [2, 10], via))
      .filter((r) => r.operation === "clear")
      .map((r) => r.gasUsed);
  assert.deepEqual(await clears("call"), await clears("tx"));
});
