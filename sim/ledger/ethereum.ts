// Ethereum ledger model: one chain shared by every microgrid's contract and by background users.
//
// Assumptions and units (ms, gas, wei/gwei, ETH, USD, Wh):
// - Blocks: proof of work, exponential inter-block times (mean 13 s); or proof of stake, 12 s slots,
//   a slot empty with a small probability. Gas limit 30 M, target 15 M, base fee per EIP-1559 in exact
//   integer wei (eip1559.ts).
// - Our transactions are EIP-1559 type 2: tip and fee cap per the config's fee policy (cap rounded to
//   a grid, ethereum-backlog.ts). A transaction is eligible inclusionDelayMs after submission. A block
//   includes our eligible transactions whose cap covers the base fee, ordered by effective tip (then
//   oldest first), in the room left by background gas with a higher tip (ethereum-background.ts);
//   a transaction that does not fit stops its group. Included transactions execute against the
//   contract (rules.ts): success -> confirmed at the block time; revert -> rejected, paying the
//   revert gas. Fees = gas used * effective gas price (min(cap, base fee + tip)).
// - Account nonces: a sender's transactions are mined in submission order. A transaction submitted
//   while its sender has one pending joins that one's fee lane (same cap) behind it, so no later
//   transaction can overtake an earlier one of the same sender.
// - Not mined within mempool.ttlMs of submission -> dropped (no fee); the sender's transactions that
//   were pending behind it are stuck on the nonce gap and dropped when they reach their lane's head.
//   With a million participants most bids wait, the base fee climbs to our cap, and the rest are
//   dropped: reported, not hidden.
// - Backlogs are aggregate (lanes); per block the work is O(lanes + transactions included/dropped).
// - Blocks are only simulated as kernel events while we have pending transactions; idle stretches
//   are caught up (background-only blocks, same draws in the same order) on the next submission, so
//   an idle ledger never keeps kernel.run() alive.
// - Confirmation (config.confirmation): "inclusion" (default) delivers an outcome at its block;
//   "finality" delivers confirmations and reverts finalityMs after the block (the contract executed
//   them at the block; the market only acts on them once final). Drops are delivered when they happen.
// - Rollup options (op-rollup): a "sequencer-down" fault stops block production while it lasts (when
//   config.sequencer.faultable); an L1 data fee per transaction (Fjord formula) is added to the fee.
import type { Kernel, RandomStream, Streams } from "../kernel/index.js";
import { grownTo } from "../kernel/columns.js";
import { CallbackTable } from "./callbacks.js";
import { nextBaseFee } from "./eip1559.js";
import { BackgroundDemand } from "./ethereum-background.js";
import { FeeLanes, LaneHeap } from "./ethereum-backlog.js";
import { EthBlockLog } from "./ethereum-blocks.js";
import { ethereumConfig, l1DataFeeWei, type EthereumConfig } from "./ethereum-config.js";
import { ethereumEnergyReading } from "./energy.js";
import {
  activeWindow,
  faultImpacts,
  hasFault,
  NO_FAULTS,
  validateFaults,
  type Fault,
  type FaultSchedule,
} from "./faults.js";
import { gasFor } from "./gas.js";
import type { DeepPartial } from "./merge.js";
import { kindCode, sideCode } from "./request.js";
import { ANY_SIDE, type ContractRules } from "./rules.js";
import { ledgerStats } from "./stats.js";
import { TxLog, type TxLogKeep } from "./tx-log.js";
import {
  KIND,
  Reason,
  TxStatus,
  type FaultImpact,
  type Ledger,
  type LedgerStats,
  type TxCallback,
  type TxRequest,
  type TxStatusCode,
} from "./types.js";

export interface EthereumLedgerOptions {
  /** The model's name in summaries (default "ethereum"; a plugin's own name when it sets options). */
  name?: string;
  kernel: Kernel;
  /** Streams of the run; the ledger uses `${prefix}/block-interval`, `/missed-slot`, `/background`. */
  streams: Streams;
  rules: ContractRules;
  config?: DeepPartial<EthereumConfig>;
  faults?: FaultSchedule;
  /** Prefix of the stream names (default: the model's name). */
  streamPrefix?: string;
  /** Which transaction rows the log stores (default "all"); see TxLog. */
  keepLog?: TxLogKeep;
}

