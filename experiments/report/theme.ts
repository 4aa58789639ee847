// One look for every chart: the font shipped in ./fonts, fixed sizes and colour-blind-safe colours
// (Okabe-Ito and Paul Tol's muted set) bound to meanings, so MG2 or "Producers" keep their colour
// from figure to figure.
import { fileURLToPath } from "node:url";
import type { Config } from "vega-lite";

/** Family written into every SVG text; resvg maps it to the shipped files, browsers fall back. */
export const FONT_FAMILY = "DejaVu Sans";
export const FONT_STACK = `${FONT_FAMILY}, sans-serif`;

export const FONT_FILES: readonly string[] = [
  fileURLToPath(new URL("./fonts/DejaVuSans.ttf", import.meta.url)),
  fileURLToPath(new URL("./fonts/DejaVuSans-Bold.ttf", import.meta.url)),
];

export const SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.json";

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
export const PANEL_WIDTH = 300;
export const PANEL_HEIGHT = 260;

/** Microgrids MGn take colour n; other names take colours by their sorted position. */
export const MICROGRID_PALETTE: readonly string[] = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#999933",
  "#000000",
];

export const PRODUCER_COLOUR = "#D55E00";
export const CONSUMER_COLOUR = "#56B4E9";
export const IMPORT_COLOUR = "#882255";
export const EXPORT_COLOUR = "#88CCEE";
export const IOTA_COLOUR = "#44AA99";
export const ETHEREUM_COLOUR = "#AA4499";
export const ZERO_RULE_COLOUR = "#444444";
export const LABEL_COLOUR = "#333333";
/** The paper's values (reference marks on Figs. 11-14). */
export const PAPER_COLOUR = "#000000";

export function reportConfig(): Config {
  return {
    font: FONT_STACK,
    background: "#ffffff",
    padding: 12,
    title: { anchor: "start", fontSize: 15, subtitleFontSize: 12, subtitleColor: "#555555", offset: 12 },
    axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#e6e6e6", labelColor: "#333333" },
    legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0 },
    header: { labelFontSize: 12, titleFontSize: 12 },
    view: { stroke: "#cccccc" },
  };
}
