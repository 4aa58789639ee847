// The microgrid world: smart-meter agents, one auction per microgrid, hierarchical routing and
// settlement, period after period, all scheduled by the kernel.
//
// Assumptions and units (Wh, p/kWh, ms):
// - Period t spans [t x periodMs, (t + 1) x periodMs). Its auction runs in the first
//   tradingWindowMs of the period; rounds close every roundIntervalMs from the period start, so
//   floor(tradingWindowMs / roundIntervalMs) rounds fit (capped by the market's maxRounds).
// - At the period start each meter forecasts its net energy for the period: by default exactly
//   (the paper's assumption), optionally with a seeded relative error; settlement uses the
//   actual energy and settles the forecast error with the main grid.
// - At the end of the window every microgrid closes its round on its chain; once that close has
//   executed, it sends its residual position to the inter-microgrid auction. A microgrid whose
//   close or message does not get through by the end of the period (a stopped chain, a congested
//   ledger) trades its residual with the main grid only.
// - The inter-microgrid level (market.interMicrogrid, ./level2.ts) and settlement run when the
//   last message of the period arrives, or at the period's end at the latest. An iterated level 2
//   runs all its rounds inside that one event (no ledger latency between level-2 rounds).
// - Event priorities at equal times: deliveries (0) before round closes (10) before window ends
//   (20) before routing (30) before period starts (40).
import { GrowableColumns, Kernel, type RandomStream, type Streams } from "../kernel/index.js";
import { BUY, memberStreams, type MarketConfig, type MarketLimits, type Side } from "../market/index.js";
import { agentsByMicrogrid, type Profile } from "../data/index.js";
import type { DeviceFleet, DevicePolicy, DevicePolicyContext } from "../devices/index.js";
import { MicrogridAuction } from "./auction.js";
import { idealChannel, type ChannelEvents, type OrderChannel, type OrderSubmission } from "./channel.js";
import {
  AUCTION_OUTCOMES,
  createMicrogridColumns,
  type AgentColumns,
  type MicrogridColumns,
} from "./outcome.js";
import type { InterMicrogridClearer } from "./level2.js";
import { interMicrogridProcesses } from "./level2-processes.js";
import { routeResiduals, type RoutingOutcome } from "./routing.js";
import { createSettlement, settlePeriod, type AgentSettlement } from "./settlement.js";
import { components, type Scenario } from "./topology.js";
import type { Recorder } from "./recorder.js";

export interface WorldConfig {
  limits: MarketLimits;
  market: MarketConfig;
  tradingWindowMs: number;
  roundIntervalMs: number;
  /** Relative forecast error: forecast = actual x (1 + sd x N(0, 1)), rounded to Wh. 0 = exact. */
  forecastErrorSd: number;
  scenario: Scenario;
}

const PRIO_ROUND = 10;
const PRIO_WINDOW_END = 20;
const PRIO_ROUTE = 30;
const PRIO_PERIOD = 40;
/** Periods of energy read from the agent-major profile at once (a few cache lines per agent). */
const ENERGY_BLOCK = 32;

/** Builds the order channel once the world can receive its events (a ledger's, or the ideal one). */
export type ChannelFactory = (events: ChannelEvents) => OrderChannel;

/** What a world is built from. */
export interface WorldParts {
  /** The kernel it schedules on (a new one when omitted); a ledger built first shares it. */
  kernel?: Kernel;
  profile: Profile;
  streams: Streams;
  config: WorldConfig;
  recorder: Recorder;
  /** How orders reach the markets; omitted: instantly (the ideal channel). */
  channel?: ChannelFactory;
  /** Home batteries and EVs and the policy that runs them; omitted: none. */
  devices?: WorldDevices;
}

/** A world's devices: the fleet's state and the policy that decides each period. */
export interface WorldDevices {
  fleet: DeviceFleet;
  policy: DevicePolicy;
}

