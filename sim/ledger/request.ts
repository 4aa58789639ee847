// Validation and coding of a TxRequest at submission. Malformed requests (programming errors: unknown
// kind, chain out of range, non-integer sender) throw; contract-rule violations do not — they are
// outcomes decided at execution (rules.ts).
import { BUY, SELL, type Side } from "../market/index.js";
import { ANY_SIDE } from "./rules.js";
import { KIND, type TxRequest } from "./types.js";

/** The request's kind code, after checking its shape. */
export function kindCode(tx: TxRequest, chains: number, who: string): number {
  const kind = KIND[tx.kind];
  if (kind === undefined) throw new RangeError(`${who}.submit: unknown kind ${JSON.stringify(tx.kind)}`);
  if (!Number.isInteger(tx.chain) || tx.chain < 0 || tx.chain >= chains) {
    throw new RangeError(`${who}.submit: chain must be an integer in [0, ${chains}), got ${tx.chain}`);
  }
  if (!Number.isInteger(tx.sender) || tx.sender < 0 || tx.sender > 0x7fffffff) {
    throw new RangeError(`${who}.submit: sender must be a dense agent id (integer >= 0), got ${tx.sender}`);
  }
  if (typeof tx.nonce !== "number" || Number.isNaN(tx.nonce)) {
    throw new RangeError(`${who}.submit: nonce must be a number, got ${tx.nonce}`);
  }
  if (tx.deadlineMs !== undefined && Number.isNaN(tx.deadlineMs))
    throw new RangeError(`${who}.submit: deadlineMs is NaN`);
  return kind;
}

/**
 * Side of the request, as stored in TxLog.side: BUY for "bid", SELL for "ask", the given side (or
 * ANY_SIDE when none) for the other kinds.
 */
export function sideCode(tx: TxRequest, who: string): Side | typeof ANY_SIDE {
  if (tx.kind === "bid") return BUY;
  if (tx.kind === "ask") return SELL;
  const side = tx.side;
  if (side === undefined) return ANY_SIDE;
  if (side !== BUY && side !== SELL)
    throw new RangeError(`${who}.submit: side must be BUY (0) or SELL (1), got ${String(side)}`);
  return side;
}
