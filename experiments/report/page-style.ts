// Stylesheet of the report page. Uses installed fonts only (no @font-face): the page must open
// offline, and the charts name the same family the PNGs were rendered with.

export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6570; --rule: #d8dde3; --band: #f5f7f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #ffffff; line-height: 1.5;
  font-family: "DejaVu Sans", "Segoe UI", system-ui, -apple-system, Helvetica, Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 1.75rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 28px 0 8px; }
p.lede, figcaption, .muted { color: var(--muted); }
nav { margin: 12px 0 0; font-size: 0.92rem; }
nav a { margin-right: 14px; color: #0b5cad; text-decoration: none; }
nav a:hover { text-decoration: underline; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; margin: 0; }
.headline div { min-width: 0; overflow-wrap: anywhere; background: var(--band); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; }
.headline dt { font-size: 0.85rem; color: var(--muted); }
.headline dd { margin: 2px 0 0; font-size: 1.35rem; font-weight: bold; font-variant-numeric: tabular-nums; }
figure { margin: 24px 0 32px; }
figure { min-width: 0; }
figure .chart { width: 100%; max-width: 100%; overflow-x: auto; min-height: 120px; }
figure .chart:not(.fixed) svg { display: block; max-width: 100%; height: auto; }
figure .chart[data-error] { border: 2px solid #b42318; padding: 8px; }
figcaption { font-size: 0.9rem; margin-top: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; margin: 8px 0 16px; }
th, td { border: 1px solid var(--rule); padding: 6px 10px; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num { font-variant-numeric: tabular-nums; }
.table1 td.num { white-space: nowrap; }
.table-scroll, .scroll { max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; }
.table-scroll table { margin: 0; }
.table-scroll { margin: 8px 0 16px; }
td, th { overflow-wrap: anywhere; }
code { overflow-wrap: anywhere; }
td.holds { font-weight: bold; white-space: nowrap; text-align: center; }
td.holds.yes { background: #e3f4e8 !important; color: #14632f; }
td.holds.identity { background: #eef2f6 !important; color: #333333; }
td.holds.no { background: #fbe4e4 !important; color: #9b1c1c; }
details { margin: 8px 0; max-width: 100%; overflow-x: auto; }
summary { cursor: pointer; color: #0b5cad; }
pre { background: var(--band); border: 1px solid var(--rule); border-radius: 6px; padding: 12px; overflow-x: auto;
  font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.82rem; line-height: 1.4; }
#report-errors { border: 2px solid #b42318; background: #fdf0ef; border-radius: 6px; padding: 8px 16px; margin: 16px 0; }
#report-errors h2 { border: 0; margin: 4px 0; color: #b42318; }
@media (max-width: 640px) {
  main { padding: 16px 12px 48px; }
  h1 { font-size: 1.4rem; }
  h2 { font-size: 1.15rem; }
  nav a { display: inline-block; margin: 0 12px 6px 0; }
  table { font-size: 0.85rem; }
  th, td { padding: 4px 6px; }
  .headline { grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }
}
@media print {
  @page { size: A4; margin: 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav, noscript, summary { display: none; }
  h2 { break-after: avoid; margin-top: 20px; }
  figure { break-inside: avoid; margin: 12px 0 18px; }
  figure .chart, .table-scroll, .scroll, pre { overflow: visible; }
  figure .chart svg, figure.inline-chart svg { max-width: 100%; height: auto; }
  tr, .headline div { break-inside: avoid; }
  td.num, .table1 td.num { white-space: normal; }
  a { color: inherit; text-decoration: none; }
}
`;
