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
import type { TxKind, TxStatusCode } from "./tx-codes.js";
import type { TxLog } from "./tx-log.js";
import type { FaultImpact } from "./tx-totals.js";

export * from "./tx-codes.js";
export type { FaultImpact } from "./tx-totals.js";

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

/** A ledger model: turns submissions into outcome events in the kernel. */
export interface Ledger {
  /** The model's name, as summaries report it (the built-in models: "iota", "ethereum"). */
  readonly name: string;
  /**
   * One line naming the energy figure charged per transaction and its source, and whether the model
   * has other readings of it (reports print it beside the energy per transaction).
   */
  readonly energyReading?: string;
  /** Every submission, in submission order (tx id = row index). */
  readonly log: TxLog;
  /** Records the request and schedules its outcome. Returns the transaction id. */
  submit(tx: TxRequest, onDone?: TxCallback): number;
  /** Totals over the log so far. */
  stats(): LedgerStats;
  /** One row per fault in the schedule that applies to this ledger. */
  faultImpacts(): FaultImpact[];
}
