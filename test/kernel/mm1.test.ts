// Validation of the kernel against queueing theory: an M/M/1 queue built on it.
//
// Model: Poisson arrivals at lambda = 0.8 /s, exponential service at mu = 1.0 /s, one server,
// FIFO. Theory: mean time in system W = 1 / (mu - lambda) = 5 s, and Little's law L = lambda W.
//
// Time unit: the kernel counts integer "ms" ticks; here one model second is TICKS = 1e6 ticks
// (the kernel does not care what a tick means). Each exponential draw is rounded to a whole tick,
// an error of at most 0.5 tick = 5e-7 s per draw with mean ~0 (round to nearest), against a mean
// service time of 1 s: negligible next to the 3 % and 2 % tolerances. The longest run, ~2.5e6 s,
// is 2.5e12 ticks, far below 2^53.
//
// Measurement: customers 0..WARMUP-1 are warm-up; the next CUSTOMERS are observed. W is their
// mean time in system (arrival to departure). The observation window runs from the arrival of the
// first observed customer (T0) to the arrival of the first customer after them (T1); L is the
// time-average number in system over [T0, T1] and the arrival rate is the OBSERVED one,
// CUSTOMERS / (T1 - T0). With the observed rate, Little's law holds on every sample path up to
// edge effects (customers present at T0 or still present at T1: a few times L W / (N W), ~1e-5
// here), so it checks that the kernel's clock and the queue's bookkeeping agree; the W test
// checks the statistics (asymptotic sd of W's estimate at rho = 0.8 over 2e6 customers is ~0.6 %,
// so 3 % is ~5 sd).
//
// Seeds 1..5, fixed in advance; streams "mm1/arrivals" and "mm1/service".
import { test } from "node:test";
import assert from "node:assert/strict";
import { Kernel, type Handler } from "../../sim/kernel/kernel.js";
import { Streams } from "../../sim/kernel/random.js";

const LAMBDA = 0.8; // arrivals per second
const MU = 1.0; // services per second
const TICKS = 1e6; // kernel ticks per model second
const WARMUP = 10_000;
const CUSTOMERS = 2_000_000;
const SEEDS = [1, 2, 3, 4, 5];

interface Mm1Result {
  /** Mean time in system of the observed customers (s). */
  meanTimeInSystem: number;
  /** Time-average number in system over the observation window. */
  meanNumberInSystem: number;
  /** Observed arrival rate over the observation window (1/s). */
  arrivalRate: number;
  events: number;
}

/** A FIFO of arrival times (ticks) in a growable ring buffer. */
class TimeFifo {
  private buf = new Float64Array(1024);
  private head = 0;
  private size = 0;

  push(t: number): void {
    if (this.size === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      for (let i = 0; i < this.size; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)]!;
      this.buf = next;
      this.head = 0;
    }
    this.buf[(this.head + this.size++) & (this.buf.length - 1)] = t;
  }

  shift(): number {
    const t = this.buf[this.head]!;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.size--;
    return t;
  }
}

function simulateMm1(seed: number): Mm1Result {
  const streams = new Streams(seed);
  const arrivals = streams.get("mm1/arrivals");
  const service = streams.get("mm1/service");
  const kernel = new Kernel();
  const queue = new TimeFifo();
  const lastObserved = WARMUP + CUSTOMERS - 1;

  let inSystem = 0;
  let arrived = 0; // customers that have arrived; the next arrival's index
  let departed = 0; // departures happen in arrival order, so this is the departing customer's index
  let sojournTicks = 0;
  let area = 0; // integral of inSystem over the window so far (customer-ticks)
  let lastChange = 0;
  let t0 = 0;
  let t1 = 0;

  // Accumulates inSystem's area from the last change to now, inside the window only.
  const account = (now: number): void => {
    if (arrived > WARMUP && t1 === 0) area += inSystem * (now - lastChange);
    lastChange = now;
  };
  const ticks = (seconds: number): number => Math.round(seconds * TICKS);

  const depart: Handler = (_d, k) => {
    account(k.now);
    const arrivedAt = queue.shift();
    if (departed >= WARMUP && departed <= lastObserved) sojournTicks += k.now - arrivedAt;
    departed++;
    if (--inSystem > 0) k.scheduleAfter(ticks(service.exponential(MU)), depart);
  };
  const arrive: Handler = (_d, k) => {
    if (arrived === WARMUP) t0 = lastChange = k.now;
    if (arrived === lastObserved + 1) {
      // The first customer after the window only marks its end.
      account(k.now);
      t1 = k.now;
      return;
    }
    account(k.now);
    arrived++;
    queue.push(k.now);
    if (++inSystem === 1) k.scheduleAfter(ticks(service.exponential(MU)), depart);
    k.scheduleAfter(ticks(arrivals.exponential(LAMBDA)), arrive);
  };

  kernel.schedule(0, arrive);
  const events = kernel.run();
  assert.equal(departed, lastObserved + 1, "every observed customer departed");
  const window = (t1 - t0) / TICKS;
  return {
    meanTimeInSystem: sojournTicks / TICKS / CUSTOMERS,
    meanNumberInSystem: area / TICKS / window,
    arrivalRate: CUSTOMERS / window,
    events,
  };
}

const results = new Map<number, Mm1Result>();
function resultFor(seed: number): Mm1Result {
  let r = results.get(seed);
  if (r === undefined) {
    r = simulateMm1(seed);
    results.set(seed, r);
  }
  return r;
}

for (const seed of SEEDS) {
  test(`M/M/1 seed ${seed}: mean time in system within 3% of 1 / (mu - lambda) = 5 s`, (t) => {
    const r = resultFor(seed);
    const expected = 1 / (MU - LAMBDA);
    const error = r.meanTimeInSystem / expected - 1;
    t.diagnostic(
      `W = ${r.meanTimeInSystem.toFixed(4)} s (${(100 * error).toFixed(2)} %), ${r.events} events`,
    );
    assert.ok(Math.abs(error) < 0.03, `W = ${r.meanTimeInSystem}`);
  });

  test(`M/M/1 seed ${seed}: Little's law L = lambda W within 2% (observed lambda)`, (t) => {
    const r = resultFor(seed);
    const lw = r.arrivalRate * r.meanTimeInSystem;
    const error = r.meanNumberInSystem / lw - 1;
    t.diagnostic(
      `L = ${r.meanNumberInSystem.toFixed(4)}, lambda = ${r.arrivalRate.toFixed(5)}, lambda W = ${lw.toFixed(4)} (${(100 * error).toFixed(4)} %)`,
    );
    assert.ok(Math.abs(error) < 0.02, `L = ${r.meanNumberInSystem}, lambda W = ${lw}`);
  });
}
