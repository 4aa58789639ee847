// Clears order books on the deployed contract, one round per book, and reports what the chain computed:
// the reference side of the cross-implementation test (test/contract/cross.test.ts).
//
// Run as a script it reads {"members": M, "books": [[{owner, side, price, quantity}, ...], ...]} as JSON
// on stdin and writes the results as JSON on stdout (integers as decimal strings). The test spawns it as
// a child process because node's test runner tracks every promise through async hooks, which makes the
// promise-heavy EVM about ten times slower inside a test file.
// Units: price in ticks of 1e-4 p/kWh, quantity and fills in Wh, MCP in half-ticks.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BUY, type Side } from "../../sim/market/index.js";
import { Auction, DEFAULT_LIMIT_TICKS } from "./auction.js";
import { loadAuction } from "./compile.js";
import { Chain, signerOf } from "./evm.js";

export interface OracleOrder {
  owner: number; // member id, < members
  side: Side; // BUY | SELL, the same codes as the contract's BUY and SELL
  price: number; // ticks
  quantity: number; // Wh
}

export interface OracleInput {
  members: number;
  books: OracleOrder[][];
}

export interface OracleResult {
  priceLow: string;
  priceHigh: string;
  mcpHalfTicks: string;
  volume: string;
  demand: string;
  supply: string;
  clearReturn: string[]; // clear()'s own return values: priceLow, priceHigh, mcpHalfTicks, volume
  fills: string[]; // by member id
}

const str = (xs: readonly unknown[]): string[] => xs.map((x) => String(x));

export async function clearOnChain(input: OracleInput): Promise<OracleResult[]> {
  const compiled = await loadAuction();
  const chain = await Chain.create();
  const operator = signerOf(1);
  const members = Array.from({ length: input.members }, (_, i) => signerOf(i + 2));
  await chain.fund([operator, ...members]);
  const { auction } = await Auction.deploy(chain, compiled, operator, DEFAULT_LIMIT_TICKS);
  const must = async (
    caller: (typeof members)[number],
    fn: string,
    args: (bigint | string)[],
  ): Promise<unknown[]> => {
    const r = await auction.exec(caller.address, fn, args);
    if (!r.ok) throw new Error(`${fn}(${args.join(", ")}) reverted: ${JSON.stringify(r.error)}`);
    return r.values;
  };
  for (const m of members) await must(operator, "addMember", [m.address.toString()]);
  const nonces = new Array<bigint>(input.members).fill(0n);
  const results: OracleResult[] = [];
  for (const book of input.books) {
    for (const o of book) {
      const signer = members[o.owner];
      if (signer === undefined) throw new RangeError(`owner ${o.owner} is not a member`);
      nonces[o.owner] = (nonces[o.owner] as bigint) + 1n;
      const fn = o.side === BUY ? "placeBid" : "placeAsk";
      await must(signer, fn, [BigInt(o.price), BigInt(o.quantity), nonces[o.owner] as bigint]);
    }
    const clearReturn = str(await must(operator, "clear", []));
    const [, priceLow, priceHigh, mcpHalfTicks, volume, demand, supply] = str(
      await auction.read("lastClearing"),
    );
    const [fills] = await auction.read("fillsOf", [0n, BigInt(input.members)]);
    if (!Array.isArray(fills)) throw new TypeError("fillsOf returned no array");
    results.push({
      priceLow: priceLow ?? "",
      priceHigh: priceHigh ?? "",
      mcpHalfTicks: mcpHalfTicks ?? "",
      volume: volume ?? "",
      demand: demand ?? "",
      supply: supply ?? "",
      clearReturn,
      fills: str(fills),
    });
  }
  return results;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const input = JSON.parse(await readStdin()) as OracleInput;
  process.stdout.write(`${JSON.stringify(await clearOnChain(input))}\n`);
}
