// Contract rules shared by both ledgers, mirroring contracts/UniformDoubleAuction.sol so a
// transaction has the same outcome on either ledger.
//
// Assumptions and units:
// - Rules are checked when the transaction EXECUTES (IOTA: in the Wasp consensus round of its
//   block; Ethereum: in its block), in execution order, not at submission; a failed check reverts the
//   transaction (fee still charged by the ledger) and leaves the contract state untouched.
// - Each microgrid's contract has an open round, starting at 0 and advanced by an executed "clear".
//   Orders always go to the open round at execution, as in the Solidity contract (no round argument):
//   a bid that executes after the clear of the round its sender had in mind lands in the next round.
// - Order checks in the contract's order: membership, replay (nonce must exceed the sender's last
//   accepted nonce, initially 0), price in the open interval (Pgs, Pgb) in p/kWh, quantity a
//   non-negative integer (Wh), then one live order per agent per round: "bid"/"ask" while the agent
//   has a live order in the open round -> ORDER_EXISTS; "update" without a live order of that side ->
//   NO_ORDER. An update replaces the live order (price, quantity).
// - "clear": only the chain's operator when operators are given (anyone otherwise), and the nonce
//   rule; it advances the open round. "inter-mg": the nonce rule only.
// - Nonces are per sender and shared across kinds and chains.
import { grownTo } from "../kernel/columns.js";
import { BUY, SELL } from "../market/index.js";
import type { LedgerContext } from "./plugin.js";
import { KIND, Reason, type ReasonCode } from "./types.js";

export interface ContractRulesConfig {
  /** Microgrid (chain) index of each agent, by dense agent id; -1 for none. */
  memberOf: ArrayLike<number>;
  /** Number of microgrids (chains / contract instances). */
  chains: number;
  /** Main-grid export price Pgs, p/kWh: orders must be priced above it. */
  pgs: number;
  /** Main-grid import price Pgb, p/kWh: orders must be priced below it. */
  pgb: number;
  /** Sender allowed to clear each chain (by chain index); absent: anyone may clear. */
  operatorOf?: ArrayLike<number>;
}

/**
 * The contract rules of one run, built from the market's membership: every agent a member of its
 * microgrid's contract (chain), the market's Pgs and Pgb as the price limits, and microgrid m's
 * operator — the only sender allowed to clear it, who also sends its inter-microgrid messages — the
 * sender after the agents, memberOf.length + m. Every ledger model of a run takes its rules from here.
 */
export function contractRules(context: Pick<LedgerContext, "memberOf" | "chains" | "limits">): ContractRules {
  const { memberOf, chains, limits } = context;
  const agents = memberOf.length;
  const operatorOf = Int32Array.from({ length: chains }, (_, m) => agents + m);
  return new ContractRules({ memberOf, chains, pgs: limits.pgs, pgb: limits.pgb, operatorOf });
}

/** Side code meaning "whichever side is live" for updates. */
export const ANY_SIDE = 255;

export class ContractRules {
  readonly config: ContractRulesConfig;
  #openRound: Int32Array;
  // Per sender, grown on demand: last accepted nonce, round + 1 of its latest order, its side.
  #lastNonce = new Float64Array(0);
  #orderTag = new Int32Array(0);
  #orderSide = new Uint8Array(0);

  constructor(config: ContractRulesConfig) {
    if (!(config.pgs < config.pgb))
      throw new RangeError(`ContractRules: need pgs < pgb, got ${config.pgs}, ${config.pgb}`);
    if (!Number.isInteger(config.chains) || config.chains < 1) {
      throw new RangeError(`ContractRules: chains must be a positive integer, got ${config.chains}`);
    }
    this.config = config;
    this.#openRound = new Int32Array(config.chains);
    this.#ensure(config.memberOf.length);
  }

  /** The open round of a chain's contract. */
  openRound(chain: number): number {
    return this.#openRound[chain]!;
  }

  /** The sender's last accepted nonce (0 before any). */
  lastNonce(sender: number): number {
    return sender < this.#lastNonce.length ? this.#lastNonce[sender]! : 0;
  }

  /** Whether the agent has a live order in its chain's open round. */
  hasLiveOrder(sender: number, chain: number): boolean {
    return sender < this.#orderTag.length && this.#orderTag[sender] === this.#openRound[chain]! + 1;
  }

  /**
   * Executes one transaction against the contract state. Returns Reason.NONE when it succeeded (and
   * the state changed), or the reason it reverted (state unchanged).
   */
  execute(
    chain: number,
    sender: number,
    kind: number,
    side: number,
    nonce: number,
    price: number,
    quantityWh: number,
  ): ReasonCode {
    this.#ensure(sender + 1);
    if (kind === KIND.clear) return this.#clear(chain, sender, nonce);
    if (kind === KIND["inter-mg"]) return this.#acceptNonce(sender, nonce);
    return this.#order(chain, sender, kind, side, nonce, price, quantityWh);
  }

  #order(
    chain: number,
    sender: number,
    kind: number,
    side: number,
    nonce: number,
    price: number,
    quantityWh: number,
  ): ReasonCode {
    const { memberOf, pgs, pgb } = this.config;
    if (sender >= memberOf.length || memberOf[sender] !== chain) return Reason.NOT_MEMBER;
    if (!(nonce > this.#lastNonce[sender]!)) return Reason.REPLAY;
    if (!(price > pgs && price < pgb)) return Reason.PRICE_OUT_OF_RANGE;
    if (!(quantityWh >= 0) || !Number.isSafeInteger(quantityWh)) return Reason.BAD_QUANTITY;
    const tag = this.#openRound[chain]! + 1;
    const live = this.#orderTag[sender] === tag;
    let newSide: number;
    if (kind === KIND.update) {
      const liveSide = this.#orderSide[sender]!;
      if (!live || (side !== ANY_SIDE && side !== liveSide)) return Reason.NO_ORDER;
      newSide = liveSide;
    } else {
      if (live) return Reason.ORDER_EXISTS;
      newSide = kind === KIND.ask ? SELL : BUY;
    }
    this.#orderTag[sender] = tag;
    this.#orderSide[sender] = newSide;
    this.#lastNonce[sender] = nonce;
    return Reason.NONE;
  }

  #clear(chain: number, sender: number, nonce: number): ReasonCode {
    const ops = this.config.operatorOf;
    if (ops !== undefined && ops[chain] !== sender) return Reason.NOT_OPERATOR;
    const r = this.#acceptNonce(sender, nonce);
    if (r === Reason.NONE) this.#openRound[chain]!++;
    return r;
  }

  #acceptNonce(sender: number, nonce: number): ReasonCode {
    if (!(nonce > this.#lastNonce[sender]!)) return Reason.REPLAY;
    this.#lastNonce[sender] = nonce;
    return Reason.NONE;
  }

  #ensure(n: number): void {
    if (n <= this.#lastNonce.length) return;
    const cap = Math.max(n, this.#lastNonce.length * 2, 16);
    this.#lastNonce = grownTo(this.#lastNonce, cap);
    this.#orderTag = grownTo(this.#orderTag, cap);
    this.#orderSide = grownTo(this.#orderSide, cap);
  }
}
