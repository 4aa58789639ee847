// Rule "arch/layers": imports point down the layers of docs/architecture.md.
//
// Options: { root, layers, unrestricted }.
// - root: the directory the layer paths are relative to (the repository).
// - layers: top to bottom. An entry is a path or a list of paths that sit side by side (neither may
//   import the other). "dir/" is everything under dir, "dir/*" only the files directly in dir; the
//   most specific path wins.
// - unrestricted: layers that may import any layer (tests, benchmarks). Being on top, nothing below
//   may import them.
// A module may import its own layer or any layer below it. Only relative imports are checked;
// a module outside every layer is not checked, and an import of one from inside a layer is reported.
import path from "node:path";
import { importListeners, resolveImport } from "./modules.js";

const toPosix = (p) => p.split(path.sep).join("/");

/** The layer table of the options: [{ path, rank, exact, dir }], most specific first. */
function layerTable(layers) {
  const table = [];
  layers.forEach((entry, rank) => {
    for (const p of Array.isArray(entry) ? entry : [entry]) {
      const exact = p.endsWith("/*");
      const dir = exact ? p.slice(0, -2) : p.replace(/\/$/, "");
      table.push({ path: p, rank, exact, dir });
    }
  });
  return table.sort((a, b) => b.dir.length - a.dir.length || Number(b.exact) - Number(a.exact));
}

function layerOf(table, rel) {
  const dir = path.posix.dirname(rel);
  for (const layer of table) {
    if (layer.exact ? dir === layer.dir : rel.startsWith(layer.dir + "/")) return layer;
  }
  return null;
}

const describeOrder = (layers) => layers.map((e) => (Array.isArray(e) ? `{${e.join(", ")}}` : e)).join(" > ");

export default {
  meta: {
    type: "problem",
    docs: { description: "Imports point down the architecture's layers (docs/architecture.md)." },
    schema: [
      {
        type: "object",
        properties: {
          root: { type: "string" },
          layers: {
            type: "array",
            items: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
          },
          unrestricted: { type: "array", items: { type: "string" } },
        },
        required: ["layers"],
        additionalProperties: false,
      },
    ],
    messages: {
      upward:
        "{{layer}} must not import {{target}} ({{targetLayer}} is above it). Imports point down: {{order}}.",
      sideBySide: "{{layer}} must not import {{target}}: {{layer}} and {{targetLayer}} sit side by side.",
      unlayered: "{{target}} is in no layer of the architecture; a layered module must not import it.",
    },
  },
  create(context) {
    const options = context.options[0];
    const root = path.resolve(options.root ?? context.cwd);
    const table = layerTable(options.layers);
    const unrestricted = new Set(options.unrestricted ?? []);
    const file = context.physicalFilename;
    if (!path.isAbsolute(file)) return {};
    const from = layerOf(table, toPosix(path.relative(root, file)));
    if (from === null || unrestricted.has(from.path)) return {};
    const order = describeOrder(options.layers);
    return importListeners((node, specifier) => {
      const hit = resolveImport(file, specifier);
      if (hit === null) return;
      const rel = toPosix(path.relative(root, hit.file));
      const to = rel.startsWith("../") ? null : layerOf(table, rel);
      const data = { layer: from.path, target: rel, targetLayer: to?.path ?? "", order };
      if (to === null) context.report({ node, messageId: "unlayered", data });
      else if (to.rank < from.rank) context.report({ node, messageId: "upward", data });
      else if (to.rank === from.rank && to.path !== from.path)
        context.report({ node, messageId: "sideBySide", data });
    });
  },
};