export class World {
  readonly kernel: Kernel;
  readonly profile: Profile;
  readonly config: WorldConfig;
  readonly auctions: MicrogridAuction[];
  readonly channel: OrderChannel;
  readonly #recorder: Recorder;
  readonly #groups: number[][];
  readonly #level2: InterMicrogridClearer;
  readonly #streams: Streams;
  /** Per agent, created on first use: an exact forecast draws nothing. */
  readonly #forecastStreams: (RandomStream | undefined)[];
  readonly #rounds: number;
  /** The period's outcome, reported to the recorder (arrays reused from period to period). */
  readonly #agents: AgentColumns;
  readonly #microgrids: MicrogridColumns;
  readonly #settlement: AgentSettlement;
  readonly #forecast: Float64Array;
  readonly #actual: Float64Array;
  /** Net energy (Wh) of periods [#blockStart, #blockStart + ENERGY_BLOCK), period-major. */
  readonly #netBlock: Float64Array;
  #blockStart = -1;
  readonly #messaged: Uint8Array;
  readonly #tickets = new Tickets();
  /**
   * Orders go through the ideal channel, which shows each one to its market as it is sent: the
   * world then reveals them directly (the same reveals, without a ticket and three calls each).
   */
  readonly #instant: boolean;
  readonly #devices: WorldDevices | undefined;
  /** Per agent, the limit price its devices' policy set for the period (NaN: its own draw). */
  readonly #deviceLimits: Float64Array | undefined;
  readonly #deviceContext: DevicePolicyContext | undefined;
  /**
   * Per period of the last day and microgrid, [paid p, bought Wh, received p, sold Wh]: a ring of
   * #day periods (with devices only).
   */
  readonly #lastPrices: Float64Array | undefined;
  readonly #day: number = 1;
  #period = -1;
  #routed = true;
  #messagesPending = 0;

  #started = false;