/** Work done by the block builder, to check that it never scans the whole backlog. */
export interface EthereumWork {
  blocks: number;
  /** Lane visits summed over blocks. */
  laneVisits: number;
  /** Most lane visits in one block. */
  maxLaneVisitsPerBlock: number;
  included: number;
  dropped: number;
  lanes: number;
}

const WEI_PER_GWEI = 1e9;

export class EthereumLedger implements Ledger {
  readonly name: string;
  readonly config: EthereumConfig;
  readonly energyReading: string;
  readonly log: TxLog;
  readonly blocks = new EthBlockLog();
  readonly faults: FaultSchedule;
  readonly work: EthereumWork = {
    blocks: 0,
    laneVisits: 0,
    maxLaneVisitsPerBlock: 0,
    included: 0,
    dropped: 0,
    lanes: 0,
  };

  readonly #kernel: Kernel;
  readonly #rules: ContractRules;
  readonly #callbacks = new CallbackTable();
  readonly #lanes: FeeLanes;
  readonly #heap = new LaneHeap();
  readonly #background: BackgroundDemand;
  readonly #intervalRng: RandomStream;
  readonly #missedRng: RandomStream;
  readonly #target: bigint;
  readonly #tipWei: number;
  readonly #energyWh: number;
  readonly #spikeMarked: Uint8Array;
  readonly #l1FeeWei: number;
  readonly #faultKinds: Fault["kind"][];
  readonly #sequencerFaults: boolean;
  #baseFee: bigint;
  // Gas used and slots built so far in the current EIP-1559 block (slotsPerBlock > 1).
  #blockGas = 0;
  #blockSlots = 0;
  #nextBlockMs: number;
  #scheduled = false;
  // Per sender: whether it has placed an order (fresh storage paid), and that order's side.
  #firstOrder = new Uint8Array(0);
  #orderSide = new Uint8Array(0);
  // Per sender: transactions pending, their lane level, and the id below which its pending
  // transactions are stuck behind a dropped one.
  #senderPending = new Int32Array(0);
  #senderLevel = new Int32Array(0);
  #senderStuckBelow = new Int32Array(0);
  #scratch = new Int32Array(1024);
  #scratchN = 0;

