// Rule "arch/no-cycle": no import cycles among the project's modules, type-only imports included
// (they couple modules just the same). Each import that leads back to the importing file is
// reported with one shortest cycle. The file being linted is read from its live source; the rest of
// the graph from disk, once per ESLint run (see modules.js).
import path from "node:path";
import { importListeners, pathBack, resolveImport } from "./modules.js";

export default {
  meta: {
    type: "problem",
    docs: { description: "No import cycles between project modules (type-only imports count)." },
    schema: [],
    messages: { cycle: "Import cycle: {{cycle}}." },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!path.isAbsolute(file)) return {};
    const show = (f) => path.relative(context.cwd, f).split(path.sep).join("/");
    const dead = new Set();
    return importListeners((node, specifier) => {
      const hit = resolveImport(file, specifier);
      if (hit === null || !hit.exists) return;
      const back = pathBack(hit.file, file, dead);
      if (back !== null)
        context.report({ node, messageId: "cycle", data: { cycle: [file, ...back].map(show).join(" -> ") } });
    });
  },
};
