// Category orders and labels shared by the charts. Sorting never uses the locale (localeCompare
// depends on the ICU build), so the same input gives the same order on every machine.
import { PAPER_SCENARIOS as PAPER_ORDER } from "../../sim/grid/index.js";
import { MICROGRID_PALETTE } from "./theme.js";

/** Scenario ids in the paper's order (Figs. 11-14): scenario 1, the three pairs, scenario 3. */
export const PAPER_SCENARIOS: readonly string[] = PAPER_ORDER;

const SCENARIO_LABELS: Readonly<Record<string, string>> = { grid: "Grid", all: "All" };

export function scenarioLabel(id: string): string {
  return SCENARIO_LABELS[id] ?? id;
}

/** Vega expression turning a scenario id into its display label (axis labelExpr). */
export function scenarioLabelExpr(): string {
  const cases = Object.entries(SCENARIO_LABELS).map(
    ([id, label]) => `datum.value === ${JSON.stringify(id)} ? ${JSON.stringify(label)} : `,
  );
  return `${cases.join("")}datum.value`;
}

/** Known scenarios in the paper's order, then any others in code-point order. */
export function orderScenarios(ids: Iterable<string>): string[] {
  const unique = [...new Set(ids)];
  const known = PAPER_SCENARIOS.filter((id) => unique.includes(id));
  const others = unique.filter((id) => !PAPER_SCENARIOS.includes(id)).sort(compareCodePoints);
  return [...known, ...others];
}

/** Names ordered with digit runs compared as numbers, so MG2 comes before MG10. */
export function orderNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort(compareNatural);
}

export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNatural(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? "";
    const y = pb[i] ?? "";
    const bothDigits = /^\d/.test(x) && /^\d/.test(y);
    const c = bothDigits ? Number(x) - Number(y) || compareCodePoints(x, y) : compareCodePoints(x, y);
    if (c !== 0) return c;
  }
  return pa.length - pb.length || compareCodePoints(a, b);
}

/** Colours for an ordered list of microgrids: "MGn" keeps colour n whatever else is present. */
export function microgridColours(ordered: readonly string[]): string[] {
  return ordered.map((name, index) => {
    const m = /^MG(\d+)$/.exec(name);
    const slot = m ? Number(m[1]) - 1 : index;
    const n = MICROGRID_PALETTE.length;
    return MICROGRID_PALETTE[((slot % n) + n) % n] ?? "#000000";
  });
}
