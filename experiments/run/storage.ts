// The storage block of a scenario's summary: what the devices did to benefits, main-grid energy,
// peak import and self-sufficiency, beside the same config without devices and under each policy.
//
// Units: kWh, kW, %, pence. Benefits are over the scenario's involved agents (as the scenario's own
// benefit); main-grid energy, peak import and self-sufficiency are over the whole system (as the
// scenario's mainGridKwh): import = level-3 import plus forecast shortfalls, per period summed
// over microgrids. Self-sufficiency = 100 (1 - import / consumption), consumption being the
// households' load plus what their devices charged.
import { benefitOf, emptyTotals, type Totals } from "../../sim/metrics/index.js";
import type { Profile } from "../../sim/data/index.js";
import type { RunConfig } from "../config/schema.js";
import type { ScenarioRun, StorageFigures } from "./types.js";

export type { StorageFigures, StorageSummary } from "./types.js";

const sum = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
};

/** The storage figures of one run of `config` on `profile`. */
export function storageFigures(
  run: ScenarioRun,
  config: RunConfig,
  profile: Profile,
  policy: string | null,
): StorageFigures {
  const { pgs, pgb } = config.limits;
  const involved = new Set(run.scenario.involved);
  const totals = emptyTotals();
  const src = run.recorder.totals;
  profile.agents.forEach((agent, a) => {
    if (!involved.has(agent.microgrid)) return;
    for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += src[key][a]!;
  });
  const benefit = benefitOf(totals, pgs, pgb);
  const rows = run.recorder.periods;
  const microgrids = profile.microgrids.length;
  let importWh = 0;
  let exportWh = 0;
  let peakWh = 0;
  for (let i = 0; i < rows.period.length; i += microgrids) {
    let periodImport = 0;
    for (let m = i; m < i + microgrids; m++) {
      periodImport += rows.gridImportWh[m]! + rows.imbalanceImportWh[m]!;
      exportWh += rows.gridExportWh[m]! + rows.imbalanceExportWh[m]!;
    }
    importWh += periodImport;
    peakWh = Math.max(peakWh, periodImport);
  }
  const devices = run.recorder.devices;
  const storage = devices?.rows;
  const chargeWh = storage === undefined ? 0 : sum(storage.chargeWh);
  const consumptionWh = sum(rows.loadWh) + chargeWh;
  const periodHours = profile.periodMs / 3_600_000;
  return {
    policy,
    producerBenefitPct: benefit.producerPct,
    consumerBenefitPct: benefit.consumerPct,
    totalBenefitGbp: benefit.totalGbp,
    mainGridImportKwh: importWh / 1000,
    mainGridExportKwh: exportWh / 1000,
    mainGridKwh: (importWh + exportWh) / 1000,
    peakImportKw: peakWh / 1000 / periodHours,
    selfSufficiencyPct: consumptionWh > 0 ? 100 * (1 - importWh / consumptionWh) : Number.NaN,
    chargeKwh: chargeWh / 1000,
    dischargeKwh: storage === undefined ? 0 : sum(storage.dischargeWh) / 1000,
    lossesKwh: storage === undefined ? 0 : sum(storage.lossWh) / 1000,
    evUnmetKwh: storage === undefined ? 0 : sum(storage.evUnmetWh) / 1000,
    degradationP: devices === undefined ? 0 : sum(devices.totals.degradationP),
  };
}
