// Beyond the paper: its first future-work item, energy storage, on the paper's three microgrids.
// Two parts, on every dataset of the reproduction, instant confirmation, the config's seed:
// - "devices": batteries and EVs at the defaults of docs/storage.md (half the agents with a
//   battery, 30 % with an EV), scenarios grid and all, every registered device policy beside the
//   same config without devices;
// - "sweep": batteries only, the share of agents with one from 0 to 100 % and two sizes, scenario
//   all, every policy.
// Each run computes every policy at once (the config's `devices.compare`), so a row per policy
// comes from one run per setting. Figures are the summary's storage block (experiments/run/storage.ts).
import { dirname, join, resolve } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { BATTERY_DEFAULTS, devicePolicies, EV_DEFAULTS } from "../../sim/devices/index.js";
import { parseRunConfig } from "../config/load.js";
import { dictOf, schemaColumns, writeTableFiles } from "../io/arrow.js";
import { jsonText, writeFileAtomic } from "../io/atomic.js";
import { readJsonFile } from "../io/json.js";
import { BEYOND } from "../readings/schema.js";
import { renderSvg, type OverviewStorageRow } from "../report/index.js";
import type { Dataset } from "./replicate.js";
import { simulate } from "./simulate.js";
import { buildSummary } from "./report-data.js";
import type { StorageFigures } from "./types.js";

/** Battery shares and sizes of the sweep. */
export const BEYOND_SHARES = [0, 0.25, 0.5, 0.75, 1] as const;
export const BEYOND_SIZES_KWH = [5, BATTERY_DEFAULTS.capacityKwh] as const;

/** One row of beyond.arrow: the overview's storage row with its part and battery size. */
export interface BeyondRow extends OverviewStorageRow {
  part: "devices" | "sweep";
  batteryKwh: number;
}

/** One setting of the devices run on a dataset. */
interface Setting {
  part: BeyondRow["part"];
  scenarios: string[];
  batteryShare: number;
  batteryKwh: number;
  evShare: number;
}

/** The devices section of a setting: every registered policy, the first as the run's own. */
function devicesOf(s: Setting): Record<string, unknown> {
  const [policy, ...compare] = devicePolicies.names();
  return {
    policy,
    compare,
    battery: { share: s.batteryShare, capacityKwh: s.batteryKwh },
    ...(s.evShare > 0 ? { ev: { share: s.evShare } } : {}),
  };
}

function rowOf(d: Dataset, s: Setting, scenario: string, f: StorageFigures): BeyondRow {
  return {
    dataset: d.id,
    part: s.part,
    scenario,
    batteryShare: s.batteryShare,
    batteryKwh: s.batteryKwh,
    evShare: s.evShare,
    policy: f.policy ?? "none",
    producerBenefitPct: f.producerBenefitPct,
    consumerBenefitPct: f.consumerBenefitPct,
    mainGridKwh: f.mainGridKwh,
    peakImportKw: f.peakImportKw,
    selfSufficiencyPct: f.selfSufficiencyPct,
    lossesKwh: f.lossesKwh,
    evUnmetKwh: f.evUnmetKwh,
  };
}

/** The rows of one setting on one dataset: without devices, then each policy, per scenario. */
function runSetting(d: Dataset, s: Setting): BeyondRow[] {
  const raw = readJsonFile(d.config) as Record<string, unknown>;
  const config = parseRunConfig(
    { ...raw, ledgers: ["ideal"], scenarios: s.scenarios, devices: devicesOf(s) },
    d.config,
  );
  const summary = buildSummary(simulate(config, dirname(resolve(d.config))));
  return summary.scenarios.flatMap((sc) =>
    sc.storage === undefined
      ? []
      : [sc.storage.withoutStorage, ...sc.storage.policies].map((f) => rowOf(d, s, sc.scenario, f)),
  );
}

