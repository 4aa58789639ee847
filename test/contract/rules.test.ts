// The contract's admission, price-limit, one-order-per-round and replay rules, each reverting with its
// named custom error; plus the round life cycle and the exact half-tick MCP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { concatBytes, encodeArgs } from "../../experiments/gas/abi.js";
import { AuctionAbi } from "../../experiments/gas/auction.js";
import { loadAuction } from "../../experiments/gas/compile.js";
import { Chain, signerOf } from "../../experiments/gas/evm.js";
import { asBigints, deployMarket, errorName } from "./harness.js";

const PGS = 32_000n; // ticks: 3.2 p/kWh
const PGB = 189_000n; // ticks: 18.9 p/kWh
const MID = 100_000n;
const MAX48 = (1n << 48n) - 1n;

test("a non-member cannot place an order (NotMember)", async () => {
  const { auction, outsider } = await deployMarket(1);
  const r = await auction.exec(outsider.address, "placeBid", [MID, 100n, 1n]);
  assert.equal(errorName(r), "NotMember");
});

test("only the operator admits members (NotOperator)", async () => {
  const { auction, members, outsider } = await deployMarket(1);
  const r = await auction.exec(members[0]!.address, "addMember", [outsider.address.toString()]);
  assert.equal(errorName(r), "NotOperator");
});

test("admitting a member twice reverts (AlreadyMember)", async () => {
  const { auction, operator, members } = await deployMarket(1);
  const r = await auction.exec(operator.address, "addMember", [members[0]!.address.toString()]);
  assert.equal(errorName(r), "AlreadyMember");
});

test("only the operator clears (NotOperator)", async () => {
  const { auction, members } = await deployMarket(1);
  assert.equal(errorName(await auction.exec(members[0]!.address, "clear", [])), "NotOperator");
});

test("prices at or beyond Pgs and Pgb revert (PriceOutOfRange)", async () => {
  const { auction, members } = await deployMarket(1);
  const who = members[0]!.address;
  for (const [price, nonce] of [
    [PGS, 1n],
    [PGB, 2n],
    [0n, 3n],
    [PGB + 1n, 4n],
  ] as const) {
    const r = await auction.exec(who, "placeAsk", [price, 100n, nonce]);
    assert.equal(errorName(r), "PriceOutOfRange", `price ${price}`);
    assert.deepEqual(r.error?.args, [price, PGS, PGB]);
  }
});

test("one tick inside either limit is a valid price (open interval)", async () => {
  const { auction, members } = await deployMarket(2);
  assert.ok((await auction.exec(members[0]!.address, "placeBid", [PGS + 1n, 100n, 1n])).ok);
  assert.ok((await auction.exec(members[1]!.address, "placeAsk", [PGB - 1n, 100n, 1n])).ok);
});

test("a second placement in the same round reverts, whatever its side (OrderExists)", async () => {
  const { auction, members } = await deployMarket(1);
  const who = members[0]!.address;
  assert.ok((await auction.exec(who, "placeBid", [MID, 100n, 1n])).ok);
  assert.equal(errorName(await auction.exec(who, "placeBid", [MID, 200n, 2n])), "OrderExists");
  assert.equal(errorName(await auction.exec(who, "placeAsk", [MID, 200n, 3n])), "OrderExists");
});

test("an update needs a live order of that side in the open round (NoOrder)", async () => {
  const { auction, operator, members } = await deployMarket(1);
  const who = members[0]!.address;
  assert.equal(errorName(await auction.exec(who, "updateBid", [MID, 100n, 1n])), "NoOrder");
  assert.ok((await auction.exec(who, "placeAsk", [MID, 100n, 2n])).ok);
  assert.equal(errorName(await auction.exec(who, "updateBid", [MID, 100n, 3n])), "NoOrder");
  assert.ok((await auction.exec(operator.address, "clear", [])).ok);
  // The ask belonged to the round just cleared.
  assert.equal(errorName(await auction.exec(who, "updateAsk", [MID, 100n, 4n])), "NoOrder");
});

test("an update replaces the live order without adding to the book", async () => {
  const { auction, members } = await deployMarket(1);
  const who = members[0]!.address;
  assert.ok((await auction.exec(who, "placeBid", [MID, 100n, 1n])).ok);
  assert.ok((await auction.exec(who, "updateBid", [MID + 7n, 250n, 2n])).ok);
  assert.deepEqual(await auction.read("orderOf", [who.toString()]), [1n, 0n, MID + 7n, 250n, 0n]);
  assert.deepEqual(await auction.read("bookSize"), [1n]);
});

