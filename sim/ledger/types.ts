// The common ledger interface: what the market submits and what it gets back.
//
// Assumptions and units:
// - Times are integer simulated milliseconds (the kernel's clock). Prices are p/kWh, quantities Wh.
// - A ledger turns each submission into exactly one outcome event in the kernel: confirmed, rejected
//   (the contract reverted it), or dropped (it never made it into the ledger, e.g. evicted from the
//   Ethereum mempool). The outcome callback runs inside that event, so kernel.now equals the
//   recorded outcome time.
// - Submissions are cheap: the request object is copied into the ledger's TxLog (the caller may reuse
//   one mutable request object), and the callback is one function registered once, not a closure per
//   transaction.
import type { Side } from "../market/index.js";
import type { TxLog } from "./tx-log.js";

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

/**
 * A transaction to submit. The ledger copies the fields it needs, so one object may be reused for
 * every submission.
 */
export interface TxRequest {
  /** Microgrid index: its Wasp chain (IOTA) or its contract instance on the shared chain (Ethereum). */
  chain: number;
  /** Dense agent id (>= 0) of the sender; the chain's operator for "clear". */
  sender: number;
  kind: TxKind;
  /**
   * Per-sender application nonce, as in the contract: it must exceed the sender's last accepted
   * nonce (initially 0, so nonces start at 1); a reused or lower nonce is rejected as a replay.
   */
  nonce: number;
  /** Order price, p/kWh ("bid", "ask", "update"). */
  price?: number;
  /** Order quantity, Wh (non-negative integer). */
  quantityWh?: number;
  /**
   * For "update": the side of the live order to replace, the market's BUY or SELL (default:
   * whichever is live). A "bid" is always BUY and an "ask" always SELL, whatever this says.
   */
  side?: Side;
  /** For "clear": number of orders in the book (Ethereum gas grows with it). */
  orders?: number;
  /** The sender's deadline (ms); a later confirmation counts as late, none at all as missed. */
  deadlineMs?: number;
}

/** Called once per transaction, inside the outcome event (kernel.now == outcome time). */
export type TxCallback = (txId: number, status: TxStatusCode) => void;

/** Totals over a ledger's log at one moment. */
export interface LedgerStats {
  submitted: number;
  pending: number;
  confirmed: number;
  /** Confirmed after the transaction's deadline. */
  confirmedLate: number;
  rejected: number;
  dropped: number;
  /** Native fees: IOTA tokens (IOTA) or ETH (Ethereum). */
  feeNative: number;
  feeUsd: number;
  /** Ledger energy spent on the transactions, Wh. */
  energyWh: number;
}

/** What one fault did to the transactions it touched (see faults.ts for the attribution rule). */
export interface FaultImpact {
  /** Index of the fault in FaultSchedule.faults. */
  fault: number;
  kind: string;
  fromMs: number;
  toMs: number;
  /** Transactions attributed to this fault (waiting while it was active). */
  affected: number;
  confirmed: number;
  confirmedLate: number;
  rejected: number;
  dropped: number;
  pending: number;
  /** Affected transactions with a deadline that were not confirmed by it (late, dropped or pending). */
  missedDeadline: number;
  /** Mean submit-to-confirm time of the affected confirmed transactions, ms (NaN if none). */
  meanLatencyMs: number;
  /** Order quantity carried by the affected transactions, Wh. */
  quantityWh: number;
}

/** A ledger model: turns submissions into outcome events in the kernel. */
export interface Ledger {
  /** The model's name, as summaries report it (the built-in models: "iota", "ethereum"). */
  readonly name: string;
  /** Every submission, in submission order (tx id = row index). */
  readonly log: TxLog;
  /** Records the request and schedules its outcome. Returns the transaction id. */
  submit(tx: TxRequest, onDone?: TxCallback): number;
  /** Totals over the log so far. */
  stats(): LedgerStats;
  /** One row per fault in the schedule that applies to this ledger. */
  faultImpacts(): FaultImpact[];
}
