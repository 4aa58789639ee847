// Module resolution and the import graph shared by the architecture rules.
//
// Only relative specifiers ("./x.js", "../y/index.js") are project modules; packages and node:
// builtins are outside the graph. A specifier resolves as Node ESM with TypeScript sources:
// "./x.js" is ./x.ts when that exists (NodeNext style), "./x" tries ./x.ts and ./x/index.ts.
// Every kind of import counts, type-only ones included: `import type`, `export ... from`,
// `import("./x.js")` (expression or type) and `import x = require("./x.js")`.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const SOURCE_FOR = { ".js": [".ts", ".tsx", ".js"], ".mjs": [".mts", ".mjs"], ".cjs": [".cts", ".cjs"] };
const BARE = [".ts", ".tsx", ".js", "/index.ts", "/index.js"];

const isFile = (file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

export const isRelative = (specifier) => specifier.startsWith("./") || specifier.startsWith("../");

/**
 * The file a relative specifier of `fromFile` names: the existing source file if there is one, else
 * the lexical path with a ".js" extension mapped to ".ts" (enough to place it in a layer). Returns
 * { file, exists }; null for a package or builtin specifier.
 */
export function resolveImport(fromFile, specifier) {
  if (!isRelative(specifier)) return null;
  const target = path.resolve(path.dirname(fromFile), specifier);
  const ext = path.extname(target);
  const candidates = [];
  if (SOURCE_FOR[ext]) for (const e of SOURCE_FOR[ext]) candidates.push(target.slice(0, -ext.length) + e);
  candidates.push(target);
  if (!ext) for (const e of BARE) candidates.push(target + e);
  for (const c of candidates) if (isFile(c)) return { file: c, exists: true };
  return { file: candidates[0], exists: false };
}

/**
 * Rule listeners that call `onImport(node, specifier)` for every import-like node with a string
 * specifier: import and export-from declarations, import() expressions and types, import = require.
 */
export function importListeners(onImport) {
  const at = (node, literal) => {
    if (literal && literal.type === "Literal" && typeof literal.value === "string")
      onImport(node, literal.value);
  };
  return {
    ImportDeclaration: (node) => at(node, node.source),
    ExportAllDeclaration: (node) => at(node, node.source),
    ExportNamedDeclaration: (node) => at(node, node.source),
    ImportExpression: (node) => at(node, node.source),
    TSImportType: (node) => at(node, node.source ?? node.argument?.literal),
    TSExternalModuleReference: (node) => at(node, node.expression),
  };
}

/**
 * The project import graph, read from disk once per ESLint run and shared by every file the rule
 * visits: file -> resolved project files it imports. An entry older than REVALIDATE_MS is checked
 * against its file's modification time before use, so a long-running ESLint (an editor) sees edits
 * while a command-line run stats each file only a few times.
 */
const graph = new Map();
const REVALIDATE_MS = 2000;

/** Project files that `file` imports, as stored on disk. */
export function dependenciesOnDisk(file) {
  const now = Date.now();
  const cached = graph.get(file);
  if (cached !== undefined && now - cached.checkedAt < REVALIDATE_MS) return cached.deps;
  const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined) {
    graph.delete(file);
    return [];
  }
  if (cached !== undefined && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached.deps;
  }
  const text = readFileSync(file, "utf8");
  const deps = [];
  if (/\.[cm]?[jt]sx?$/.test(file)) {
    // Import declarations, import() and import = require() are always found; scanning for
    // CommonJS require() calls costs more, so only files that contain one are scanned for them.
    const requires = /\brequire\s*\(/.test(text);
    for (const { fileName } of ts.preProcessFile(text, true, requires).importedFiles) {
      const hit = resolveImport(file, fileName);
      if (hit !== null && hit.exists && !deps.includes(hit.file)) deps.push(hit.file);
    }
  }
  graph.set(file, { mtimeMs, checkedAt: now, deps });
  return deps;
}

/**
 * A shortest import path from `start` back to `target` ([start, ..., target]), or null. `target`'s
 * own imports are never followed (the caller checks them from its live source). `dead` holds files
 * known not to lead to `target`; a search that fails adds every file it saw, so the searches from
 * one file's imports together visit each file at most once when there is no cycle.
 */
export function pathBack(start, target, dead = new Set()) {
  if (start === target) return [start];
  if (dead.has(start)) return null;
  const previous = new Map([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    for (const next of dependenciesOnDisk(file)) {
      if (previous.has(next) || dead.has(next)) continue;
      previous.set(next, file);
      if (next === target) {
        const chain = [];
        for (let f = target; f !== null; f = previous.get(f)) chain.push(f);
        return chain.reverse();
      }
      queue.push(next);
    }
  }
  for (const file of queue) dead.add(file);
  return null;
}
