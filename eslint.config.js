import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import arch from "./scripts/eslint/plugin.js";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The layers of docs/architecture.md, top to bottom: a module imports its own layer or layers below
 * it; entries in braces sit side by side and do not import each other. bench/ and test/ may import
 * anything and nothing imports them. "sim/*" is the composition root at the top of sim/ (sim/index.ts,
 * sim/model.ts, sim/presets.ts), which may import every sim/ layer.
 */
const LAYERS = [
  ["bench/", "test/"],
  "bin/",
  "experiments/",
  "sim/*",
  "sim/metrics/",
  "sim/grid/",
  "sim/devices/",
  ["sim/ledger/", "sim/data/"],
  "sim/market/",
  "sim/kernel/",
];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "results/", "coverage/", "contracts/build/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    plugins: { arch },
    rules: {
      "arch/layers": ["error", { root, layers: LAYERS, unrestricted: ["bench/", "test/"] }],
      "arch/no-cycle": "error",
    },
  },
  {
    files: ["sim/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:fs", "node:fs/*", "fs", "node:child_process", "node:worker_threads"],
              message: "sim/ is pure model code: no I/O.",
            },
          ],
        },
      ],
      "no-console": "error",
    },
  },
);
