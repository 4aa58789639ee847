// How orders reach a microgrid's market: instantly ("ideal", the paper's off-ledger simulation)
// or as ledger transactions that become visible only once confirmed.
//
// Assumptions: an order is visible to the market from the kernel time its confirmation event
// runs. A rejected or dropped order never becomes visible; the agent keeps its previous visible
// order (if any) and its energy is otherwise settled with the main grid.
import type { Kernel } from "../kernel/index.js";
import { TxStatus, type Ledger, type TxKind, type TxRequest } from "../ledger/index.js";

export type OrderKind = "new" | "update";

/** Called when an order becomes visible; `ticket` is what the caller passed to submit. */
export type Visible = (ticket: number) => void;

export interface OrderChannel {
  readonly name: string;
  /**
   * Sends agent `agent`'s order on microgrid `chain`. `ticket` identifies the order to the caller;
   * `deadlineMs` is when the market needs it (a later confirmation counts as late).
   */
  submit(
    agent: number,
    chain: number,
    kind: OrderKind,
    side: 0 | 1,
    price: number,
    quantityWh: number,
    deadlineMs: number,
    ticket: number,
  ): void;
  /** Closes the microgrid's round on the ledger (the contract's clear), with the book size. */
  close(chain: number, orders: number): void;
  /** Sends a microgrid's residual to the inter-microgrid auction; `onArrive` runs on delivery. */
  message(chain: number, deadlineMs: number, ticket: number): void;
}

/** Instant visibility: the order is seen by the market when submitted. */
export function idealChannel(onVisible: Visible, onMessage: Visible): OrderChannel {
  return {
    name: "ideal",
    submit: (_a, _c, _k, _s, _p, _q, _d, ticket) => onVisible(ticket),
    close: () => {},
    message: (_c, _d, ticket) => onMessage(ticket),
  };
}

/**
 * Orders as ledger transactions. Agent ids are the ledger's senders; microgrid m's operator (who
 * clears and messages) is sender `operatorBase + m`. Nonces are kept per sender here, the
 * application's side of the contract's replay rule.
 */
export function ledgerChannel(
  ledger: Ledger,
  kernel: Kernel,
  operatorBase: number,
  onVisible: Visible,
  onMessage: Visible,
): OrderChannel {
  const nonce = new Map<number, number>();
  const nextNonce = (sender: number): number => {
    const n = (nonce.get(sender) ?? 0) + 1;
    nonce.set(sender, n);
    return n;
  };
  const ticketOf: number[] = [];
  const isMessage: boolean[] = [];
  const done = (txId: number, status: number): void => {
    if (status !== TxStatus.CONFIRMED) return;
    const ticket = ticketOf[txId];
    if (ticket === undefined) return;
    if (isMessage[txId] === true) onMessage(ticket);
    else onVisible(ticket);
  };
  const request: TxRequest = { chain: 0, sender: 0, kind: "bid", nonce: 0 };
  const send = (tx: TxRequest, ticket: number, message: boolean): void => {
    const id = ledger.submit(tx, done);
    ticketOf[id] = ticket;
    isMessage[id] = message;
  };
  return {
    name: ledger.name,
    submit(agent, chain, kind, side, price, quantityWh, deadlineMs, ticket) {
      const txKind: TxKind = kind === "update" ? "update" : side === 0 ? "bid" : "ask";
      Object.assign(request, {
        chain,
        sender: agent,
        kind: txKind,
        nonce: nextNonce(agent),
        price,
        quantityWh,
      });
      request.side = side === 0 ? "buy" : "sell";
      request.deadlineMs = deadlineMs;
      request.orders = undefined;
      send(request, ticket, false);
    },
    close(chain, orders) {
      const sender = operatorBase + chain;
      Object.assign(request, { chain, sender, kind: "clear", nonce: nextNonce(sender), orders });
      request.deadlineMs = kernel.now;
      request.price = undefined;
      request.quantityWh = undefined;
      ledger.submit(request);
    },
    message(chain, deadlineMs, ticket) {
      const sender = operatorBase + chain;
      Object.assign(request, { chain, sender, kind: "inter-mg", nonce: nextNonce(sender), deadlineMs });
      request.price = undefined;
      request.quantityWh = undefined;
      request.orders = undefined;
      send(request, ticket, true);
    },
  };
}
