// Ledger faults: from the config's friendly form (microgrid names, hours) to the ledgers' schedule
// (chain indices, ms), and what each fault did to the market.
import type { Profile } from "../../sim/data/index.js";
import {
  iotaConfig,
  ledgerNames,
  ledgerPlugin,
  validateFaults,
  type DeepPartial,
  type Fault,
  type FaultSchedule,
  type IotaConfig,
} from "../../sim/ledger/index.js";
import { InputError } from "../cli/errors.js";
import type { RunConfig } from "../config/schema.js";
import type { ScenarioRun } from "./types.js";

const HOUR_MS = 3_600_000;

/** Refuses a fault that cannot act: after the run's end, or on no ledger of the run. */
function checkFaultActs(
  config: RunConfig,
  profile: Profile,
  f: RunConfig["faults"][number],
  i: number,
): void {
  const endHour = (profile.periods * profile.periodMs) / HOUR_MS;
  if (f.fromHour >= endHour)
    throw new InputError(`faults[${i}].fromHour: ${f.fromHour} is at or after the run's end (${endHour} h)`);
  const affected = config.ledgers.filter((name) => ledgerPlugin(name).faultKinds?.includes(f.kind) === true);
  if (affected.length === 0) {
    const able = ledgerNames().filter((name) => ledgerPlugin(name).faultKinds?.includes(f.kind) === true);
    throw new InputError(
      `faults[${i}].kind: "${f.kind}" acts on ${able.length === 0 ? "no registered ledger" : able.join(", ")}, none of which is in "ledgers" (${config.ledgers.join(", ")})`,
    );
  }
}

export function faultSchedule(config: RunConfig, profile: Profile): FaultSchedule {
  const faults = config.faults.map((f, i): Fault => {
    checkFaultActs(config, profile, f, i);
    const fromMs = Math.round(f.fromHour * HOUR_MS);
    const toMs = f.toHour === undefined ? Infinity : Math.round(f.toHour * HOUR_MS);
    if (toMs < fromMs) throw new InputError(`faults[${i}]: toHour must not be before fromHour`);
    if (f.kind === "sequencer-down") return { kind: f.kind, fromMs, toMs };
    if (f.kind !== "wasp-node-down") return { kind: f.kind, fromMs, toMs, multiplier: f.multiplier };
    const chain = profile.microgrids.indexOf(f.microgrid);
    if (chain < 0)
      throw new InputError(
        `faults[${i}].microgrid: unknown microgrid "${f.microgrid}" (known: ${profile.microgrids.join(", ")})`,
      );
    return { kind: f.kind, chain, node: f.node, fromMs, toMs };
  });
  const chains = profile.microgrids.length;
  const committee = iotaConfig({ chains, ...(config.iota as DeepPartial<IotaConfig>) }).wasp.committeeSize;
  try {
    validateFaults({ faults }, chains, committee);
  } catch (error) {
    throw new InputError(error instanceof Error ? error.message : String(error));
  }
  return { faults };
}

export interface FaultEffect {
  fault: number;
  kind: string;
  fromHour: number;
  toHour: number | null;
  microgrids: string[];
  /** (period, microgrid) pairs inside the window, and those in which some order never confirmed. */
  periods: number;
  periodsWithMissedOrders: number;
  /** Energy of orders that never confirmed in those periods, settled through the hierarchy (kWh). */
  missedKwh: number;
  /** The ledger's own attribution: transactions that waited on the fault. */
  transactionsAffected: number;
  transactionsMissedDeadline: number;
}

/** What each fault of the schedule did in one run (empty for the instant ledger). */
export function faultEffects(run: ScenarioRun, schedule: FaultSchedule, profile: Profile): FaultEffect[] {
  const model = run.ledgerModel;
  if (model === undefined) return [];
  const impacts = new Map(model.faultImpacts().map((f) => [f.fault, f]));
  const rows = run.recorder.periods;
  return schedule.faults.flatMap((f, i) => {
    const impact = impacts.get(i);
    if (impact === undefined) return []; // the fault does not apply to this ledger
    const mgs = f.kind === "wasp-node-down" ? [f.chain] : profile.microgrids.map((_, m) => m);
    let periods = 0;
    let withMissed = 0;
    let missedWh = 0;
    for (let k = 0; k < rows.period.length; k++) {
      const start = rows.period[k]! * profile.periodMs;
      if (start >= f.toMs || start + profile.periodMs <= f.fromMs || !mgs.includes(rows.microgrid[k]!))
        continue;
      periods++;
      if (rows.missedOrders[k]! > 0) withMissed++;
      missedWh += rows.missedWh[k]!;
    }
    return [
      {
        fault: i,
        kind: f.kind,
        fromHour: f.fromMs / HOUR_MS,
        toHour: Number.isFinite(f.toMs) ? f.toMs / HOUR_MS : null,
        microgrids: mgs.map((m) => profile.microgrids[m]!),
        periods,
        periodsWithMissedOrders: withMissed,
        missedKwh: missedWh / 1000,
        transactionsAffected: impact.affected,
        transactionsMissedDeadline: impact.missedDeadline,
      },
    ];
  });
}
