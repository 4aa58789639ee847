// Energy per ledger transaction, with the paper's IOTA unit erratum surfaced (docs/errata.md, erratum 4).
//
// Assumptions and units: Wh per transaction; 1 Wh = 3600 J.
// - IOTA, three readings of Table I's "3.93 nWh":
//   "printed":   3.93e-9 Wh as printed = 14.1 uJ (the paper's default reading here);
//   "kWh":       3.93e-9 kWh = 3.93e-6 Wh = 14.1 mJ (the likely intended unit);
//   "iota-2022": the IOTA Foundation's 2022 IOTA 2.0 measurement, 6.78 mJ per transaction
//                (50 messages/s, no proof of work) = 1.883e-6 Wh, a third reference point.
// - Ethereum: 238.22 kWh per transaction under proof of work (the paper, mid-2022 estimates);
//   0.03 kWh after the Merge (proof of stake; Digiconomist's Ethereum Energy Consumption Index,
//   Oct 2022; docs/ledger.md).

export type IotaEnergyReading = "printed" | "kWh" | "iota-2022";

export interface EnergyFigure {
  /** Wh per transaction. */
  wh: number;
  /** Joules per transaction. */
  joules: number;
  note: string;
}

const J_PER_WH = 3600;

export const IOTA_ENERGY_WH: Readonly<Record<IotaEnergyReading, number>> = {
  printed: 3.93e-9,
  kWh: 3.93e-9 * 1000,
  "iota-2022": 6.78e-3 / J_PER_WH,
};

const IOTA_NOTES: Readonly<Record<IotaEnergyReading, string>> = {
  printed: "Table I as printed: 3.93 nWh = 3.93e-9 Wh (14 uJ)",
  kWh: "Table I read as 3.93e-9 kWh (14 mJ), the likely intended unit (docs/errata.md, erratum 4)",
  "iota-2022": "IOTA Foundation 2022 measurement: 6.78 mJ per transaction at 50 msg/s without PoW",
};

/** One line naming the reading a model charges: its figure per transaction and where it comes from. */
export function iotaEnergyReading(reading: IotaEnergyReading): string {
  const wh = IOTA_ENERGY_WH[reading];
  return `${(wh / 1000).toPrecision(3)} kWh (${wh.toPrecision(3)} Wh) per transaction, reading "${reading}": ${IOTA_NOTES[reading]}`;
}

/** All three readings of the IOTA energy per transaction, for reports that must show the erratum. */
export function iotaEnergyReadings(): Record<IotaEnergyReading, EnergyFigure> {
  const out = {} as Record<IotaEnergyReading, EnergyFigure>;
  for (const r of Object.keys(IOTA_ENERGY_WH) as IotaEnergyReading[]) {
    const wh = IOTA_ENERGY_WH[r];
    out[r] = { wh, joules: wh * J_PER_WH, note: IOTA_NOTES[r] };
  }
  return out;
}

export type EthereumEra = "pow" | "pos";

/** Ethereum energy per transaction, Wh, by consensus era. */
export const ETHEREUM_ENERGY_WH: Readonly<Record<EthereumEra, number>> = {
  pow: 238.22e3,
  pos: 0.03e3,
};

const ETHEREUM_NOTES: Readonly<Record<EthereumEra, string>> = {
  pow: "proof of work, the paper's Table I figure (mid-2022 estimates); no alternative reading",
  pos: "proof of stake after the Merge, Digiconomist's estimate (Oct 2022); no alternative reading",
};

/** One line naming the energy figure an Ethereum model charges per transaction (`wh`: its config's). */
export function ethereumEnergyReading(era: EthereumEra, wh: number, presetSource = ""): string {
  const source =
    wh === ETHEREUM_ENERGY_WH[era]
      ? ETHEREUM_NOTES[era]
      : presetSource !== ""
        ? presetSource
        : "set in the ledger's options";
  return `${Number((wh / 1000).toPrecision(5))} kWh per transaction: ${source}`;
}
