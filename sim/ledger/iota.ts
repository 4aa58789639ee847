// IOTA 2.0 ledger model: one Wasp chain (Layer 2) per microgrid, anchored on a shared Tangle (Layer 1).
//
// Assumptions and units (ms, IOTA tokens, USD, Wh):
// - Orders and clears are off-ledger requests sent straight to their microgrid's Wasp committee (no
//   per-request proof of work). Each chain runs consensus rounds one after another: an idle chain
//   that receives a request waits batchWindowMs, then starts a round on all waiting requests (up to
//   maxBatch); when a round ends, the block's requests execute against the contract (rules.ts), the
//   committee does the anchor's proof of work (adaptive difficulty, iota-pow.ts), and the anchor is
//   admitted to Layer 1 (rate limiter, iota-l1.ts). As soon as the anchor is admitted the next round
//   starts on every request that arrived meanwhile. The block's requests confirm (or are reported
//   rejected) when the anchor confirms on Layer 1; anchors of one chain confirm in order because each
//   consumes the previous one's state output.
// - A committee of n nodes needs floor(2n/3) + 1 of them up; with more than floor((n-1)/3) down the
//   chain stops: a round in progress is abandoned (its requests go back to the front of the queue)
//   and no new round starts until enough nodes recover. Blocks already agreed still anchor.
// - Chains share only Layer 1 (its issuance cap and latency); otherwise a chain's latency does not
//   depend on the others' load.
// - "inter-mg" transactions are Layer-1 messages from the sender's own node: adaptive PoW on that
//   node, admission, Layer-1 confirmation. Layer 1 is feeless by default (fee.l1MessageIota = 0);
//   requests pay fee.iotaPerRequest plus their share of fee.anchorIota (0 by default).
// - Every transaction is charged the configured energy reading per transaction (energy.ts).
import {
  lognormalFromMean,
  type EventHandle,
  type Kernel,
  type RandomStream,
  type Streams,
} from "../kernel/index.js";
import { CallbackTable } from "./callbacks.js";
import { IOTA_ENERGY_WH, iotaEnergyReading } from "./energy.js";
import { faultImpacts, NO_FAULTS, validateFaults, type FaultSchedule } from "./faults.js";
import { WaspBlockLog } from "./iota-blocks.js";
import { iotaConfig, waspQuorum, type IotaConfig } from "./iota-config.js";
import { Layer1 } from "./iota-l1.js";
import { adaptiveDifficulty, drawPowMs, IssueWindow } from "./iota-pow.js";
import type { DeepPartial } from "./merge.js";
import type { ContractRules } from "./rules.js";
import { kindCode, sideCode } from "./request.js";
import { ledgerStats } from "./stats.js";
import { TxLog, type TxLogKeep } from "./tx-log.js";
import { TxQueues } from "./tx-queues.js";
import {
  KIND,
  TxStatus,
  type FaultImpact,
  type Ledger,
  type LedgerStats,
  type TxCallback,
  type TxRequest,
  type TxStatusCode,
} from "./types.js";

export interface IotaLedgerOptions {
  kernel: Kernel;
  /** Streams of the run; the ledger uses `${prefix}/wasp-round`, `/pow`, `/l1`. */
  streams: Streams;
  rules: ContractRules;
  config?: DeepPartial<IotaConfig>;
  faults?: FaultSchedule;
  streamPrefix?: string;
  /** Which transaction rows the log stores (default "all"); see TxLog. */
  keepLog?: TxLogKeep;
  /** The ledger's name in results (default "iota"); plugins that reuse the model set their own. */
  name?: string;
  /** Unit of the logged fees (default "IOTA", the 2022 token's base unit); results name it. */
  feeUnit?: string;
  /** Fault kinds the model reacts to (default both); others in the schedule are left alone. */
  faultKinds?: readonly ("wasp-node-down" | "l1-latency-spike")[];
}

const IDLE = 0;
const BATCHING = 1;
const CONSENSUS = 2;
const ANCHORING = 3;

export class IotaLedger implements Ledger {
  readonly name: string;
  readonly feeUnit: string;
  readonly config: IotaConfig;
  readonly log: TxLog;
  readonly blocks = new WaspBlockLog();
  readonly quorum: number;
  readonly faults: FaultSchedule;
  readonly energyReading: string;