  constructor(options: EthereumLedgerOptions) {
    const { kernel, streams, rules } = options;
    this.name = options.name ?? "ethereum";
    this.config = ethereumConfig({ chains: rules.config.chains, ...options.config });
    this.log = new TxLog(options.keepLog);
    const c = this.config;
    if (c.chains > rules.config.chains)
      throw new RangeError("EthereumLedger: more chains than the contract rules know");
    this.faults = options.faults ?? NO_FAULTS;
    validateFaults(this.faults, c.chains, Infinity); // Wasp faults are not ours: only their shape is checked
    this.#kernel = kernel;
    this.#rules = rules;
    this.#lanes = new FeeLanes(c.fees.gridStepsPerDoubling, this.log);
    const prefix = options.streamPrefix ?? this.name;
    this.#intervalRng = streams.get(`${prefix}/block-interval`);
    this.#missedRng = streams.get(`${prefix}/missed-slot`);
    this.#background = new BackgroundDemand(c.background, streams.get(`${prefix}/background`), this.faults);
    this.#target = BigInt(Math.floor((c.blocks.gasLimit * c.blocks.slotsPerBlock) / 2));
    this.#tipWei = Math.round(c.fees.tipGwei * WEI_PER_GWEI);
    this.#energyWh = c.energyWhPerTx[c.era];
    this.energyReading = ethereumEnergyReading(c.era, this.#energyWh, c.energySource);
    this.#spikeMarked = new Uint8Array(this.faults.faults.length);
    this.#l1FeeWei = l1DataFeeWei(c.l1DataFee);
    this.#sequencerFaults = c.sequencer.faultable && hasFault(this.faults, "sequencer-down");
    this.#faultKinds = c.sequencer.faultable ? ["eth-demand-spike", "sequencer-down"] : ["eth-demand-spike"];
    this.#baseFee = BigInt(Math.round(c.initialBaseFeeGwei * WEI_PER_GWEI));
    this.#nextBlockMs = this.#blockAfter(kernel.now);
  }

  /** Our transactions submitted and not yet confirmed, rejected or dropped. */
  get pending(): number {
    return this.#lanes.pending;
  }

  /** Base fee of the next block, in wei (exact), after catching up idle blocks to now. */
  baseFeeWei(): bigint {
    this.#catchUp(this.#kernel.now);
    return this.#baseFee;
  }

  /** Base fee of the next block, gwei. */
  baseFeeGwei(): number {
    return Number(this.baseFeeWei()) / WEI_PER_GWEI;
  }

  submit(tx: TxRequest, onDone?: TxCallback): number {
    const kind = kindCode(tx, this.config.chains, "EthereumLedger");
    const side = sideCode(tx, "EthereumLedger");
    const now = this.#kernel.now;
    this.#catchUp(now);
    const id = this.log.append(
      tx.chain,
      tx.sender,
      kind,
      side,
      tx.nonce,
      now,
      tx.deadlineMs ?? Infinity,
      tx.price ?? NaN,
      tx.quantityWh ?? 0,
      tx.orders ?? 0,
      this.#callbacks.indexOf(onDone),
    );
    const first = this.#takeFirstOrder(tx.sender, kind, side);
    const gasSide = side === ANY_SIDE ? this.#orderSide[tx.sender]! : side;
    this.log.sizeOrGas[this.log.row(id)] = gasFor(this.config.gas, kind, gasSide, first, tx.orders ?? 0);
    this.#lanes.push(id, this.#levelForSender(tx.sender));
    this.work.lanes = this.#lanes.lanes;
    this.#markIfSpiking(id, now);
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#kernel.schedule(this.#nextBlockMs, this.#onBlock, this.config.eventPriority);
    }
    return id;
  }

  stats(): LedgerStats {
    return ledgerStats(this.log);
  }

