// Records of a run's devices: one row per (period, microgrid) of storage.arrow's stored columns,
// and running totals per battery and per EV for devices.arrow.
//
// Units: Wh, p. Sums over a microgrid's devices are in device order (batteries, then EVs, each in
// agent order), so the same run gives the same doubles.
import { GrowableColumns } from "../kernel/index.js";
import type { DeviceFleet } from "../devices/index.js";
import type { PeriodOutcome } from "../grid/index.js";
import { STORAGE, storedKinds, type StoredColumns } from "./schema.js";

/** The (period, microgrid) rows: storage.arrow's stored columns. */
export type StorageRows = StoredColumns<typeof STORAGE>;

const STORAGE_KINDS = storedKinds(STORAGE);

/** Running totals per battery (index b of the fleet) and per EV (index e). */
export interface DeviceTotals {
  batteryChargeWh: Float64Array;
  batteryDischargeWh: Float64Array;
  batteryLossWh: Float64Array;
  degradationP: Float64Array;
  evChargeWh: Float64Array;
  evDischargeWh: Float64Array;
  evLossWh: Float64Array;
  evArrivedWh: Float64Array;
  evDepartedWh: Float64Array;
  evUnmetWh: Float64Array;
}

export class DeviceRecorder {
  /** The fleet the rows describe (its stored energy is the state after the last recorded period). */
  readonly fleet: DeviceFleet;
  readonly totals: DeviceTotals;
  readonly #rows = new GrowableColumns(STORAGE_KINDS);
  readonly #microgrids: number;
  readonly #microgridOf: Int32Array;
  /** Per microgrid, the batteries' capacity (Wh). */
  readonly #capacity: Float64Array;
  /** Per microgrid scratch sums, one array per stored energy column. */
  readonly #sums: Record<
    | "batteryStoredWh"
    | "evStoredWh"
    | "evsHome"
    | "chargeWh"
    | "dischargeWh"
    | "evChargeWh"
    | "evDischargeWh"
    | "lossWh"
    | "evArrivedWh"
    | "evDepartedWh"
    | "evUnmetWh",
    Float64Array
  >;

  constructor(fleet: DeviceFleet, microgridOf: Int32Array, microgrids: number) {
    this.fleet = fleet;
    this.#microgridOf = Int32Array.from(microgridOf);
    this.#microgrids = microgrids;
    const f = (n: number) => new Float64Array(n);
    this.totals = {
      batteryChargeWh: f(fleet.batteries),
      batteryDischargeWh: f(fleet.batteries),
      batteryLossWh: f(fleet.batteries),
      degradationP: f(fleet.batteries),
      evChargeWh: f(fleet.evs),
      evDischargeWh: f(fleet.evs),
      evLossWh: f(fleet.evs),
      evArrivedWh: f(fleet.evs),
      evDepartedWh: f(fleet.evs),
      evUnmetWh: f(fleet.evs),
    };
    this.#capacity = f(microgrids);
    for (let b = 0; b < fleet.batteries; b++)
      this.#capacity[this.#microgridOf[fleet.batteryAgent[b]!]!]! += fleet.batteryCapacityWh[b]!;
    this.#sums = {
      batteryStoredWh: f(microgrids),
      evStoredWh: f(microgrids),
      evsHome: f(microgrids),
      chargeWh: f(microgrids),
      dischargeWh: f(microgrids),
      evChargeWh: f(microgrids),
      evDischargeWh: f(microgrids),
      lossWh: f(microgrids),
      evArrivedWh: f(microgrids),
      evDepartedWh: f(microgrids),
      evUnmetWh: f(microgrids),
    };
  }

  /** The (period, microgrid) rows (views: valid until the next period is recorded). */
  get rows(): StorageRows {
    return this.#rows.views();
  }

  period(o: PeriodOutcome): void {
    const fleet = this.fleet;
    const s = this.#sums;
    for (const column of Object.values(s)) column.fill(0);
    const t = this.totals;
    const mgOf = this.#microgridOf;
    for (let b = 0; b < fleet.batteries; b++) {
      const m = mgOf[fleet.batteryAgent[b]!]!;
      const c = fleet.batteryChargeWh[b]!;
      const d = fleet.batteryDischargeWh[b]!;
      const loss = fleet.batteryLossWh[b]!;
      s.batteryStoredWh[m]! += fleet.batteryStoredWh[b]!;
      s.chargeWh[m]! += c;
      s.dischargeWh[m]! += d;
      s.lossWh[m]! += loss;
      t.batteryChargeWh[b]! += c;
      t.batteryDischargeWh[b]! += d;
      t.batteryLossWh[b]! += loss;
      t.degradationP[b]! += ((c + d) * fleet.batteryDegradation[b]!) / 1000;
    }
    for (let e = 0; e < fleet.evs; e++) {
      const m = mgOf[fleet.evAgent[e]!]!;
      const c = fleet.evChargeWh[e]!;
      const d = fleet.evDischargeWh[e]!;
      const loss = fleet.evLossWh[e]!;
      s.evStoredWh[m]! += fleet.evStoredWh[e]!;
      s.evsHome[m]! += fleet.evHome[e]!;
      s.chargeWh[m]! += c;
      s.dischargeWh[m]! += d;
      s.evChargeWh[m]! += c;
      s.evDischargeWh[m]! += d;
      s.lossWh[m]! += loss;
      s.evArrivedWh[m]! += fleet.evArrivedWh[e]!;
      s.evDepartedWh[m]! += fleet.evDepartedWh[e]!;
      s.evUnmetWh[m]! += fleet.evUnmetWh[e]!;
      t.evChargeWh[e]! += c;
      t.evDischargeWh[e]! += d;
      t.evLossWh[e]! += loss;
      t.evArrivedWh[e]! += fleet.evArrivedWh[e]!;
      t.evDepartedWh[e]! += fleet.evDepartedWh[e]!;
      t.evUnmetWh[e]! += fleet.evUnmetWh[e]!;
    }
    const rows = this.#rows;
    const n = this.#microgrids;
    rows.reserve(n);
    const r = rows.data;
    for (let m = 0; m < n; m++) {
      const k = rows.length + m;
      r.period[k] = o.period;
      r.microgrid[k] = m;
      r.batteryStoredWh[k] = s.batteryStoredWh[m]!;
      const cap = this.#capacity[m]!;
      r.batterySocPct[k] = cap > 0 ? (100 * s.batteryStoredWh[m]!) / cap : Number.NaN;
      r.evStoredWh[k] = s.evStoredWh[m]!;
      r.evsHome[k] = s.evsHome[m]!;
      r.chargeWh[k] = s.chargeWh[m]!;
      r.dischargeWh[k] = s.dischargeWh[m]!;
      r.evChargeWh[k] = s.evChargeWh[m]!;
      r.evDischargeWh[k] = s.evDischargeWh[m]!;
      r.lossWh[k] = s.lossWh[m]!;
      r.evArrivedWh[k] = s.evArrivedWh[m]!;
      r.evDepartedWh[k] = s.evDepartedWh[m]!;
      r.evUnmetWh[k] = s.evUnmetWh[m]!;
    }
    rows.length += n;
  }
}
