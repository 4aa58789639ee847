// Transaction log: one row per submission, structure of arrays, grown by doubling.
//
// Assumptions and units:
// - Row index = transaction id (dense, in submission order, so ids also order submissions in time).
// - Times in ms (NaN when not reached: confirmMs of a rejected, dropped or pending transaction).
//   resolvedMs is when the outcome (confirmed, rejected or dropped) was delivered.
// - feeNative is in the ledger's native unit: IOTA tokens for IOTA, ETH for Ethereum; feeUsd in US
//   dollars. energyWh is the ledger energy attributed to the transaction (Wh). sizeOrGas is the
//   request size in bytes (IOTA) or the gas used (Ethereum). quantityWh and price echo the order.
// - Columns are replaced when they grow: read them after the submissions you care about, or take
//   columns() for trimmed views.
// - keep "all" (the default) stores every row. keep "unresolved" bounds memory for very large runs:
//   when the columns are full, the longest prefix of rows resolved before the current time is
//   folded into `retired` (TxTotals) and dropped, if that frees at least a quarter of them. Rows are
//   then at column index id - base (use row(id)); ids stay dense. A row resolved in the current
//   event stays readable (its callback may not have run yet), and a row that never resolves (a
//   stopped chain) holds back retirement of everything after it.
import { grownTo } from "../kernel/columns.js";
import { TxStatus } from "./tx-codes.js";
import { TxTotals } from "./tx-totals.js";

const INITIAL = 1024;

export interface TxLogColumns {
  id: Int32Array;
  chain: Int32Array;
  sender: Int32Array;
  kind: Uint8Array;
  status: Uint8Array;
  reason: Uint8Array;
  round: Int32Array;
  block: Int32Array;
  fault: Int16Array;
  nonce: Float64Array;
  submitMs: Float64Array;
  confirmMs: Float64Array;
  resolvedMs: Float64Array;
  deadlineMs: Float64Array;
  feeNative: Float64Array;
  feeUsd: Float64Array;
  energyWh: Float64Array;
  sizeOrGas: Float64Array;
  price: Float64Array;
  quantityWh: Float64Array;
}

export type TxLogKeep = "all" | "unresolved";

export class TxLog {
  /** Transactions submitted so far (the next id). */
  length = 0;
  /** Ids below base have been retired: folded into `retired`, no longer stored. */
  base = 0;
  readonly keep: TxLogKeep;
  /** Totals of the retired rows. */
  readonly retired = new TxTotals();
  chain = new Int32Array(INITIAL);
  sender = new Int32Array(INITIAL);
  kind = new Uint8Array(INITIAL);
  status = new Uint8Array(INITIAL);
  reason = new Uint8Array(INITIAL);
  /** Side of the order (0 buy, 1 sell, 255 unspecified). */
  side = new Uint8Array(INITIAL);
  /** Contract round the transaction executed in (-1: not executed or not an order/clear). */
  round = new Int32Array(INITIAL);
  /** Ledger block (Ethereum block number, IOTA Wasp block id) that carried it (-1: none). */
  block = new Int32Array(INITIAL);
  /** First fault that affected it (index into the fault schedule, -1: none). */
  fault = new Int16Array(INITIAL);
  /** Index of the callback in the ledger's callback table (0: none). */
  callback = new Uint8Array(INITIAL);
  /** Number of orders a "clear" covers. */
  orders = new Int32Array(INITIAL);
  nonce = new Float64Array(INITIAL);
  submitMs = new Float64Array(INITIAL);
  confirmMs = new Float64Array(INITIAL);
  resolvedMs = new Float64Array(INITIAL);
  deadlineMs = new Float64Array(INITIAL);
  feeNative = new Float64Array(INITIAL);
  feeUsd = new Float64Array(INITIAL);
  energyWh = new Float64Array(INITIAL);
  sizeOrGas = new Float64Array(INITIAL);
  price = new Float64Array(INITIAL);
  quantityWh = new Float64Array(INITIAL);

  constructor(keep: TxLogKeep = "all") {
    this.keep = keep;
  }

  /** Column index of transaction `id` (which must not be retired). */
  row(id: number): number {
    return id - this.base;
  }

  /** Appends a pending row and returns its id; outcome columns start empty (NaN / 0). */
  append(
    chain: number,
    sender: number,
    kind: number,
    side: number,
    nonce: number,
    submitMs: number,
    deadlineMs: number,
    price: number,
    quantityWh: number,
    orders: number,
    callback: number,
  ): number {
    const id = this.length;
    if (id - this.base === this.chain.length) this.#makeRoom(submitMs);
    const r = id - this.base;
    this.length = id + 1;
    this.chain[r] = chain;
    this.sender[r] = sender;
    this.kind[r] = kind;
    this.side[r] = side;
    this.status[r] = TxStatus.PENDING;
    this.reason[r] = 0;
    this.round[r] = -1;
    this.block[r] = -1;
    this.fault[r] = -1;
    this.callback[r] = callback;
    this.orders[r] = orders;
    this.nonce[r] = nonce;
    this.submitMs[r] = submitMs;
    this.confirmMs[r] = NaN;
    this.resolvedMs[r] = NaN;
    this.deadlineMs[r] = deadlineMs;
    this.feeNative[r] = 0;
    this.feeUsd[r] = 0;
    this.energyWh[r] = 0;
    this.sizeOrGas[r] = 0;
    this.price[r] = price;
    this.quantityWh[r] = quantityWh;
    return id;
  }