  faultImpacts(): FaultImpact[] {
    return faultImpacts(this.faults, this.#faultKinds, this.log, this.#kernel.now);
  }

  // ------------------------------------------------------------------ block production

  /** Time of the first block after t: a proof-of-work draw, or the next proof-of-stake slot. */
  #blockAfter(t: number): number {
    const b = this.config.blocks;
    if (this.config.era === "pow") {
      return t + Math.max(1, Math.round(this.#intervalRng.exponential(1 / b.powMeanIntervalMs)));
    }
    const k = Math.floor((t - b.posSlotPhaseMs) / b.posSlotMs) + 1;
    return b.posSlotPhaseMs + k * b.posSlotMs;
  }

  /** Builds the background-only blocks due before `now` while nothing of ours is pending. */
  #catchUp(now: number): void {
    while (!this.#scheduled && this.#nextBlockMs < now) {
      this.#slot(this.#nextBlockMs);
      this.#nextBlockMs = this.#blockAfter(this.#nextBlockMs);
    }
  }

  readonly #onBlock = (): void => {
    const t = this.#kernel.now;
    this.#scratchN = 0;
    this.#slot(t);
    this.#nextBlockMs = this.#blockAfter(t);
    // A sequencer down for good builds no block again: its pending transactions stay pending.
    if (this.#lanes.pending > 0 && !this.#downForGood(t))
      this.#kernel.schedule(this.#nextBlockMs, this.#onBlock, this.config.eventPriority);
    else this.#scheduled = false;
    const n = this.#scratchN;
    const scratch = this.#scratch;
    if (this.config.confirmation.mode === "finality") {
      this.#deliverAtFinality(t, n);
      return;
    }
    for (let i = 0; i < n; i++) {
      // Re-read per call: an earlier callback may have submitted, and so moved the log's base.
      const id = scratch[i]!;
      const r = this.log.row(id);
      this.#callbacks.call(this.log.callback[r]!, id, this.log.status[r] as TxStatusCode);
    }
  };

  /** Drops now; confirmations and reverts at their block's finality (their recorded times). */
  #deliverAtFinality(t: number, n: number): void {
    const later: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = this.#scratch[i]!;
      if (this.log.status[this.log.row(id)] === TxStatus.DROPPED) later.push(-1 - id);
      else later.push(id);
    }
    const deliver = (final: boolean): void => {
      for (const k of later) {
        if (k < 0 === final) continue;
        const id = k < 0 ? -1 - k : k;
        const r = this.log.row(id);
        this.#callbacks.call(this.log.callback[r]!, id, this.log.status[r] as TxStatusCode);
      }
    };
    deliver(false);
    if (later.some((k) => k >= 0))
      this.#kernel.schedule(
        t + this.config.confirmation.finalityMs,
        () => deliver(true),
        this.config.eventPriority,
      );
  }

  /** Whether the sequencer is down at t in a window without an end. */
  #downForGood(t: number): boolean {
    if (!this.#sequencerFaults) return false;
    const down = activeWindow(this.faults, "sequencer-down", t);
    return down >= 0 && this.faults.faults[down]!.toMs === Infinity;
  }

  /** One slot at time t: a block unless a proof-of-stake slot is missed or the sequencer is down. */
  #slot(t: number): void {
    if (this.#sequencerFaults) {
      const down = activeWindow(this.faults, "sequencer-down", t);
      if (down >= 0) {
        this.#markPendingFor(down);
        return;
      }
    }
    if (this.config.era === "pos" && this.#missedRng.bernoulli(this.config.blocks.missedSlotProb)) return;
    this.#build(t);
  }

  #build(t: number): void {
    const limit = this.config.blocks.gasLimit;
    const baseWei = Number(this.#baseFee);
    const baseGwei = baseWei / WEI_PER_GWEI;
    const wanted = this.#background.demandAt(t);
    if (this.#background.lastSpike >= 0) this.#markPendingFor(this.#background.lastSpike);
    const paying = wanted * this.#background.payingShare(baseGwei);
    let visits = this.#dropExpired(t);
    const dropped = this.#scratchN;
    const packed = { gas: 0, used: 0, visits: 0 };
    this.#includeFullTip(
      t,
      baseWei,
      limit - paying * this.#background.tipAbove(this.config.fees.tipGwei),
      packed,
    );
    this.#includePartialTip(t, baseWei, limit, paying, packed);
    visits += packed.visits;
    const background = Math.min(paying, limit - packed.gas);
    const gasUsed = Math.round(packed.used + background);
    this.blocks.add(t, baseGwei, gasUsed, background, this.#scratchN - dropped, dropped, this.#lanes.pending);
    this.#blockGas += gasUsed;
    if (++this.#blockSlots >= this.config.blocks.slotsPerBlock) {
      this.#baseFee = nextBaseFee(this.#baseFee, BigInt(this.#blockGas), this.#target);
      this.#blockGas = 0;
      this.#blockSlots = 0;
    }
    this.work.blocks++;
    this.work.laneVisits += visits;
    this.work.maxLaneVisitsPerBlock = Math.max(this.work.maxLaneVisitsPerBlock, visits);
  }

  /** Drops transactions older than the mempool's time to live; returns the lanes visited. */
  #dropExpired(t: number): number {
    const lanes = this.#lanes;
    const ttl = this.config.mempool.ttlMs;
    for (let l = 0; l < lanes.lanes; l++) {
      for (let id = lanes.head(l); id !== -1; id = lanes.head(l)) {
        if (this.#stuck(id)) this.#dropStuck(l, id, t);
        else if (this.log.submitMs[this.log.row(id)]! + ttl <= t) this.#drop(l, id, t, Reason.EXPIRED);
        else break;
      }
    }
    return lanes.lanes;
  }

  /** Whether an earlier transaction of the sender was dropped while this one was pending. */
  #stuck(id: number): boolean {
    return id < this.#senderStuckBelow[this.log.sender[this.log.row(id)]!]!;
  }

  #dropStuck(lane: number, id: number, t: number): void {
    this.#drop(lane, id, t, Reason.NONCE_GAP);
  }

  /**
   * Drops the head of a lane. An expiry leaves a nonce gap: everything its sender submitted so far is
   * stuck behind it (later submissions are not: the wallet reuses the freed nonce).
   */
  #drop(lane: number, id: number, t: number, reason: number): void {
    this.#lanes.shift(lane);
    this.#resolve(id, t, TxStatus.DROPPED, reason, 0);
    if (reason === Reason.EXPIRED)
      this.#senderStuckBelow[this.log.sender[this.log.row(id)]!] = this.log.length;
    this.work.dropped++;
  }

  /**
   * Lanes whose cap covers base fee + tip pay the full tip: merged oldest first (a heap on head ids),
   * in the room left by background gas with a higher tip.
   */
  #includeFullTip(
    t: number,
    baseWei: number,
    room: number,
    acc: { gas: number; used: number; visits: number },
  ): void {
    const lanes = this.#lanes;
    const heap = this.#heap;
    const price = baseWei + this.#tipWei;
    const ready = t - this.config.mempool.inclusionDelayMs;
    heap.clear();
    for (const l of lanes.order) {
      if (lanes.capWei[l]! < price) break;
      acc.visits++;
      const h = lanes.head(l);
      if (h !== -1) heap.push(l, h);
    }
    while (heap.size > 0) {
      const l = heap.top();
      const id = lanes.head(l);
      // Ids follow submission time, so when the oldest head is not yet eligible none is.
      if (this.log.submitMs[this.log.row(id)]! > ready) return;
      if (this.#stuck(id)) this.#dropStuck(l, id, t);
      else {
        if (acc.gas + this.log.sizeOrGas[this.log.row(id)]! > room) return;
        lanes.shift(l);
        this.#include(id, t, price, acc);
      }
      const next = lanes.head(l);
      if (next === -1) heap.pop();
      else heap.replaceTopKey(next);
    }
  }

  /** Lanes whose cap covers the base fee but not the full tip: highest cap first, each FIFO. */
  #includePartialTip(
    t: number,
    baseWei: number,
    limit: number,
    paying: number,
    acc: { gas: number; used: number; visits: number },
  ): void {
    const lanes = this.#lanes;
    const ready = t - this.config.mempool.inclusionDelayMs;
    for (const l of lanes.order) {
      const cap = lanes.capWei[l]!;
      if (cap >= baseWei + this.#tipWei) continue;
      if (cap < baseWei) return;
      acc.visits++;
      const room = limit - paying * this.#background.tipAbove((cap - baseWei) / WEI_PER_GWEI);
      for (let id = lanes.head(l); id !== -1; id = lanes.head(l)) {
        if (this.log.submitMs[this.log.row(id)]! > ready) break;
        if (this.#stuck(id)) {
          this.#dropStuck(l, id, t);
          continue;
        }
        if (acc.gas + this.log.sizeOrGas[this.log.row(id)]! > room) break;
        lanes.shift(l);
        this.#include(id, t, cap, acc);
      }
    }
  }

  #include(id: number, t: number, priceWei: number, acc: { gas: number; used: number }): void {
    const log = this.log;
    const r = log.row(id);
    const chain = log.chain[r]!;
    const kind = log.kind[r]!;
    const round = this.#rules.openRound(chain);
    const reason = this.#rules.execute(
      chain,
      log.sender[r]!,
      kind,
      log.side[r]!,
      log.nonce[r]!,
      log.price[r]!,
      log.quantityWh[r]!,
    );
    const gasLimit = log.sizeOrGas[r]!;
    const used = reason === Reason.NONE ? gasLimit : Math.min(gasLimit, this.config.gas.revert);
    acc.gas += gasLimit;
    acc.used += used;
    log.sizeOrGas[r] = used;
    if (kind !== KIND["inter-mg"]) log.round[r] = round;
    log.block[r] = this.work.blocks;
    this.#resolve(
      id,
      t,
      reason === Reason.NONE ? TxStatus.CONFIRMED : TxStatus.REJECTED,
      reason,
      (used * priceWei + this.#l1FeeWei) / 1e18,
    );
    this.work.included++;
  }

  #resolve(id: number, t: number, status: number, reason: number, feeEth: number): void {
    const log = this.log;
    const r = log.row(id);
    this.#senderPending[log.sender[r]!]!--;
    log.status[r] = status;
    log.reason[r] = reason;
    const at =
      status !== TxStatus.DROPPED && this.config.confirmation.mode === "finality"
        ? t + this.config.confirmation.finalityMs
        : t;
    log.resolvedMs[r] = at;
    if (status === TxStatus.CONFIRMED) log.confirmMs[r] = at;
    log.feeNative[r] = feeEth;
    log.feeUsd[r] = feeEth * this.config.usdPerEth;
    if (status !== TxStatus.DROPPED) log.energyWh[r] = this.#energyWh;
    if (this.#scratchN === this.#scratch.length) {
      this.#scratch = grownTo(this.#scratch, this.#scratch.length * 2);
    }
    this.#scratch[this.#scratchN++] = id;
  }

  // ------------------------------------------------------------------ bookkeeping

  /** Fee-cap level of a new transaction: its sender's pending lane, else the fee policy's cap now. */
  #levelForSender(sender: number): number {
    if (sender >= this.#senderPending.length) {
      const cap = Math.max(sender + 1, this.#senderPending.length * 2, 16);
      this.#senderPending = grownTo(this.#senderPending, cap);
      this.#senderLevel = grownTo(this.#senderLevel, cap);
      this.#senderStuckBelow = grownTo(this.#senderStuckBelow, cap);
    }
    if (this.#senderPending[sender]!++ > 0) return this.#senderLevel[sender]!;
    const f = this.config.fees;
    const capGwei = Math.min(
      f.feeCapMultiple * (Number(this.#baseFee) / WEI_PER_GWEI) + f.tipGwei,
      f.maxFeeCapGwei,
    );
    const level = this.#lanes.levelFor(capGwei, f.maxFeeCapGwei);
    this.#senderLevel[sender] = level;
    return level;
  }

  /** Whether this is the sender's first order on the ledger (fresh storage); records it and its side. */
  #takeFirstOrder(sender: number, kind: number, side: number): boolean {
    if (sender >= this.#firstOrder.length) {
      const cap = Math.max(sender + 1, this.#firstOrder.length * 2, 16);
      this.#firstOrder = grownTo(this.#firstOrder, cap);
      this.#orderSide = grownTo(this.#orderSide, cap);
    }
    if (kind !== KIND.bid && kind !== KIND.ask) return false;
    this.#orderSide[sender] = side;
    if (this.#firstOrder[sender] === 1) return false;
    this.#firstOrder[sender] = 1;
    return true;
  }

  #markIfSpiking(id: number, t: number): void {
    const faults = this.faults.faults;
    for (let i = 0; i < faults.length; i++) {
      const f = faults[i]!;
      const ours = f.kind === "eth-demand-spike" || (f.kind === "sequencer-down" && this.#sequencerFaults);
      if (ours && t >= f.fromMs && t < f.toMs) {
        this.log.markFault(id, i);
        return;
      }
    }
  }

  /** Once per fault, at its first slot: every transaction pending then waited through it. */
  #markPendingFor(fault: number): void {
    if (this.#spikeMarked[fault] === 1) return;
    this.#spikeMarked[fault] = 1;
    const lanes = this.#lanes;
    for (let l = 0; l < lanes.lanes; l++) {
      for (let id = lanes.head(l); id !== -1; id = lanes.queues.next(id)) this.log.markFault(id, fault);
    }
  }
}
