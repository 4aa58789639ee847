// Carbon intensity of the electricity a ledger's nodes draw, and what a run's settlement costs in
// energy and CO2 per kWh of energy traded.
//
// Assumptions and units (gCO2e per kWh of electricity, Wh, kWh):
// - A ledger's energy per transaction is its network's energy divided by its transactions (an
//   attributional share, as every published per-transaction figure is); the CO2 of a transaction is
//   that energy times the intensity of the electricity the network draws.
// - Where an analysis of the network's own electricity exists (Ethereum: CCRI 2022, CCAF 2023) its
//   implied intensity (emissions / electricity) is used; elsewhere the world-average intensity of
//   electricity generation (Ember) is used and labelled an assumption. docs/ledger.md lists them.

/** gCO2e per kWh of a ledger network's electricity, and where the figure comes from (dated). */
export interface CarbonIntensity {
  readonly gPerKwh: number;
  readonly source: string;
}

/** An intensity from a study's emissions (t CO2e a year) over its electricity (MWh a year). */
function fromStudy(tonnes: number, mwh: number, study: string): CarbonIntensity {
  const gPerKwh = (tonnes * 1e6) / (mwh * 1e3);
  return { gPerKwh, source: `${study} = ${Math.round(gPerKwh)} g/kWh` };
}

/** The published figures the built-in ledgers use. */
export const CARBON = Object.freeze({
  /** CCRI (15 Sep 2022): Ethereum before the Merge, over 11 Mt CO2e on ~23 TWh a year. */
  ethereumPow: fromStudy(
    11.0e6,
    23e6,
    "CCRI, Ethereum before the Merge (Sep 2022): 11.0 Mt CO2e over 23 TWh a year",
  ),
  /** CCRI (15 Sep 2022): Ethereum after the Merge, under 870 t CO2e on 2,600 MWh a year. */
  ethereumMerge: fromStudy(
    870,
    2_600,
    "CCRI, Ethereum after the Merge (Sep 2022): 870 t CO2e over 2,600 MWh a year",
  ),
  /** CCAF, Cambridge Blockchain Network Sustainability Index (1 Dec 2023): 2.8 kt CO2e on 7.50 GWh a year. */
  ethereumPos: fromStudy(
    2_800,
    7_500,
    "CCAF, Ethereum proof of stake (Dec 2023): 2.8 kt CO2e over 7.50 GWh a year",
  ),
  /** Ember, Global Electricity Review 2023 (Apr 2023): world electricity generation in 2022. */
  world: {
    gPerKwh: 436,
    source:
      "assumption: the world-average intensity of electricity generation, 436 g/kWh in 2022 (Ember, Global Electricity Review, Apr 2023); no published figure for this network",
  },
} satisfies Record<string, CarbonIntensity>);

/** What settling a run's trades cost the ledger's network. */
export interface SettlementFootprint {
  /** Energy the ledger spent on the run's transactions (Wh). */
  energyWh: number;
  /** Its emissions (g CO2e). */
  co2g: number;
  /** Energy traded between peers (levels 1 and 2), kWh: what the transactions settled. */
  tradedKwh: number;
  /** Ledger Wh per kWh traded; NaN when nothing was traded. */
  whPerKwhTraded: number;
  /** g CO2e per kWh traded; NaN when nothing was traded. */
  gCo2PerKwhTraded: number;
}

/** The footprint of `energyWh` of ledger electricity settling `tradedKwh` of peer energy. */
export function settlementFootprint(
  energyWh: number,
  tradedKwh: number,
  carbon: CarbonIntensity,
): SettlementFootprint {
  const co2g = (energyWh / 1000) * carbon.gPerKwh;
  return {
    energyWh,
    co2g,
    tradedKwh,
    whPerKwhTraded: tradedKwh > 0 ? energyWh / tradedKwh : NaN,
    gCo2PerKwhTraded: tradedKwh > 0 ? co2g / tradedKwh : NaN,
  };
}
