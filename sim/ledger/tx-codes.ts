// Codes stored in the transaction log's columns (kind, side, status, reason) and their names. The
// log, its totals and the ledger interface all read them, so they sit below all three (types.ts
// re-exports them).

/** What a transaction does. Orders ("bid", "ask", "update") are subject to the contract rules. */
export type TxKind = "bid" | "ask" | "update" | "clear" | "inter-mg";

/** Dense codes of TxKind, as stored in TxLog.kind. */
export const KIND = { bid: 0, ask: 1, update: 2, clear: 3, "inter-mg": 4 } as const satisfies Record<
  TxKind,
  number
>;
export const KIND_NAMES: readonly TxKind[] = ["bid", "ask", "update", "clear", "inter-mg"];

/** Outcome of a transaction, as stored in TxLog.status. */
export const TxStatus = {
  /** Submitted, outcome not known yet. */
  PENDING: 0,
  /** Executed successfully; confirmMs is set. */
  CONFIRMED: 1,
  /** Executed and reverted by a contract rule (fee charged); reason says which. */
  REJECTED: 2,
  /** Never executed: left the Ethereum mempool unmined (time to live, or a sender's nonce gap; no fee). */
  DROPPED: 3,
} as const;
export type TxStatusCode = (typeof TxStatus)[keyof typeof TxStatus];
export const STATUS_NAMES = ["pending", "confirmed", "rejected", "dropped"] as const;

/** Why a transaction was rejected or dropped, as stored in TxLog.reason (0 = none). */
export const Reason = {
  NONE: 0,
  /** Sender is not a member of the microgrid whose chain/contract it addressed. */
  NOT_MEMBER: 1,
  /** Nonce not above the sender's last accepted nonce (a replayed or reordered transaction). */
  REPLAY: 2,
  /** Order price outside the open interval (Pgs, Pgb), or not finite. */
  PRICE_OUT_OF_RANGE: 3,
  /** Order quantity negative, fractional or not finite (Wh are non-negative integers). */
  BAD_QUANTITY: 4,
  /** A bid/ask while the agent already has a live order in the open round (use "update"). */
  ORDER_EXISTS: 5,
  /** An update without a live order of that side in the open round. */
  NO_ORDER: 6,
  /** A clear sent by someone other than the chain's operator. */
  NOT_OPERATOR: 7,
  /** Dropped from the Ethereum mempool after its time to live. */
  EXPIRED: 8,
  /** Dropped from the Ethereum mempool because an earlier transaction of its sender was dropped. */
  NONCE_GAP: 9,
} as const;
export type ReasonCode = (typeof Reason)[keyof typeof Reason];
export const REASON_NAMES = [
  "none",
  "not-member",
  "replay",
  "price-out-of-range",
  "bad-quantity",
  "order-exists",
  "no-order",
  "not-operator",
  "expired",
  "nonce-gap",
] as const;
