export * from "./types.js";
export {
  CHART_NAMES,
  buildSpecs,
  specJson,
  fig09Spec,
  fig11Spec,
  fig12Spec,
  fig13Spec,
  fig14Spec,
  table1Spec,
  scalabilitySpec,
} from "./specs.js";
export type { ChartName } from "./specs.js";
export { renderSvg, renderPng, svgSize, PNG_SCALE } from "./render.js";
export { buildReportHtml, CHART_META, escapeHtml } from "./html.js";
export {
  overviewHtml,
  type OverviewDataset,
  type OverviewInput,
  type OverviewLedgerRow,
  type OverviewStorageRow,
} from "./overview.js";
export { writeReport, writeAtomic } from "./write.js";
export { PAPER_SCENARIOS, orderScenarios } from "./order.js";