  readonly #kernel: Kernel;
  readonly #rules: ContractRules;
  readonly #callbacks = new CallbackTable();
  readonly #queues: TxQueues;
  readonly #l1: Layer1;
  readonly #roundRng: RandomStream;
  readonly #powRng: RandomStream;
  readonly #roundMu: number;
  readonly #roundSigma: number;
  readonly #prio: number;
  readonly #energyWh: number;
  readonly #feeUsd: number;
  readonly #requestBytes: number;
  // Per chain.
  readonly #phase: Uint8Array;
  readonly #handle: Float64Array;
  readonly #roundBlock: Int32Array;
  readonly #down: Int32Array;
  readonly #stalledBy: Int32Array;
  readonly #lastConfirm: Float64Array;
  readonly #chainPow: IssueWindow[];
  // Per (chain, node) with a fault: how many overlapping outages hold it down.
  readonly #nodeDepth = new Map<number, number>();
  // Per agent node sending Layer-1 messages.
  readonly #agentPow = new Map<number, { window: IssueWindow; busyUntil: number }>();
  readonly #faultKinds: readonly ("wasp-node-down" | "l1-latency-spike")[];
  #unresolved = 0;

  constructor(options: IotaLedgerOptions) {
    const { kernel, streams, rules } = options;
    this.name = options.name ?? "iota";
    this.feeUnit = options.feeUnit ?? "IOTA";
    this.config = iotaConfig({ chains: rules.config.chains, ...options.config });
    this.log = new TxLog(options.keepLog);
    const c = this.config;
    if (c.chains > rules.config.chains)
      throw new RangeError("IotaLedger: more chains than the contract rules know");
    this.faults = options.faults ?? NO_FAULTS;
    this.#faultKinds = options.faultKinds ?? ["wasp-node-down", "l1-latency-spike"];
    const committeeFaults = this.#faultKinds.includes("wasp-node-down");
    validateFaults(
      committeeFaults
        ? this.faults
        : { faults: this.faults.faults.filter((f) => f.kind !== "wasp-node-down") },
      c.chains,
      c.wasp.committeeSize,
    );
    this.#kernel = kernel;
    this.#rules = rules;
    this.#prio = c.eventPriority;
    this.quorum = waspQuorum(c.wasp.committeeSize);
    const prefix = options.streamPrefix ?? "iota";
    this.#roundRng = streams.get(`${prefix}/wasp-round`);
    this.#powRng = streams.get(`${prefix}/pow`);
    this.#l1 = new Layer1(c.l1, streams.get(`${prefix}/l1`), this.faults);
    const { mu, sigma } = lognormalFromMean(c.wasp.roundMeanMs, c.wasp.roundCv);
    this.#roundMu = mu;
    this.#roundSigma = sigma;
    const override = c.energy.override;
    this.#energyWh = override?.wh ?? IOTA_ENERGY_WH[c.energy.reading];
    this.energyReading =
      override === null
        ? iotaEnergyReading(c.energy.reading)
        : `${(override.wh / 1000).toPrecision(3)} kWh (${override.wh.toPrecision(3)} Wh) per transaction: ${override.note}`;
    this.#feeUsd = (c.fee.iotaPerRequest * c.fee.usdPerMiota) / 1e6;
    this.#requestBytes = c.wasp.requestBytes;
    this.#queues = new TxQueues(c.chains, this.log);
    this.#phase = new Uint8Array(c.chains);
    this.#handle = new Float64Array(c.chains);
    this.#roundBlock = new Int32Array(c.chains).fill(-1);
    this.#down = new Int32Array(c.chains);
    this.#stalledBy = new Int32Array(c.chains).fill(-1);
    this.#lastConfirm = new Float64Array(c.chains);
    this.#chainPow = Array.from({ length: c.chains }, () => new IssueWindow());
    this.#scheduleNodeFaults();
  }

  /** Transactions submitted whose outcome is not known yet. */
  get pending(): number {
    return this.#unresolved;
  }

  /** Requests waiting for a round on a chain (not counting the round in progress). */
  queued(chain: number): number {
    return this.#queues.count[chain]!;
  }

