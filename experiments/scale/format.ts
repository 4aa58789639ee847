// The terminal lines of `make scale`: one per cell, and the fitted slopes as a small table. Figures
// a cell does not have (the instant ledger has no transactions) read "n/a", never "NaN".

/** What a line needs of a scale cell. */
export interface CellFigures {
  ledger: string;
  /** Share of agents with a home battery (0 or absent: none). */
  batteryShare?: number;
  agents: number;
  wallS: number;
  peakRssMb: number;
  events: number;
  txLatencyMeanS: number;
  missedOrders: number;
}

/** `x` to `digits` decimals, or "n/a" when it is not a finite number. */
export function fixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "n/a";
}

/** Events per second in M or k, three significant figures. */
function rate(perS: number): string {
  if (!Number.isFinite(perS)) return "n/a";
  return perS >= 1e6 ? `${(perS / 1e6).toPrecision(3)} M` : `${(perS / 1e3).toPrecision(3)} k`;
}

export function cellLine(row: CellFigures): string {
  const perTx = Number.isFinite(row.txLatencyMeanS)
    ? `${fixed(row.txLatencyMeanS, 1)} s a tx`
    : "no ledger tx";
  const missed = Number.isFinite(row.missedOrders) ? String(row.missedOrders) : "n/a";
  return (
    `${row.ledger.padEnd(18)}${(row.batteryShare ?? 0) > 0 ? ` + batteries ${row.batteryShare}` : ""}${String(row.agents).padStart(8)} agents: ${fixed(row.wallS, 1)} s, ${fixed(row.peakRssMb, 0)} MB, ` +
    `${rate(row.events / row.wallS)} events/s, ${perTx}, ${missed} orders missed`
  );
}

/** The fitted log-log slopes (wall time against agents) per ledger as an aligned table. */
export function slopeTable(
  slopes: Readonly<Record<string, number>>,
  fittedOn: Readonly<Record<string, string>>,
): string {
  const head = ["ledger", "slope", "fitted on"];
  const rows = Object.entries(slopes).map(([ledger, m]) => [ledger, fixed(m, 2), fittedOn[ledger] ?? ""]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => r[i]!.length)) + 2);
  const line = (r: string[]) =>
    r
      .map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c))
      .join("")
      .trimEnd();
  return [
    "fitted log-log slope of wall time against agents (1 = linear; n/a: fewer than two cells):",
    ...[head, ...rows].map(line),
  ].join("\n");
}