  constructor(parts: WorldParts) {
    const { profile, streams, config, recorder, channel } = parts;
    this.kernel = parts.kernel ?? new Kernel();
    this.profile = profile;
    this.config = config;
    this.#recorder = recorder;
    const rounds = Math.floor(config.tradingWindowMs / config.roundIntervalMs);
    if (rounds < 1) throw new RangeError("World: the trading window must fit at least one round");
    if (config.tradingWindowMs >= profile.periodMs)
      throw new RangeError("World: the trading window must end before the period");
    this.#rounds = Math.min(rounds, config.market.maxRounds);
    const agents = profile.agents.length;
    const byMg = agentsByMicrogrid(profile);
    this.auctions = byMg.map(
      (members) =>
        new MicrogridAuction(
          members,
          Array.from(members, (a) => memberStreams(streams, agentName(profile, a))),
          config.market,
          config.limits,
        ),
    );
    this.#groups = components(profile.microgrids, config.scenario.links);
    this.#level2 = interMicrogridProcesses.get(config.market.interMicrogrid).create({
      limits: config.limits,
      market: config.market,
      streams,
      microgridNames: profile.microgrids,
    });
    this.#streams = streams;
    this.#forecastStreams = new Array<RandomStream | undefined>(agents);
    this.#forecast = new Float64Array(agents);
    this.#actual = new Float64Array(agents);
    this.#agents = {
      microgridOf: Int32Array.from(profile.agents, (info) => info.microgridIndex),
      side: new Uint8Array(agents),
      quantity: new Float64Array(agents),
      fill: new Float64Array(agents),
      lastPrice: new Float64Array(agents),
      limit: new Float64Array(agents),
      tradePrice: new Float64Array(agents),
      forecastWh: this.#forecast,
      actualWh: this.#actual,
    };
    this.#microgrids = createMicrogridColumns(byMg.length);
    this.#settlement = createSettlement(agents);
    this.#netBlock = new Float64Array(ENERGY_BLOCK * agents);
    this.#messaged = new Uint8Array(profile.microgrids.length);
    this.#devices = parts.devices;
    if (parts.devices !== undefined) {
      if (parts.devices.fleet.agents !== agents)
        throw new RangeError(
          `World: the devices are for ${parts.devices.fleet.agents} agents, the profile has ${agents}`,
        );
      this.#deviceLimits = new Float64Array(agents).fill(Number.NaN);
      this.#deviceContext = {
        period: 0,
        net: this.#forecast,
        microgridOf: this.#agents.microgridOf,
        expectedBuyPrice: new Float64Array(byMg.length),
        expectedSellPrice: new Float64Array(byMg.length),
      };
      this.#day = Math.max(1, Math.round(86_400_000 / profile.periodMs));
      this.#lastPrices = new Float64Array(4 * byMg.length * this.#day);
    }
    this.#instant = channel === undefined;
    const make = channel ?? idealChannel;
    this.channel = make({
      visible: (ticket) => this.#onVisible(ticket),
      closed: (ticket) => this.#onClosed(ticket),
      delivered: (ticket) => this.#onMessage(ticket),
    });
  }

  /** Schedules every period of the profile on the kernel (once); the kernel's owner runs it. */
  start(): void {
    if (this.#started) throw new Error("World.start: the periods are scheduled already");
    this.#started = true;
    for (let t = 0; t < this.profile.periods; t++) {
      this.kernel.schedule(t * this.profile.periodMs, () => this.#openPeriod(t), PRIO_PERIOD);
    }
  }

  /** Simulates every period of the profile. */
  run(): void {
    this.start();
    this.kernel.run();
  }

  #openPeriod(t: number): void {
    if (!this.#routed) this.#route();
    this.#period = t;
    this.#routed = false;
    this.#tickets.reset();
    const start = t * this.profile.periodMs;
    this.#readEnergy(t);
    if (this.#devices !== undefined) this.#stepDevices(t);
    this.auctions.forEach((auction, m) => {
      auction.openPeriod(this.#forecast, this.#deviceLimits);
      if (this.#instant) auction.revealSubmitted(false);
      else
        for (let i = 0; i < auction.members.length; i++) {
          if (auction.quantity[i]! > 0) this.#submit(m, i, "new", start + this.config.roundIntervalMs);
        }
      // A one-sided period has no auction: it settles at the window's end.
      if (!auction.oneSided) {
        this.kernel.schedule(start + this.config.roundIntervalMs, () => this.#closeRound(m, 1), PRIO_ROUND);
      }
    });
    this.kernel.schedule(start + this.config.tradingWindowMs, () => this.#endWindow(), PRIO_WINDOW_END);
    this.kernel.schedule(start + this.profile.periodMs - 1, () => this.#route(), PRIO_ROUTE);
  }

  #readEnergy(t: number): void {
    const agents = this.profile.agents.length;
    const sd = this.config.forecastErrorSd;
    if (this.#blockStart < 0 || t < this.#blockStart || t >= this.#blockStart + ENERGY_BLOCK)
      this.#loadBlock(t - (t % ENERGY_BLOCK));
    const row = (t - this.#blockStart) * agents;
    for (let a = 0; a < agents; a++) {
      const actual = this.#netBlock[row + a]!;
      this.#actual[a] = actual;
      this.#forecast[a] = sd > 0 ? Math.round(actual * (1 + sd * this.#forecastStream(a).normal())) : actual;
    }
  }

  /**
   * The devices act on the period's forecast before the auctions open: EVs arrive or leave, the
   * policy plans on each microgrid's last published price, and the fleet applies the plan to the
   * agents' forecast and actual net energy.
   */
  #stepDevices(t: number): void {
    const { fleet, policy } = this.#devices!;
    const context = this.#deviceContext! as { period: number } & DevicePolicyContext;
    context.period = t;
    const last = this.#lastPrices!;
    const microgrids = this.auctions.length;
    const base = 4 * microgrids * (t % this.#day);
    for (let m = 0; m < microgrids; m++) {
      const k = base + 4 * m;
      const bought = last[k + 1]!;
      const sold = last[k + 3]!;
      // No history yet (the first day): no expectation.
      const anchor = t < this.#day ? Number.NaN : this.auctions[m]!.anchor;
      context.expectedBuyPrice[m] = bought > 0 ? (1000 * last[k]!) / bought : anchor;
      context.expectedSellPrice[m] = sold > 0 ? (1000 * last[k + 2]!) / sold : anchor;
    }
    fleet.beginPeriod(t);
    policy.plan(fleet, this.#deviceContext!);
    fleet.apply(this.#forecast, this.#actual, this.#deviceLimits!);
  }

  // The profile is agent-major: reading a few consecutive periods per agent at once keeps the
  // reads sequential instead of one cache miss per agent and period.
  #loadBlock(start: number): void {
    const { profile } = this;
    const agents = profile.agents.length;
    const end = Math.min(start + ENERGY_BLOCK, profile.periods);
    for (let a = 0; a < agents; a++) {
      const base = a * profile.periods;
      for (let t = start; t < end; t++)
        this.#netBlock[(t - start) * agents + a] = profile.pv[base + t]! - profile.load[base + t]!;
    }
    this.#blockStart = start;
  }

  #forecastStream(a: number): RandomStream {
    let stream = this.#forecastStreams[a];
    if (stream === undefined)
      this.#forecastStreams[a] = stream = this.#streams.get(`${agentName(this.profile, a)}/forecast`);
    return stream;
  }

  #submit(m: number, i: number, kind: "new" | "update", deadline: number): void {
    const auction = this.auctions[m]!;
    const order = this.#order;
    order.ticket = this.#tickets.issue(m, i, auction.submittedPrice[i]!, auction.submittedAnchor[i]!);
    order.agent = auction.members[i]!;
    order.chain = m;
    order.kind = kind;
    order.side = auction.side[i] as Side;
    order.price = auction.submittedPrice[i]!;
    order.quantityWh = auction.quantity[i]!;
    order.deadlineMs = deadline;
    this.channel.submit(order);
  }

  // One record reused for every submission (the channel copies what it keeps).
  readonly #order: OrderSubmission = {
    agent: 0,
    chain: 0,
    kind: "new",
    side: BUY,
    price: 0,
    quantityWh: 0,
    deadlineMs: 0,
    ticket: 0,
  };

  #onVisible(ticket: number): void {
    const t = this.#tickets;
    if (!t.current(ticket)) return; // a confirmation from an earlier period
    const k = ticket - t.first;
    const c = t.rows.data;
    const auction = this.auctions[c.microgrid[k]!]!;
    if (!auction.done) auction.reveal(c.member[k]!, c.price[k]!, c.anchor[k]!);
  }

  #closeRound(m: number, k: number): void {
    const auction = this.auctions[m]!;
    if (auction.done) return;
    const settled = auction.round(k >= this.#rounds);
    if (settled) return;
    const next = this.#period * this.profile.periodMs + (k + 1) * this.config.roundIntervalMs;
    if (this.#instant) auction.revealSubmitted(true);
    else
      for (let i = 0; i < auction.members.length; i++)
        if (auction.visible[i] === 1) this.#submit(m, i, "update", next);
    this.kernel.schedule(next, () => this.#closeRound(m, k + 1), PRIO_ROUND);
  }

  #endWindow(): void {
    const deadline = (this.#period + 1) * this.profile.periodMs - 1;
    this.#messaged.fill(0);
    this.#messagesPending = 0;
    this.auctions.forEach((auction, m) => {
      if (!auction.done) auction.round(true);
      this.#messagesPending++;
      this.channel.close(m, auction.members.length, deadline, this.#microgridTicket(m));
    });
  }

  // Microgrid tickets pack (period, microgrid) so that late confirmations are recognised.
  #microgridTicket(m: number): number {
    return this.#period * this.auctions.length + m;
  }

  #currentMicrogrid(ticket: number): number {
    const m = ticket % this.auctions.length;
    return (ticket - m) / this.auctions.length === this.#period && !this.#routed ? m : -1;
  }

  /** The round close executed: the microgrid publishes its residual to the upper auction. */
  #onClosed(ticket: number): void {
    const m = this.#currentMicrogrid(ticket);
    if (m >= 0) this.channel.message(m, (this.#period + 1) * this.profile.periodMs - 1, ticket);
  }

  #onMessage(ticket: number): void {
    const m = this.#currentMicrogrid(ticket);
    if (m < 0) return;
    this.#messaged[m] = 1;
    if (--this.#messagesPending === 0) this.kernel.scheduleAfter(0, () => this.#route(), PRIO_ROUTE);
  }

  #route(): void {
    if (this.#routed) return;
    this.#routed = true;
    this.#collectOutcome();
    // Microgrids whose message did not arrive cannot join their group's auction.
    const groups = this.#groups
      .map((g) => g.filter((m) => this.#messaged[m] === 1))
      .concat(this.#groups.flatMap((g) => g.filter((m) => this.#messaged[m] !== 1).map((m) => [m])));
    const routing = routeResiduals(this.#agents, {
      microgrids: this.auctions.length,
      groups,
      limits: this.config.limits,
      level2: this.#level2,
    });
    this.#record(routing);
  }

  /** The auctions' final state as the period's columns (read through their public fields only). */
  #collectOutcome(): void {
    const l1 = this.#agents;
    const mg = this.#microgrids;
    for (let m = 0; m < this.auctions.length; m++) {
      const auction = this.auctions[m]!;
      mg.mcp[m] = auction.mcp;
      mg.rounds[m] = auction.rounds;
      mg.outcome[m] = AUCTION_OUTCOMES.indexOf(auction.outcome);
      mg.demandWh[m] = auction.demand;
      mg.supplyWh[m] = auction.supply;
      mg.volumeWh[m] = auction.volume;
      mg.missedOrders[m] = auction.missedOrders;
      mg.missedWh[m] = auction.missedWh;
      for (let i = 0; i < auction.members.length; i++) {
        const a = auction.members[i]!;
        l1.side[a] = auction.side[i]!;
        l1.quantity[a] = auction.quantity[i]!;
        l1.fill[a] = auction.fill[i]!;
        l1.lastPrice[a] = auction.visible[i] === 1 ? auction.visiblePrice[i]! : auction.submittedPrice[i]!;
        l1.limit[a] = auction.limit[i]!;
        // The mechanism's price for the member's fill (the MCP under a uniform price).
        l1.tradePrice[a] = auction.tradePrice[i]!;
      }
    }
  }

  /** What each microgrid's members paid and received this period, for the policy a day later. */
  #notePrices(): void {
    const microgrids = this.auctions.length;
    const base = 4 * microgrids * (this.#period % this.#day);
    const last = this.#lastPrices!.fill(0, base, base + 4 * microgrids);
    const s = this.#settlement;
    const mgOf = this.#agents.microgridOf;
    for (let a = 0; a < mgOf.length; a++) {
      const k = base + 4 * mgOf[a]!;
      last[k]! += s.paidP[a]!;
      last[k + 1]! += s.boughtWh[a]!;
      last[k + 2]! += s.receivedP[a]!;
      last[k + 3]! += s.soldWh[a]!;
    }
  }

  /** Settles the period on actual energy and reports it. */
  #record(routing: RoutingOutcome): void {
    const agents = this.#agents;
    settlePeriod(agents, routing, this.#forecast, this.#actual, this.config.limits, this.#settlement);
    if (this.#lastPrices !== undefined) this.#notePrices();
    this.#recorder.period({
      period: this.#period,
      microgrids: this.#microgrids,
      agents,
      routing,
      settlement: this.#settlement,
      ...(this.#devices === undefined ? {} : { devices: this.#devices.fleet }),
    });
  }
}

// Streams are named after the agent's name (not its dense index), so adding an agent elsewhere
// never changes this agent's draws.
function agentName(profile: Profile, a: number): string {
  return `agent/${profile.agents[a]!.name}`;
}

/**
 * The orders submitted in the current period, so that a confirmation reveals exactly the price it
 * carried. Ticket numbers keep growing across periods; those below `first` are stale, and ticket
 * `first + k` is row k.
 */
class Tickets {
  first = 0;
  next = 0;
  readonly rows = new GrowableColumns({ microgrid: "i32", member: "i32", price: "f64", anchor: "f64" }, 64);

  reset(): void {
    this.first = this.next;
    this.rows.clear();
  }

  current(ticket: number): boolean {
    return ticket >= this.first && ticket < this.next;
  }

  issue(m: number, i: number, price: number, anchor: number): number {
    const rows = this.rows;
    rows.reserve(1);
    const k = rows.length++;
    const c = rows.data;
    c.microgrid[k] = m;
    c.member[k] = i;
    c.price[k] = price;
    c.anchor[k] = anchor;
    return this.next++;
  }
}
