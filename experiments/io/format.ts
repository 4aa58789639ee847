// Number formatting shared by the terminal tables, the generated docs and the report pages.

/** Three significant figures without trailing zeros ("n/a" for NaN or an infinity). */
export function sig3(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : "n/a";
}
