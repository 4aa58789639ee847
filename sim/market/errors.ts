// Errors raised by the market layer.
//
// Assumptions: an order is identified by its index in the book and its owner (dense agent id);
// messages name both so that a caller can find the bad submission without a debugger.

/** A malformed order: bad price, quantity, side or a duplicate owner on one side of a book. */
export class OrderError extends Error {
  readonly index: number;
  readonly owner: number;

  constructor(index: number, owner: number, message: string) {
    super(`order ${index} (owner ${owner}): ${message}`);
    this.name = "OrderError";
    this.index = index;
    this.owner = owner;
  }
}