  /** Frees a quarter or more of full columns by retiring rows resolved before `nowMs`, else grows them. */
  #makeRoom(nowMs: number): void {
    const capacity = this.chain.length;
    if (this.keep === "unresolved") {
      let r = 0;
      while (r < capacity && this.status[r] !== TxStatus.PENDING && this.resolvedMs[r]! < nowMs) r++;
      if (r >= capacity / 4) {
        this.#retire(r);
        return;
      }
    }
    this.#grow(capacity * 2);
  }

  /** Folds the first n stored rows into `retired` and moves the rest to the front. */
  #retire(n: number): void {
    this.retired.addRange(this, this.base, this.base + n);
    const stored = this.length - this.base;
    for (const column of this.#columnList()) column.copyWithin(0, n, stored);
    this.base += n;
  }

  #columnList(): Column[] {
    return [
      this.chain,
      this.sender,
      this.kind,
      this.status,
      this.reason,
      this.side,
      this.round,
      this.block,
      this.fault,
      this.callback,
      this.orders,
      this.nonce,
      this.submitMs,
      this.confirmMs,
      this.resolvedMs,
      this.deadlineMs,
      this.feeNative,
      this.feeUsd,
      this.energyWh,
      this.sizeOrGas,
      this.price,
      this.quantityWh,
    ];
  }

  /** Marks the transaction with a fault unless an earlier fault already claimed it. */
  markFault(id: number, fault: number): void {
    const r = id - this.base;
    if (this.fault[r] === -1) this.fault[r] = fault;
  }

  /**
   * Trimmed views of the public columns (plus a materialised id column), e.g. for an Arrow writer.
   * Throws once rows have been retired: the log no longer holds them all.
   */
  columns(): TxLogColumns {
    if (this.base > 0) throw new Error(`TxLog.columns: ${this.base} rows were retired (keep "unresolved")`);
    const n = this.length;
    const id = new Int32Array(n);
    for (let i = 0; i < n; i++) id[i] = i;
    return {
      id,
      chain: this.chain.subarray(0, n),
      sender: this.sender.subarray(0, n),
      kind: this.kind.subarray(0, n),
      status: this.status.subarray(0, n),
      reason: this.reason.subarray(0, n),
      round: this.round.subarray(0, n),
      block: this.block.subarray(0, n),
      fault: this.fault.subarray(0, n),
      nonce: this.nonce.subarray(0, n),
      submitMs: this.submitMs.subarray(0, n),
      confirmMs: this.confirmMs.subarray(0, n),
      resolvedMs: this.resolvedMs.subarray(0, n),
      deadlineMs: this.deadlineMs.subarray(0, n),
      feeNative: this.feeNative.subarray(0, n),
      feeUsd: this.feeUsd.subarray(0, n),
      energyWh: this.energyWh.subarray(0, n),
      sizeOrGas: this.sizeOrGas.subarray(0, n),
      price: this.price.subarray(0, n),
      quantityWh: this.quantityWh.subarray(0, n),
    };
  }

  #grow(capacity: number): void {
    this.chain = grownTo(this.chain, capacity);
    this.sender = grownTo(this.sender, capacity);
    this.kind = grownTo(this.kind, capacity);
    this.status = grownTo(this.status, capacity);
    this.reason = grownTo(this.reason, capacity);
    this.side = grownTo(this.side, capacity);
    this.round = grownTo(this.round, capacity);
    this.block = grownTo(this.block, capacity);
    this.fault = grownTo(this.fault, capacity);
    this.callback = grownTo(this.callback, capacity);
    this.orders = grownTo(this.orders, capacity);
    this.nonce = grownTo(this.nonce, capacity);
    this.submitMs = grownTo(this.submitMs, capacity);
    this.confirmMs = grownTo(this.confirmMs, capacity);
    this.resolvedMs = grownTo(this.resolvedMs, capacity);
    this.deadlineMs = grownTo(this.deadlineMs, capacity);
    this.feeNative = grownTo(this.feeNative, capacity);
    this.feeUsd = grownTo(this.feeUsd, capacity);
    this.energyWh = grownTo(this.energyWh, capacity);
    this.sizeOrGas = grownTo(this.sizeOrGas, capacity);
    this.price = grownTo(this.price, capacity);
    this.quantityWh = grownTo(this.quantityWh, capacity);
  }
}

type Column = Int32Array | Uint8Array | Int16Array | Float64Array;
