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
import { TxStatus } from "./types.js";

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

export class TxLog {
  length = 0;
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
    if (id === this.chain.length) this.#grow(id * 2);
    this.length = id + 1;
    this.chain[id] = chain;
    this.sender[id] = sender;
    this.kind[id] = kind;
    this.side[id] = side;
    this.status[id] = TxStatus.PENDING;
    this.reason[id] = 0;
    this.round[id] = -1;
    this.block[id] = -1;
    this.fault[id] = -1;
    this.callback[id] = callback;
    this.orders[id] = orders;
    this.nonce[id] = nonce;
    this.submitMs[id] = submitMs;
    this.confirmMs[id] = NaN;
    this.resolvedMs[id] = NaN;
    this.deadlineMs[id] = deadlineMs;
    this.feeNative[id] = 0;
    this.feeUsd[id] = 0;
    this.energyWh[id] = 0;
    this.sizeOrGas[id] = 0;
    this.price[id] = price;
    this.quantityWh[id] = quantityWh;
    return id;
  }

  /** Marks the transaction with a fault unless an earlier fault already claimed it. */
  markFault(id: number, fault: number): void {
    if (this.fault[id] === -1) this.fault[id] = fault;
  }

  /** Trimmed views of the public columns (plus a materialised id column), e.g. for an Arrow writer. */
  columns(): TxLogColumns {
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
    this.chain = grown(this.chain, new Int32Array(capacity));
    this.sender = grown(this.sender, new Int32Array(capacity));
    this.kind = grown(this.kind, new Uint8Array(capacity));
    this.status = grown(this.status, new Uint8Array(capacity));
    this.reason = grown(this.reason, new Uint8Array(capacity));
    this.side = grown(this.side, new Uint8Array(capacity));
    this.round = grown(this.round, new Int32Array(capacity));
    this.block = grown(this.block, new Int32Array(capacity));
    this.fault = grown(this.fault, new Int16Array(capacity));
    this.callback = grown(this.callback, new Uint8Array(capacity));
    this.orders = grown(this.orders, new Int32Array(capacity));
    this.nonce = grown(this.nonce, new Float64Array(capacity));
    this.submitMs = grown(this.submitMs, new Float64Array(capacity));
    this.confirmMs = grown(this.confirmMs, new Float64Array(capacity));
    this.resolvedMs = grown(this.resolvedMs, new Float64Array(capacity));
    this.deadlineMs = grown(this.deadlineMs, new Float64Array(capacity));
    this.feeNative = grown(this.feeNative, new Float64Array(capacity));
    this.feeUsd = grown(this.feeUsd, new Float64Array(capacity));
    this.energyWh = grown(this.energyWh, new Float64Array(capacity));
    this.sizeOrGas = grown(this.sizeOrGas, new Float64Array(capacity));
    this.price = grown(this.price, new Float64Array(capacity));
    this.quantityWh = grown(this.quantityWh, new Float64Array(capacity));
  }
}

type Column = Int32Array | Uint8Array | Int16Array | Float64Array;

function grown<T extends Column>(from: T, to: T): T {
  to.set(from);
  return to;
}
