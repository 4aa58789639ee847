// Headless rendering: Vega-Lite -> Vega -> SVG string (no DOM, no canvas: Vega estimates text widths
// from character counts, which is deterministic), then SVG -> PNG with resvg fed only the shipped
// fonts, so the bytes do not depend on the machine's installed fonts.
import { Resvg } from "@resvg/resvg-js";
import { View, parse, resetSVGDefIds } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { FONT_FAMILY, FONT_FILES } from "./theme.js";

/** PNG pixels per SVG pixel: crisp on high-density screens and in print. */
export const PNG_SCALE = 2;

let queue: Promise<unknown> = Promise.resolve();

/** Renders one chart at a time: the SVG def-id counters are process-wide. */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  const next = queue.then(() => renderOne(spec));
  queue = next.catch(() => undefined);
  return next;
}

async function renderOne(spec: TopLevelSpec): Promise<string> {
  const vgSpec = compile(spec).spec;
  const view = new View(parse(vgSpec), { renderer: "none", logLevel: 1 });
  try {
    await view.runAsync();
    // Clip-path and gradient ids come from module-wide counters; reset them so the same spec
    // yields the same SVG however many charts this process rendered before.
    resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function renderPng(svg: string, scale: number = PNG_SCALE): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: {
      loadSystemFonts: false,
      fontFiles: [...FONT_FILES],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
      serifFamily: FONT_FAMILY,
      monospaceFamily: FONT_FAMILY,
    },
    logLevel: "off",
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Width and height in px declared on the root <svg> element that Vega writes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!Number.isFinite(width) || !Number.isFinite(height)) throw new Error("report: SVG has no width/height");
  return { width, height };
}
