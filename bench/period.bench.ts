// One full trading period of the world (meters wake, rounds of bidding to consensus, routing,
// settlement, records) at three sizes, and AA bid pricing. Each figure comes with its floor:
// - a period against the market alone: the same auctions the world runs (MicrogridAuction, the
//   market's state machine, with the world's streams and round count), opened on the same
//   forecasts and driven round by round with every order visible, with no kernel, routing,
//   settlement or records; so the ratio is the cost of what the world adds on top;
// - bid pricing against Math.expm1, the one transcendental call a bid needs.
//
//   node --import tsx bench/period.bench.ts
//
// Writes results/bench/period.json. The clock is this process's CPU time (the machine is shared).
import { loadavg } from "node:os";
import { Bench } from "tinybench";
import { Streams } from "../sim/kernel/index.js";
import {
  generateProfile,
  makeProfileConfig,
  uniformMicrogrids,
  agentsByMicrogrid,
  type Profile,
} from "../sim/data/index.js";
import { MicrogridAuction, World, scenarioFromShorthand } from "../sim/grid/index.js";
import { RunRecorder } from "../sim/metrics/index.js";
import { bidPrice, BUY, marketConfig, memberStreams } from "../sim/market/index.js";
import { medianMs, writeBenchJson } from "./lib/report.js";

const LIMITS = { pgs: 3.2, pgb: 18.9 };
const SIZES: readonly [number, number][] = [
  [3, 5],
  [10, 100],
  [100, 100],
];

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function profileOf(microgrids: number, agents: number): Profile {
  return generateProfile(
    makeProfileConfig({ days: 1, microgrids: uniformMicrogrids(microgrids, agents) }),
    new Streams(1),
  );
}

/** Runs the world over the profile's day; returns the number of periods simulated. */
function runDay(profile: Profile): number {
  const recorder = new RunRecorder(profile.agents.length, profile.pv, profile.load, profile.periods);
  new World({
    profile,
    streams: new Streams(1),
    config: {
      limits: LIMITS,
      market: marketConfig(),
      tradingWindowMs: 300_000,
      roundIntervalMs: 10_000,
      forecastErrorSd: 0,
      scenario: scenarioFromShorthand("all", profile.microgrids),
    },
    recorder,
  }).run();
  return profile.periods;
}

/** The market alone: each microgrid's auction over the day, every order visible at once. */
function marketOnlyDay(profile: Profile): void {
  const streams = new Streams(1);
  const market = marketConfig();
  const rounds = Math.min(Math.floor(300_000 / 10_000), market.maxRounds);
  const auctions = agentsByMicrogrid(profile).map(
    (members) =>
      new MicrogridAuction(
        members,
        Array.from(members, (a) => memberStreams(streams, `agent/${profile.agents[a]!.name}`)),
        market,
        LIMITS,
      ),
  );
  const net = new Float64Array(profile.agents.length);
  for (let t = 0; t < profile.periods; t++) {
    for (let a = 0; a < net.length; a++)
      net[a] = profile.pv[a * profile.periods + t]! - profile.load[a * profile.periods + t]!;
    for (const auction of auctions) {
      auction.openPeriod(net);
      auction.revealSubmitted(false);
      for (let k = 1; !auction.round(k >= rounds); k++) auction.revealSubmitted(true);
    }
  }
}

async function main(): Promise<void> {
  const before = loadavg()[0];
  const periods: Record<string, unknown>[] = [];
  for (const [mgs, per] of SIZES) {
    const profile = profileOf(mgs, per);
    const bench = new Bench({ now: cpuNow, time: 1500, iterations: 2, warmup: true });
    bench.add("world", () => void runDay(profile)).add("market-only", () => marketOnlyDay(profile));
    await bench.run();
    const [world, market] = bench.tasks.map((t) => medianMs(t) / profile.periods);
    periods.push({
      microgrids: mgs,
      agentsPerMicrogrid: per,
      agents: mgs * per,
      msPerPeriod: world,
      marketOnlyMsPerPeriod: market,
      ratioToMarketOnly: world! / market!,
      usPerAgentPeriod: (world! * 1000) / (mgs * per),
    });
    process.stdout.write(
      `${mgs} x ${per} agents: ${world!.toFixed(3)} ms a period (market alone ${market!.toFixed(3)} ms, x${(world! / market!).toFixed(2)})\n`,
    );
  }
  const N = 1_000_000;
  const rs = new Float64Array(N).map((_, i) => ((i * 7919) % 2001) / 1000 - 1);
  let sink = 0;
  const bidding = new Bench({ now: cpuNow, time: 1000 });
  bidding
    .add("bidPrice", () => {
      for (let i = 0; i < N; i++) sink += bidPrice(BUY, rs[i]!, 10, 3.2, 18.9, 2, "corrected");
    })
    .add("expm1", () => {
      for (let i = 0; i < N; i++) sink += Math.expm1(2 * Math.abs(rs[i]!));
    });
  await bidding.run();
  const [bid, floor] = bidding.tasks.map((t) => medianMs(t));
  if (!Number.isFinite(sink)) throw new Error("bid pricing produced a non-finite sum");
  const bidsPerSec = (N / bid!) * 1000;
  process.stdout.write(
    `bidPrice: ${(bidsPerSec / 1e6).toFixed(1)} M/s, x${(bid! / floor!).toFixed(2)} of expm1 \n`,
  );
  const path = writeBenchJson("period", {
    method:
      "tinybench medians, clock = process CPU time; one simulated day per iteration, divided by its periods",
    loadAverage1m: { before, after: loadavg()[0] },
    periods,
    bidding: { bidsPerSec, ratioToExpm1: bid! / floor! },
  });
  process.stdout.write(`wrote ${path}\n`);
}

await main();
