// Validation and coding of a TxRequest at submission. Malformed requests (programming errors: unknown
// kind, chain out of range, non-integer sender) throw; contract-rule violations do not — they are
// outcomes decided at execution (rules.ts).
import { ANY_SIDE } from "./rules.js";
import { BUY_SIDE, KIND, SELL_SIDE, type TxRequest } from "./types.js";

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

/** Side code of the request: BUY for "bid", SELL for "ask", the named side or ANY for "update". */
export function sideCode(tx: TxRequest): number {
  if (tx.kind === "bid") return BUY_SIDE;
  if (tx.kind === "ask") return SELL_SIDE;
  if (tx.side === "buy") return BUY_SIDE;
  if (tx.side === "sell") return SELL_SIDE;
  return ANY_SIDE;
}
