// Shared set-up for the contract tests: a fresh chain with the auction deployed and members admitted
// through message calls (fast; the gas tests use transactions).
import { Auction, DEFAULT_LIMIT_TICKS, type CallResult } from "../../experiments/gas/auction.js";
import { loadAuction } from "../../experiments/gas/compile.js";
import { Chain, signerOf, type Signer } from "../../experiments/gas/evm.js";

export interface Market {
  chain: Chain;
  auction: Auction;
  operator: Signer;
  members: Signer[]; // members[id] has member id `id`
  outsider: Signer; // funded, never admitted
}

export async function deployMarket(memberCount: number): Promise<Market> {
  const compiled = await loadAuction();
  const chain = await Chain.create();
  const operator = signerOf(1);
  const members = Array.from({ length: memberCount }, (_, i) => signerOf(i + 2));
  const outsider = signerOf(memberCount + 2);
  await chain.fund([operator, ...members, outsider]);
  const { auction } = await Auction.deploy(chain, compiled, operator, DEFAULT_LIMIT_TICKS);
  for (const m of members) {
    const r = await auction.exec(operator.address, "addMember", [m.address.toString()]);
    if (!r.ok) throw new Error(`addMember failed: ${JSON.stringify(r.error)}`);
  }
  return { chain, auction, operator, members, outsider };
}

/** The decoded error name of a reverted call ("" when it did not revert, "?" for unnamed reverts). */
export function errorName(r: CallResult): string {
  if (r.ok) return "";
  return r.error?.name ?? "?";
}

export function asBigints(values: readonly unknown[]): bigint[] {
  return values.map((v) => {
    if (typeof v !== "bigint") throw new TypeError(`expected a bigint, got ${String(v)}`);
    return v;
  });
}