test("a reused or lower nonce reverts (Replay), for placements and updates alike", async () => {
  const { auction, members } = await deployMarket(1);
  const who = members[0]!.address;
  assert.ok((await auction.exec(who, "placeBid", [MID, 100n, 5n])).ok);
  const replayed = await auction.exec(who, "updateBid", [MID, 100n, 5n]);
  assert.equal(errorName(replayed), "Replay");
  assert.deepEqual(replayed.error?.args, [who.toString(), 5n, 5n]);
  assert.equal(errorName(await auction.exec(who, "updateBid", [MID, 100n, 4n])), "Replay");
  assert.equal(errorName(await auction.exec(who, "updateBid", [MID, 100n, 0n])), "Replay");
});

test("nonces must increase but may skip values", async () => {
  const { auction, members } = await deployMarket(1);
  const who = members[0]!.address;
  assert.ok((await auction.exec(who, "placeBid", [MID, 100n, 3n])).ok);
  assert.ok((await auction.exec(who, "updateBid", [MID, 100n, 10n])).ok);
});

test("a reverted call does not use up its nonce", async () => {
  const { auction, members } = await deployMarket(1);
  const who = members[0]!.address;
  assert.equal(errorName(await auction.exec(who, "placeBid", [PGS, 100n, 1n])), "PriceOutOfRange");
  assert.ok((await auction.exec(who, "placeBid", [MID, 100n, 1n])).ok);
});

test("quantities and nonces beyond 48 bits revert (QuantityTooLarge, NonceTooLarge)", async () => {
  const { auction, members } = await deployMarket(1);
  const who = members[0]!.address;
  assert.equal(errorName(await auction.exec(who, "placeBid", [MID, MAX48 + 1n, 1n])), "QuantityTooLarge");
  assert.equal(errorName(await auction.exec(who, "placeBid", [MID, 100n, MAX48 + 1n])), "NonceTooLarge");
  assert.ok((await auction.exec(who, "placeBid", [MID, MAX48, MAX48])).ok);
});

test("deployment rejects limits with no tick strictly between them (BadLimits)", async () => {
  const compiled = await loadAuction();
  const chain = await Chain.create();
  const operator = signerOf(1);
  await chain.fund([operator]);
  const abi = await AuctionAbi.create(chain, compiled);
  const ctor = compiled.abi.find((e) => e.type === "constructor");
  const args = encodeArgs(ctor?.inputs ?? [], [100n, 101n]);
  const out = await chain.send(operator, undefined, concatBytes(compiled.bytecode, args));
  assert.equal(out.ok, false);
  assert.equal(abi.decodeError(out.returnData)?.name, "BadLimits");
});

test("clear() advances the round and the next round takes a fresh order from the same agent", async () => {
  const { auction, operator, members } = await deployMarket(1);
  const who = members[0]!.address;
  assert.ok((await auction.exec(who, "placeBid", [MID, 100n, 1n])).ok);
  assert.ok((await auction.exec(operator.address, "clear", [])).ok);
  assert.deepEqual(await auction.read("round"), [1n]);
  assert.deepEqual(await auction.read("bookSize"), [0n]);
  assert.ok((await auction.exec(who, "placeBid", [MID, 100n, 2n])).ok);
});

test("an empty book clears at the interval [Pgs, Pgb] with no volume", async () => {
  const { auction, operator } = await deployMarket(0);
  const r = await auction.exec(operator.address, "clear", []);
  assert.deepEqual(asBigints(r.values), [PGS, PGB, PGS + PGB, 0n]);
});

test("the MCP between adjacent ticks is an exact half tick", async () => {
  const { auction, operator, members } = await deployMarket(2);
  assert.ok((await auction.exec(members[0]!.address, "placeBid", [MID + 1n, 500n, 1n])).ok);
  assert.ok((await auction.exec(members[1]!.address, "placeAsk", [MID, 500n, 1n])).ok);
  const r = await auction.exec(operator.address, "clear", []);
  // Both orders fill exactly: no next levels, so the interval is [ask, bid] and the MCP its midpoint.
  assert.deepEqual(asBigints(r.values), [MID, MID + 1n, 2n * MID + 1n, 500n]);
  assert.deepEqual(await auction.read("fillsOf", [0n, 2n]), [[500n, 500n]]);
});

test("the marginal level is split pro rata, the leftover Wh to the lower member id", async () => {
  const { auction, operator, members } = await deployMarket(3);
  // Two bids of 3 Wh at one price meet 3 Wh of supply: 1.5 Wh each, the odd Wh to member 0.
  assert.ok((await auction.exec(members[0]!.address, "placeBid", [MID, 3n, 1n])).ok);
  assert.ok((await auction.exec(members[1]!.address, "placeBid", [MID, 3n, 1n])).ok);
  assert.ok((await auction.exec(members[2]!.address, "placeAsk", [MID - 10n, 3n, 1n])).ok);
  assert.ok((await auction.exec(operator.address, "clear", [])).ok);
  assert.deepEqual(await auction.read("fillsOf", [0n, 3n]), [[2n, 1n, 3n]]);
});
