// How orders reach a microgrid's market: instantly ("ideal", the paper's off-ledger simulation)
// or as ledger transactions that become visible only once confirmed.
//
// Assumptions: an order is visible to the market from the kernel time its confirmation event
// runs. A rejected or dropped order never becomes visible; the agent keeps its previous visible
// order (if any) and its energy is otherwise settled with the main grid. A microgrid publishes its
// residual position only once its round close has executed on its chain, so a stopped chain
// (e.g. a Wasp committee without quorum) also keeps its microgrid out of the upper auction.
import { IdTable, TxStatus, type Ledger, type TxKind, type TxRequest } from "../ledger/index.js";
import { grownTo } from "../kernel/index.js";
import { BUY, type Side } from "../market/index.js";

export type OrderKind = "new" | "update";

/** What the world hears back; each receives the ticket it passed when sending. */
export interface ChannelEvents {
  /** An order became visible to its microgrid's market. */
  visible(ticket: number): void;
  /** A microgrid's round close (the contract's clear) executed: its position is public. */
  closed(ticket: number): void;
  /** A microgrid's residual reached the inter-microgrid auction. */
  delivered(ticket: number): void;
}

/** An order as a member sends it. The sender may reuse one record: a channel copies what it keeps. */
export interface OrderSubmission {
  /** Dense agent id of the sender, and its microgrid (chain). */
  agent: number;
  chain: number;
  kind: OrderKind;
  side: Side;
  /** p/kWh and Wh. */
  price: number;
  quantityWh: number;
  /** When the market needs it (ms): a later confirmation counts as late. */
  deadlineMs: number;
  /** Identifies the order to the sender in the events it hears back. */
  ticket: number;
}

export interface OrderChannel {
  readonly name: string;
  /** Sends a member's order on its microgrid's chain. */
  submit(order: Readonly<OrderSubmission>): void;
  /** Closes the microgrid's round on its chain (the contract's clear), with the book size. */
  close(chain: number, orders: number, deadlineMs: number, ticket: number): void;
  /** Sends a microgrid's residual to the inter-microgrid auction (a Layer-1 message on IOTA). */
  message(chain: number, deadlineMs: number, ticket: number): void;
}

/** Instant confirmation: what is sent is seen at once. */
export function idealChannel(events: ChannelEvents): OrderChannel {
  return {
    name: "ideal",
    submit: (order) => events.visible(order.ticket),
    close: (_c, _o, _d, ticket) => events.closed(ticket),
    message: (_c, _d, ticket) => events.delivered(ticket),
  };
}

const ORDER = 0;
const CLOSE = 1;
const MESSAGE = 2;

/**
 * Orders as ledger transactions. Agent ids are the ledger's senders; microgrid m's operator (who
 * clears and messages) is sender `operatorBase + m`. Nonces are kept per sender here, the
 * application's side of the contract's replay rule.
 */
export function ledgerChannel(ledger: Ledger, operatorBase: number, events: ChannelEvents): OrderChannel {
  // Per sender (dense ids: agents, then one operator per microgrid), grown on demand.
  let nonce = new Float64Array(operatorBase + 1);
  const nextNonce = (sender: number): number => {
    if (sender >= nonce.length) nonce = grownTo(nonce, Math.max(sender + 1, nonce.length * 2));
    return ++nonce[sender]!;
  };
  // Per transaction, only while it can still be resolved (the log's window): ticket x 4 + purpose,
  // one number (tickets are whole and below 2^50, so the product is exact).
  const sent = new IdTable(ledger.log);
  const done = (txId: number, status: number): void => {
    if (status !== TxStatus.CONFIRMED) return;
    const packed = sent.get(txId);
    const what = packed % 4;
    const ticket = (packed - what) / 4;
    if (what === ORDER) events.visible(ticket);
    else if (what === CLOSE) events.closed(ticket);
    else events.delivered(ticket);
  };
  const request: TxRequest = { chain: 0, sender: 0, kind: "bid", nonce: 0 };
  const send = (ticket: number, what: number): void => {
    const id = ledger.submit(request, done);
    sent.set(id, ticket * 4 + what);
  };
  const operator = (kind: TxKind, chain: number, deadlineMs: number): void => {
    const sender = operatorBase + chain;
    Object.assign(request, { chain, sender, kind, nonce: nextNonce(sender), deadlineMs });
    request.price = undefined;
    request.quantityWh = undefined;
    request.side = undefined;
    request.orders = undefined;
  };
  return {
    name: ledger.name,
    submit(order) {
      request.chain = order.chain;
      request.sender = order.agent;
      request.kind = order.kind === "update" ? "update" : order.side === BUY ? "bid" : "ask";
      request.nonce = nextNonce(order.agent);
      request.price = order.price;
      request.quantityWh = order.quantityWh;
      request.side = order.side;
      request.deadlineMs = order.deadlineMs;
      request.orders = undefined;
      send(order.ticket, ORDER);
    },
    close(chain, orders, deadlineMs, ticket) {
      operator("clear", chain, deadlineMs);
      request.orders = orders;
      send(ticket, CLOSE);
    },
    message(chain, deadlineMs, ticket) {
      operator("inter-mg", chain, deadlineMs);
      send(ticket, MESSAGE);
    },
  };
}