  /** Committee nodes currently up on a chain. */
  nodesUp(chain: number): number {
    return this.config.wasp.committeeSize - this.#down[chain]!;
  }

  /** Whether a chain has its quorum (can confirm). */
  hasQuorum(chain: number): boolean {
    return this.nodesUp(chain) >= this.quorum;
  }

  submit(tx: TxRequest, onDone?: TxCallback): number {
    const kind = kindCode(tx, this.config.chains, "IotaLedger");
    const now = this.#kernel.now;
    const id = this.log.append(
      tx.chain,
      tx.sender,
      kind,
      sideCode(tx, "IotaLedger"),
      tx.nonce,
      now,
      tx.deadlineMs ?? Infinity,
      tx.price ?? NaN,
      tx.quantityWh ?? 0,
      tx.orders ?? 0,
      this.#callbacks.indexOf(onDone),
    );
    this.log.sizeOrGas[id - this.log.base] = this.#requestBytes;
    this.#unresolved++;
    if (kind === KIND["inter-mg"]) this.#layer1Message(id);
    else this.#enqueue(tx.chain, id);
    return id;
  }

  stats(): LedgerStats {
    return ledgerStats(this.log);
  }

  faultImpacts(): FaultImpact[] {
    return faultImpacts(this.faults, this.#faultKinds, this.log, this.#kernel.now);
  }

  // ------------------------------------------------------------------ Layer 2: Wasp chains

  #enqueue(chain: number, id: number): void {
    this.#queues.push(chain, id);
    const stall = this.#stalledBy[chain]!;
    if (stall >= 0) this.log.markFault(id, stall);
    if (this.#phase[chain] === IDLE && this.hasQuorum(chain)) {
      this.#phase[chain] = BATCHING;
      this.#handle[chain] = this.#kernel.scheduleAfter(
        this.config.wasp.batchWindowMs,
        this.#onBatchWindowEnd,
        this.#prio,
        chain,
      );
    }
  }

  readonly #onBatchWindowEnd = (chain: number): void => {
    this.#startRound(chain);
  };

  #startRound(chain: number): void {
    if (!this.hasQuorum(chain)) {
      this.#phase[chain] = IDLE;
      return;
    }
    const { first, last, n } = this.#queues.detachPrefix(chain, this.config.wasp.maxBatch);
    if (n === 0) {
      this.#phase[chain] = IDLE;
      return;
    }
    const b = this.blocks.add(chain, first, last, n, this.#kernel.now);
    this.#phase[chain] = CONSENSUS;
    this.#roundBlock[chain] = b;
    const duration = Math.round(this.#roundRng.lognormal(this.#roundMu, this.#roundSigma));
    this.#handle[chain] = this.#kernel.scheduleAfter(duration, this.#onRoundEnd, this.#prio, b);
  }

  readonly #onRoundEnd = (b: number): void => {
    const chain = this.blocks.chain[b]!;
    const now = this.#kernel.now;
    this.#roundBlock[chain] = -1;
    this.blocks.roundEndMs[b] = now;
    this.#executeBlock(b);
    this.#phase[chain] = ANCHORING;
    const pow = this.config.pow;
    const d = adaptiveDifficulty(pow, this.#chainPow[chain]!.recent(now, pow.windowMs));
    this.blocks.difficulty[b] = d;
    this.#kernel.scheduleAfter(drawPowMs(pow, d, this.#powRng), this.#onAnchorPowDone, this.#prio, b);
  };

  /**
   * Executes a block's requests in order against the contract (nothing is submitted meanwhile, so
   * the log's columns stay put for the whole block).
   */
  #executeBlock(b: number): void {
    const log = this.log;
    const rules = this.#rules;
    const queues = this.#queues;
    const base = log.base;
    const { chain, sender, kind, side, nonce, price, quantityWh, reason, round, block } = log;
    const interMg = KIND["inter-mg"];
    for (let id = this.blocks.first[b]!; id !== -1; id = queues.next(id)) {
      const r = id - base;
      const c = chain[r]!;
      const k = kind[r]!;
      const open = rules.openRound(c);
      reason[r] = rules.execute(c, sender[r]!, k, side[r]!, nonce[r]!, price[r]!, quantityWh[r]!);
      if (k !== interMg) round[r] = open;
      block[r] = b;
    }
  }

  #execute(id: number, block: number): void {
    const log = this.log;
    const r = log.row(id);
    const chain = log.chain[r]!;
    const kind = log.kind[r]!;
    const round = this.#rules.openRound(chain);
    log.reason[r] = this.#rules.execute(
      chain,
      log.sender[r]!,
      kind,
      log.side[r]!,
      log.nonce[r]!,
      log.price[r]!,
      log.quantityWh[r]!,
    );
    if (kind !== KIND["inter-mg"]) log.round[r] = round;
    log.block[r] = block;
  }

  readonly #onAnchorPowDone = (b: number): void => {
    const chain = this.blocks.chain[b]!;
    const now = this.#kernel.now;
    this.#chainPow[chain]!.record(now);
    const admitted = this.#l1.admit(now);
    const delay = this.#l1.confirmationDelay(admitted);
    if (this.#l1.lastSpike >= 0) {
      for (let id = this.blocks.first[b]!; id !== -1; id = this.#queues.next(id))
        this.log.markFault(id, this.#l1.lastSpike);
    }
    const confirm = Math.max(admitted + delay, this.#lastConfirm[chain]!);
    this.#lastConfirm[chain] = confirm;
    this.blocks.issueMs[b] = admitted;
    this.blocks.confirmMs[b] = confirm;
    this.#kernel.schedule(confirm, this.#onAnchorConfirmed, this.#prio, b);
    if (admitted > now) this.#kernel.schedule(admitted, this.#onAnchorAdmitted, this.#prio, chain);
    else this.#onAnchorAdmitted(chain);
  };

  readonly #onAnchorAdmitted = (chain: number): void => {
    if (this.#queues.count[chain]! > 0) this.#startRound(chain);
    else this.#phase[chain] = IDLE;
  };

  /**
   * The block's anchor confirmed: every request of the block gets its outcome at once, then the
   * callbacks run in block order. A callback may submit (and so move the log's columns and base),
   * but never retires a row resolved now, so the block's rows stay addressable by id.
   */
  readonly #onAnchorConfirmed = (b: number): void => {
    const fee = this.config.fee;
    const native = fee.iotaPerRequest + fee.anchorIota / this.blocks.count[b]!;
    const usd = fee.anchorIota === 0 ? this.#feeUsd : (native * fee.usdPerMiota) / 1e6;
    const now = this.#kernel.now;
    const energy = this.#energyWh;
    const log = this.log;
    const queues = this.#queues;
    const first = this.blocks.first[b]!;
    const base = log.base;
    const { reason, status, resolvedMs, confirmMs, feeNative, feeUsd, energyWh } = log;
    let n = 0;
    for (let id = first; id !== -1; id = queues.next(id)) {
      const r = id - base;
      const ok = reason[r] === 0;
      status[r] = ok ? TxStatus.CONFIRMED : TxStatus.REJECTED;
      resolvedMs[r] = now;
      if (ok) confirmMs[r] = now;
      feeNative[r] = native;
      feeUsd[r] = usd;
      energyWh[r] = energy;
      n++;
    }
    this.#unresolved -= n;
    const callbacks = this.#callbacks;
    for (let id = first; id !== -1;) {
      const next = queues.next(id);
      const r = log.row(id);
      callbacks.call(log.callback[r]!, id, log.status[r] as TxStatusCode);
      id = next;
    }
  };

  #resolve(id: number, feeNative: number, feeUsd: number): void {
    const log = this.log;
    const r = log.row(id);
    const now = this.#kernel.now;
    const ok = log.reason[r] === 0;
    const status = ok ? TxStatus.CONFIRMED : TxStatus.REJECTED;
    log.status[r] = status;
    log.resolvedMs[r] = now;
    if (ok) log.confirmMs[r] = now;
    log.feeNative[r] = feeNative;
    log.feeUsd[r] = feeUsd;
    log.energyWh[r] = this.#energyWh;
    this.#unresolved--;
    this.#callbacks.call(log.callback[r]!, id, status);
  }

  // ------------------------------------------------------------------ committee faults

  #scheduleNodeFaults(): void {
    if (!this.#faultKinds.includes("wasp-node-down")) return;
    const now = this.#kernel.now;
    this.faults.faults.forEach((f, i) => {
      if (f.kind !== "wasp-node-down") return;
      if (f.fromMs < now) throw new RangeError(`IotaLedger: faults[${i}] starts before the current time`);
      this.#kernel.schedule(f.fromMs, this.#onNodeDown, this.#prio, i);
      if (f.toMs !== Infinity) this.#kernel.schedule(f.toMs, this.#onNodeUp, this.#prio, i);
    });
  }

  readonly #onNodeDown = (i: number): void => {
    const f = this.faults.faults[i]!;
    if (f.kind !== "wasp-node-down") return;
    const key = f.chain * this.config.wasp.committeeSize + f.node;
    const depth = (this.#nodeDepth.get(key) ?? 0) + 1;
    this.#nodeDepth.set(key, depth);
    if (depth > 1) return;
    const had = this.hasQuorum(f.chain);
    this.#down[f.chain]!++;
    if (had && !this.hasQuorum(f.chain)) this.#stall(f.chain, i);
  };

  readonly #onNodeUp = (i: number): void => {
    const f = this.faults.faults[i]!;
    if (f.kind !== "wasp-node-down") return;
    const key = f.chain * this.config.wasp.committeeSize + f.node;
    const depth = (this.#nodeDepth.get(key) ?? 0) - 1;
    this.#nodeDepth.set(key, depth);
    if (depth > 0) return;
    const had = this.hasQuorum(f.chain);
    this.#down[f.chain]!--;
    if (had || !this.hasQuorum(f.chain)) return;
    this.#stalledBy[f.chain] = -1;
    if (this.#phase[f.chain] === IDLE && this.#queues.count[f.chain]! > 0) this.#startRound(f.chain);
  };

  /** The chain lost its quorum: abandon the batch window or round in progress; requests wait. */
  #stall(chain: number, fault: number): void {
    this.#stalledBy[chain] = fault;
    const phase = this.#phase[chain]!;
    if (phase === BATCHING || phase === CONSENSUS) {
      this.#kernel.cancel(this.#handle[chain]! as EventHandle);
      this.#phase[chain] = IDLE;
    }
    const b = this.#roundBlock[chain]!;
    if (phase === CONSENSUS && b >= 0) {
      this.blocks.failed[b] = 1;
      this.#queues.prependList(chain, this.blocks.first[b]!, this.blocks.last[b]!, this.blocks.count[b]!);
      this.#roundBlock[chain] = -1;
    }
    for (let id = this.#queues.head[chain]!; id !== -1; id = this.#queues.next(id))
      this.log.markFault(id, fault);
  }

  // ------------------------------------------------------------------ Layer 1 messages

  #layer1Message(id: number): void {
    const sender = this.log.sender[this.log.row(id)]!;
    let node = this.#agentPow.get(sender);
    if (node === undefined) {
      node = { window: new IssueWindow(), busyUntil: 0 };
      this.#agentPow.set(sender, node);
    }
    const pow = this.config.pow;
    const start = Math.max(this.#kernel.now, node.busyUntil);
    const d = adaptiveDifficulty(pow, node.window.recent(start, pow.windowMs));
    const end = start + drawPowMs(pow, d, this.#powRng);
    node.window.record(end);
    node.busyUntil = end;
    this.#kernel.schedule(end, this.#onMessagePowDone, this.#prio, id);
  }

  readonly #onMessagePowDone = (id: number): void => {
    const admitted = this.#l1.admit(this.#kernel.now);
    const delay = this.#l1.confirmationDelay(admitted);
    if (this.#l1.lastSpike >= 0) this.log.markFault(id, this.#l1.lastSpike);
    this.#kernel.schedule(admitted + delay, this.#onMessageConfirmed, this.#prio, id);
  };

  readonly #onMessageConfirmed = (id: number): void => {
    this.#execute(id, -1);
    const fee = this.config.fee.l1MessageIota;
    this.#resolve(id, fee, (fee * this.config.fee.usdPerMiota) / 1e6);
  };
}