/** The settings run on every dataset: the devices part, then the sweep. */
export function beyondSettings(): Setting[] {
  const devices: Setting = {
    part: "devices",
    scenarios: ["grid", "all"],
    batteryShare: BATTERY_DEFAULTS.share,
    batteryKwh: BATTERY_DEFAULTS.capacityKwh,
    evShare: EV_DEFAULTS.share,
  };
  const sweep = BEYOND_SIZES_KWH.flatMap((batteryKwh) =>
    BEYOND_SHARES.map((batteryShare): Setting => ({
      part: "sweep",
      scenarios: ["all"],
      batteryShare,
      batteryKwh,
      evShare: 0,
    })),
  );
  return [devices, ...sweep];
}

/** Every row of both parts on every dataset, in dataset then setting order. */
export function beyondRows(
  datasets: readonly Dataset[],
  onProgress: (done: number, total: number) => void = () => {},
): BeyondRow[] {
  const settings = beyondSettings();
  const total = datasets.length * settings.length;
  const rows: BeyondRow[] = [];
  let done = 0;
  for (const d of datasets)
    for (const s of settings) {
      rows.push(...runSetting(d, s));
      onProgress(++done, total);
    }
  return rows;
}

/** Main-grid energy against battery share: a line per policy and size, a panel per dataset. */
export function beyondSpec(rows: readonly BeyondRow[]): TopLevelSpec {
  const values = rows
    .filter((r) => r.part === "sweep")
    .map((r) => ({
      dataset: r.dataset,
      share: r.batteryShare * 100,
      size: `${r.batteryKwh} kWh`,
      policy: r.policy,
      mainGridKwh: r.mainGridKwh,
      selfSufficiencyPct: r.selfSufficiencyPct,
    }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: {
      text: "Batteries in the paper's microgrids: main-grid energy against penetration",
      subtitle: "Scenario all, instant confirmation; 'none': the same runs without devices",
    },
    data: { values },
    facet: { column: { field: "dataset", type: "nominal", title: null } },
    spec: {
      width: 300,
      height: 220,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "share", type: "quantitative", title: "agents with a battery (%)" },
        y: { field: "mainGridKwh", type: "quantitative", title: "main-grid energy (kWh, a week)" },
        color: { field: "policy", type: "nominal", title: "policy" },
        strokeDash: { field: "size", type: "nominal", title: "battery" },
        tooltip: [
          { field: "policy" },
          { field: "size" },
          { field: "share", title: "share %" },
          { field: "mainGridKwh", format: ",.1f" },
          { field: "selfSufficiencyPct", format: ".1f" },
        ],
      },
    },
    resolve: { scale: { y: "independent" } },
  };
}

/** Writes beyond.arrow (+ .parquet), beyond.json and the chart into `dir`; returns the chart's SVG. */
export async function writeBeyond(dir: string, rows: readonly BeyondRow[]): Promise<string> {
  const f = (pick: (r: BeyondRow) => number) => Float64Array.from(rows, pick);
  writeTableFiles(join(dir, BEYOND.file), [
    schemaColumns(BEYOND, {
      dataset: dictOf(rows.map((r) => r.dataset)),
      part: dictOf(rows.map((r) => r.part)),
      scenario: dictOf(rows.map((r) => r.scenario)),
      battery_share: f((r) => r.batteryShare),
      battery_kwh: f((r) => r.batteryKwh),
      ev_share: f((r) => r.evShare),
      policy: dictOf(rows.map((r) => r.policy)),
      producer_benefit_pct: f((r) => r.producerBenefitPct),
      consumer_benefit_pct: f((r) => r.consumerBenefitPct),
      main_grid_kwh: f((r) => r.mainGridKwh),
      peak_import_kw: f((r) => r.peakImportKw),
      self_sufficiency_pct: f((r) => r.selfSufficiencyPct),
      losses_kwh: f((r) => r.lossesKwh),
      ev_unmet_kwh: f((r) => r.evUnmetKwh),
    }),
  ]);
  writeFileAtomic(join(dir, "beyond.json"), jsonText(rows));
  const spec = beyondSpec(rows);
  writeFileAtomic(join(dir, "beyond.vl.json"), jsonText(spec));
  const svg = await renderSvg(spec);
  writeFileAtomic(join(dir, "beyond.svg"), svg);
  return svg;
}
