// Reads the Vega and Vega-Lite browser bundles from node_modules so the report page can inline
// them and work offline. The bundles are not in the packages' "exports" (nor is package.json), so
// resolve the main entry and walk up to the folder whose package.json names the package.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface Bundle {
  name: string;
  version: string;
  code: string;
}

function packageDir(name: string): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === name) return { dir, version: String(pkg.version) };
    } catch {
      // No package.json at this level: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`report: cannot find the package folder of ${name}`);
    dir = parent;
  }
}

const cache = new Map<string, Bundle>();

/** The minified browser build of a package, e.g. ("vega", "vega.min.js"). */
export function readBundle(name: string, file: string): Bundle {
  const key = `${name}/${file}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { dir, version } = packageDir(name);
  const bundle = { name, version, code: readFileSync(join(dir, "build", file), "utf8") };
  cache.set(key, bundle);
  return bundle;
}

/** Vega first: the Vega-Lite UMD bundle looks up the global `vega` when it loads. */
export function reportBundles(): Bundle[] {
  return [readBundle("vega", "vega.min.js"), readBundle("vega-lite", "vega-lite.min.js")];
}
