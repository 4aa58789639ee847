// Builds a run's devices from their options: which agents have a battery or an EV, their
// parameters and their EV sessions.
//
// Assumptions: in each microgrid, round(share x members) agents get a device of a kind, chosen by
// a partial Fisher-Yates shuffle of the members (in agent order) driven by the stream
// `devices/<kind>/<microgrid>`, so a microgrid's choice depends only on the seed, its name and its
// members. EV sessions given as data decide which agents have an EV (with the parameters of their
// microgrid's ev entry, or the defaults).
import type { Streams } from "../kernel/index.js";
import { agentsByMicrogrid, type Profile } from "../data/index.js";
import { DeviceFleet, type FleetParts } from "./fleet.js";
import { drawSessions } from "./sessions.js";
import {
  checkBattery,
  checkEv,
  checkSessions,
  EV_DEFAULTS,
  SESSION_DEFAULTS,
  type DeviceOptions,
  type EvSession,
  type EvSpec,
} from "./spec.js";

/** round(share x n) of `members`, chosen by the stream `name` (ascending). */
function choose(members: Int32Array, share: number, streams: Streams, name: string): Int32Array {
  const pick = Math.round(share * members.length);
  if (pick >= members.length) return members;
  if (pick <= 0) return new Int32Array(0);
  const stream = streams.fresh(name);
  const pool = Int32Array.from(members);
  for (let i = 0; i < pick; i++) {
    const j = i + Math.floor(stream.random() * (pool.length - i));
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return pool.subarray(0, pick).sort();
}

/** The devices `options` describe on `profile`; throws a RangeError naming a bad field. */
export function buildFleet(profile: Profile, options: DeviceOptions, streams: Streams): DeviceFleet {
  const byMg = agentsByMicrogrid(profile);
  for (const name of Object.keys(options.microgrids)) {
    if (!profile.microgrids.includes(name))
      throw new RangeError(
        `devices.microgrids.${name}: unknown microgrid (known: ${profile.microgrids.join(", ")})`,
      );
  }
  const synthetic = options.synthetic ?? SESSION_DEFAULTS;
  checkSessions(synthetic, "devices.ev.sessions");
  const batteries: FleetParts["batteries"][number][] = [];
  const evAgents: { agent: number; spec: EvSpec }[] = [];
  profile.microgrids.forEach((mg, m) => {
    const devices = options.microgrids[mg];
    if (devices === undefined) return;
    const members = byMg[m]!;
    if (devices.battery !== undefined) {
      checkBattery(devices.battery, `devices.microgrids.${mg}.battery`);
      for (const agent of choose(members, devices.battery.share, streams, `devices/battery/${mg}`))
        batteries.push({ agent, spec: devices.battery });
    }
    if (devices.ev !== undefined) {
      checkEv(devices.ev, `devices.microgrids.${mg}.ev`);
      if (options.sessions === undefined)
        for (const agent of choose(members, devices.ev.share, streams, `devices/ev/${mg}`))
          evAgents.push({ agent, spec: devices.ev });
    }
  });
  let evs: FleetParts["evs"][number][];
  if (options.sessions !== undefined) {
    const byAgent = new Map<number, EvSession[]>();
    for (const s of options.sessions) {
      const list = byAgent.get(s.agent) ?? [];
      list.push(s);
      byAgent.set(s.agent, list);
    }
    evs = [...byAgent.keys()]
      .sort((a, b) => a - b)
      .map((agent) => ({
        agent,
        spec: options.microgrids[profile.agents[agent]!.microgrid]?.ev ?? EV_DEFAULTS,
        sessions: byAgent.get(agent)!,
      }));
  } else {
    const usable = evAgents.map(({ agent, spec }) => ({
      agent,
      usableWh: (spec.socMax - spec.socMin) * spec.capacityKwh * 1000,
    }));
    const sessions = drawSessions(usable, profile, synthetic, streams);
    evs = evAgents.map((ev, i) => ({ ...ev, sessions: sessions[i]! }));
  }
  batteries.sort((x, y) => x.agent - y.agent);
  return new DeviceFleet({ agents: profile.agents.length, periodMs: profile.periodMs, batteries, evs });
}
