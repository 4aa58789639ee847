// The architecture rules (scripts/eslint): each reports what it must and accepts a clean graph, on
// small projects written to a temporary directory and on in-memory sources under the repository's
// own configuration (its layer order).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import tseslint from "typescript-eslint";
import arch from "../../scripts/eslint/plugin.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const scratch = mkdtempSync(join(tmpdir(), "arch-lint-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Finding {
  file: string;
  rule: string | null;
  line: number;
  message: string;
}

/** Top to bottom; "mid/a/" and "mid/b/" side by side; "top/" may import anything. */
const LAYERS = ["top/", "mid/*", ["mid/a/", "mid/b/"], "low/"];

let projects = 0;
/** Writes `files` to a fresh directory and lints them with only the two architecture rules. */
async function lintProject(files: Record<string, string>): Promise<Finding[]> {
  const dir = join(scratch, `p${projects++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { arch },
        rules: {
          "arch/layers": ["error", { root: dir, layers: LAYERS, unrestricted: ["top/"] }],
          "arch/no-cycle": "error",
        },
      },
    ],
  });
  return findings(await eslint.lintFiles(["."]), dir);
}

function findings(results: ESLint.LintResult[], dir: string): Finding[] {
  return results
    .flatMap((r) =>
      r.messages.map((m) => ({
        file: relative(dir, r.filePath),
        rule: m.ruleId,
        line: m.line,
        message: m.message,
      })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

describe("arch/no-cycle", () => {
  test("reports every import of a cycle, type-only imports included", async () => {
    const found = await lintProject({
      "low/one.ts": 'import type { Two } from "./two.js";\nexport interface One {\n  two?: Two;\n}\n',
      "low/two.ts": 'export type { Three as Two } from "./three.js";\n',
      "low/three.ts": 'import type { One } from "./one.js";\nexport type Three = One[];\n',
      "low/free.ts": 'import type { One } from "./one.js";\nexport type Free = One;\n',
    });
    assert.deepEqual(
      found.map((f) => [f.file, f.rule, f.line]),
      [
        ["low/one.ts", "arch/no-cycle", 1],
        ["low/three.ts", "arch/no-cycle", 1],
        ["low/two.ts", "arch/no-cycle", 1],
      ],
    );
    assert.equal(found[0]!.message, "Import cycle: low/one.ts -> low/two.ts -> low/three.ts -> low/one.ts.");
  });

  test("reports cycles through a dynamic import, an import type and a self-import", async () => {
    const found = await lintProject({
      "low/a.ts": 'export const a = async () => (await import("./b.js")).b;\n',
      "low/b.ts": 'import { a } from "./a.js";\nexport const b = a;\n',
      "low/t1.ts": 'export type T1 = import("./t2.js").T2;\n',
      "low/t2.ts": 'export type T2 = import("./t1.js").T1 | number;\n',
      "low/self.ts": 'export * from "./self.js";\nexport const s = 1;\n',
    });
    assert.deepEqual(
      found.map((f) => [f.file, f.rule]),
      [
        ["low/a.ts", "arch/no-cycle"],
        ["low/b.ts", "arch/no-cycle"],
        ["low/self.ts", "arch/no-cycle"],
        ["low/t1.ts", "arch/no-cycle"],
        ["low/t2.ts", "arch/no-cycle"],
      ],
    );
  });
});

describe("arch/layers", () => {
  test("reports an upward import, side-by-side layers and an import of an unlayered module", async () => {
    const found = await lintProject({
      "low/base.ts": "export const base = 1;\n",
      "low/up.ts": 'import type { root } from "../mid/root.js";\nexport type Up = typeof root;\n',
      "mid/root.ts": 'import { a } from "./a/a.js";\nexport const root = a;\n',
      "mid/a/a.ts": 'import { base } from "../../low/base.js";\nexport const a = base;\n',
      "mid/b/b.ts": 'import { a } from "../a/a.js";\nexport const b = a;\n',
      "mid/b/c.ts": 'import { tool } from "../../tools/tool.js";\nexport const c = tool;\n',
      "tools/tool.ts": "export const tool = 1;\n",
    });
    assert.deepEqual(
      found.map((f) => [f.file, f.rule, f.line]),
      [
        ["low/up.ts", "arch/layers", 1],
        ["mid/b/b.ts", "arch/layers", 1],
        ["mid/b/c.ts", "arch/layers", 1],
      ],
    );
    assert.match(found[0]!.message, /^low\/ must not import mid\/root\.ts \(mid\/\* is above it\)/);
    assert.match(found[1]!.message, /mid\/b\/ and mid\/a\/ sit side by side/);
    assert.match(found[2]!.message, /tools\/tool\.ts is in no layer/);
  });

  test("accepts a clean graph: down the layers, within a layer, and anything from the top", async () => {
    const found = await lintProject({
      "low/base.ts": 'import { fileURLToPath } from "node:url";\nexport const base = fileURLToPath;\n',
      "low/more.ts": 'export { base } from "./base.js";\n',
      "mid/a/a.ts": 'import { base } from "../../low/more.js";\nexport const a = base;\n',
      "mid/b/b.ts": 'import type { base } from "../../low/base.js";\nexport type B = typeof base;\n',
      "mid/root.ts":
        'import { a } from "./a/a.js";\nimport type { B } from "./b/b.js";\nexport const r: B = a;\n',
      "top/t.ts":
        'import { r } from "../mid/root.js";\nimport { base } from "../low/base.js";\nexport const t = [r, base];\n',
      "top/u.ts": 'import { t } from "./t.js";\nexport const u = t;\n',
    });
    assert.deepEqual(found, []);
  });
});

describe("the repository's layer order", () => {
  const eslint = new ESLint({ cwd: REPO });
  /** Lints `text` as if it were the file `path` of the repository; the architecture findings. */
  async function lintAs(path: string, text: string): Promise<string[]> {
    const results = await eslint.lintText(text, { filePath: join(REPO, path) });
    return findings(results, REPO)
      .filter((f) => f.rule?.startsWith("arch/"))
      .map((f) => `${f.rule}: ${f.message}`);
  }
  const imports = (specifier: string) => `import * as m from "${specifier}";\nexport const x = m;\n`;

  const allowed: [string, string][] = [
    ["sim/market/x.ts", "../kernel/index.js"],
    ["sim/ledger/x.ts", "../market/index.js"],
    ["sim/data/x.ts", "../kernel/index.js"],
    ["sim/grid/x.ts", "../ledger/index.js"],
    ["sim/grid/x.ts", "../data/index.js"],
    ["sim/metrics/x.ts", "../grid/index.js"],
    ["sim/x.ts", "./metrics/index.js"],
    ["sim/x.ts", "./kernel/index.js"],
    ["experiments/run/x.ts", "../../sim/ledger/index.js"],
    ["bin/x.js", "../experiments/cli/main.js"],
    ["bench/x.ts", "../experiments/io/atomic.js"],
    ["test/x.ts", "../bench/lib/bare-heap.js"],
  ];
  for (const [file, specifier] of allowed) {
    test(`${file} may import ${specifier}`, async () => {
      assert.deepEqual(await lintAs(file, imports(specifier)), []);
    });
  }

  const refused: [string, string, RegExp][] = [
    ["sim/kernel/x.ts", "../market/index.js", /above it/],
    ["sim/market/x.ts", "../ledger/index.js", /above it/],
    ["sim/data/x.ts", "../ledger/index.js", /side by side/],
    ["sim/ledger/x.ts", "../data/index.js", /side by side/],
    ["sim/ledger/x.ts", "../grid/index.js", /above it/],
    ["sim/metrics/x.ts", "../index.js", /above it/],
    ["sim/grid/x.ts", "../../experiments/run/simulate.js", /above it/],
    ["experiments/run/x.ts", "../../bench/lib/report.js", /above it/],
    ["experiments/run/x.ts", "../../test/report/fixture.js", /above it/],
  ];
  for (const [file, specifier, why] of refused) {
    test(`${file} must not import ${specifier}`, async () => {
      const found = await lintAs(file, imports(specifier));
      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0]!, why);
    });
  }

  test("a cycle through the modules on disk is reported", async () => {
    // sim/kernel/index.ts re-exports random.ts: random.ts importing the index closes a cycle.
    const found = await lintAs("sim/kernel/random.ts", 'export * from "./index.js";\n');
    assert.deepEqual(found, [
      "arch/no-cycle: Import cycle: sim/kernel/random.ts -> sim/kernel/index.ts -> sim/kernel/random.ts.",
    ]);
  });
});
