// The row of the scalability study, declared once: cell.ts measures one ScaleRow per cell and prints
// it as a JSON line; run.ts writes SCALE_COLUMNS of every row to results/scale/scale.arrow, in this
// order, with each column's unit and meaning as field metadata (docs/scale.md lists them).
import type { Columns } from "../io/arrow.js";

/** One cell: a ledger at one size, measured in its own process. NaN: the figure does not apply. */
export interface ScaleRow {
  ledger: string;
  /** Share of each microgrid's agents with a home battery (0: none). */
  batteryShare: number;
  microgrids: number;
  agentsPerMicrogrid: number;
  agents: number;
  periods: number;
  wallS: number;
  peakRssMb: number;
  events: number;
  transactions: number;
  txLatencyMeanS: number;
  txLatencyP95S: number;
  costPerBidUsd: number;
  /** Every ledger fee of the run (orders, clears, inter-microgrid messages), USD; NaN without a ledger. */
  feesUsd: number;
  missedOrders: number;
  missedWh: number;
  matchedLocalWh: number;
}

interface ScaleColumn {
  readonly name: string;
  readonly type: "str" | "i32" | "f64";
  readonly unit: string;
  readonly description: string;
  /** The column may hold NaN (written as null): a figure the cell does not have. */
  readonly nullable?: boolean;
  readonly of: (row: ScaleRow) => number | string;
}

export const SCALE_COLUMNS: readonly ScaleColumn[] = [
  { name: "ledger", type: "str", unit: "", description: "ledger plugin name", of: (r) => r.ledger },
  {
    name: "battery_share",
    type: "f64",
    unit: "",
    description: "share of each microgrid's agents with a home battery (0: none; docs/storage.md defaults)",
    nullable: true,
    of: (r) => r.batteryShare,
  },
  {
    name: "microgrids",
    type: "i32",
    unit: "",
    description: "microgrids of the cell",
    of: (r) => r.microgrids,
  },
  {
    name: "agents_per_microgrid",
    type: "i32",
    unit: "",
    description: "agents in each microgrid",
    of: (r) => r.agentsPerMicrogrid,
  },
  { name: "agents", type: "i32", unit: "", description: "agents of the cell", of: (r) => r.agents },
  {
    name: "periods",
    type: "i32",
    unit: "",
    description: "30-minute periods (336 a week)",
    of: (r) => r.periods,
  },
  {
    name: "wall_s",
    type: "f64",
    unit: "s",
    description: "wall time from building the profile to the end of the run",
    of: (r) => r.wallS,
  },
  {
    name: "peak_rss_mb",
    type: "f64",
    unit: "MiB",
    description: "peak resident memory of the cell's process",
    of: (r) => r.peakRssMb,
  },
  {
    name: "events",
    type: "f64",
    unit: "",
    description: "kernel events (agent rounds, ledger blocks, confirmations)",
    of: (r) => r.events,
  },
  {
    name: "events_per_s",
    type: "f64",
    unit: "1/s",
    description: "events / wall_s",
    of: (r) => r.events / r.wallS,
  },
  {
    name: "transactions",
    type: "f64",
    unit: "",
    description: "ledger transactions submitted (0 without a ledger)",
    of: (r) => r.transactions,
  },
  {
    name: "tx_latency_mean_s",
    type: "f64",
    unit: "s",
    description: "mean submit-to-confirm time of the confirmed orders",
    nullable: true,
    of: (r) => r.txLatencyMeanS,
  },
  {
    name: "tx_latency_p95_s",
    type: "f64",
    unit: "s",
    description: "95th percentile of the same (latency histogram, < 0.1 % low)",
    nullable: true,
    of: (r) => r.txLatencyP95S,
  },
  {
    name: "cost_per_bid_usd",
    type: "f64",
    unit: "USD",
    description: "mean fee of an executed order (confirmed or reverted)",
    nullable: true,
    of: (r) => r.costPerBidUsd,
  },
  {
    name: "fees_usd",
    type: "f64",
    unit: "USD",
    description: "every ledger fee of the run: orders, clears and inter-microgrid messages",
    nullable: true,
    of: (r) => r.feesUsd,
  },
  {
    name: "missed_orders",
    type: "f64",
    unit: "",
    description: "orders that never confirmed before their market closed",
    of: (r) => r.missedOrders,
  },
  {
    name: "missed_wh",
    type: "f64",
    unit: "Wh",
    description: "energy of the missed orders",
    of: (r) => r.missedWh,
  },
  {
    name: "matched_local_wh",
    type: "f64",
    unit: "Wh",
    description: "energy the microgrid auctions matched",
    of: (r) => r.matchedLocalWh,
  },
  {
    name: "cost_per_kwh_usd",
    type: "f64",
    unit: "USD/kWh",
    // The cells trade only inside microgrids (scenario "grid": no links between them).
    description: "fees_usd per kWh traded (matched_local_wh; the cells have no inter-microgrid links)",
    nullable: true,
    of: (r) => r.feesUsd / (r.matchedLocalWh / 1000),
  },
];

/** The Arrow columns of `rows` (NaN written as null where a column allows it). */
export function scaleColumns(rows: readonly ScaleRow[]): Columns {
  const columns: Columns = {};
  for (const c of SCALE_COLUMNS) {
    const info = { unit: c.unit, description: c.description, nullable: c.nullable ?? false };
    columns[c.name] =
      c.type === "str"
        ? { type: "str", values: rows.map((r) => String(c.of(r))), info }
        : { type: c.type, values: rows.map((r) => Number(c.of(r))), info };
  }
  return columns;
}

/**
 * A cell's JSON line as a row. JSON has no NaN: the cell writes null, read back as NaN. A cell kept
 * from before a column existed lacks it: the column reads NaN (null) for it.
 */
export function parseScaleRow(text: string): ScaleRow {
  return JSON.parse(text, (_key, value: unknown) => (value === null ? NaN : value)) as ScaleRow;
}
