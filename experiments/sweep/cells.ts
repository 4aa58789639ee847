// A sweep: a base config and the values to vary, expanded into cells in a fixed order (the
// cartesian product, the last varied field fastest). Shards are deterministic slices of that
// order, so a cluster can split one sweep across machines and `merge` puts it back together.
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { InputError } from "../cli/errors.js";
import { parseRunConfig } from "../config/load.js";
import { loadPlugins, preloadPlugins } from "../config/plugins.js";
import { readJsonFile } from "../io/json.js";
import type { RunConfig } from "../config/schema.js";

export const sweepConfigSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-' only"),
    base: z.union([
      z.string().describe("path of a run config, relative to this file"),
      z.record(z.string(), z.unknown()),
    ]),
    vary: z
      .record(z.string(), z.array(z.union([z.number(), z.string(), z.boolean()])).min(1))
      .describe(
        'dotted config paths and their values, e.g. {"seed": [1, 2], "profiles.agentsPerMicrogrid": [5, 50]}',
      ),
  })
  .strict();

export type Value = number | string | boolean;

export interface Cell {
  index: number;
  id: string;
  params: Record<string, Value>;
  config: RunConfig;
}

export interface Sweep {
  name: string;
  varied: string[];
  cells: Cell[];
  /** Where relative CSV paths of the base config resolve from. */
  baseDir: string;
}

function setPath(target: Record<string, unknown>, path: string, value: Value): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (typeof next !== "object" || next === null || Array.isArray(next))
      throw new InputError(`vary."${path}": "${key}" is not an object in the base config`);
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** Expands a sweep file into its cells, each a validated run config. */
/** Imports the plugin modules the sweep's base config names (before its cells are validated). */
export async function preloadSweepPlugins(path: string): Promise<void> {
  const spec = readJsonFile(path) as { base?: unknown } | null;
  if (typeof spec?.base === "string") await preloadPlugins(resolve(dirname(path), spec.base));
  else if (spec?.base !== undefined) await preloadPluginsOf(spec.base, dirname(resolve(path)));
}

export function loadSweep(path: string): Sweep {
  const parsed = sweepConfigSchema.safeParse(readJsonFile(path));
  if (!parsed.success) {
    throw new InputError(
      `${path}: ${parsed.error.issues.map((i) => `field "${i.path.join(".") || "(top level)"}": ${i.message}`).join("; ")}`,
    );
  }
  const spec = parsed.data;
  const baseDir =
    typeof spec.base === "string" ? dirname(resolve(dirname(path), spec.base)) : dirname(resolve(path));
  const base = typeof spec.base === "string" ? readJsonFile(resolve(dirname(path), spec.base)) : spec.base;
  const varied = Object.keys(spec.vary);
  const combos: Record<string, Value>[] = varied.reduce<Record<string, Value>[]>(
    (acc, key) => acc.flatMap((c) => spec.vary[key]!.map((v) => ({ ...c, [key]: v }))),
    [{}],
  );
  const cells = combos.map((params, index) => {
    const id = `c${String(index).padStart(5, "0")}`;
    const data = structuredClone(base) as Record<string, unknown>;
    for (const [key, value] of Object.entries(params)) setPath(data, key, value);
    data.name = `${spec.name}-${id}`;
    return {
      index,
      id,
      params,
      config: parseRunConfig(data, `${path} (cell ${id}: ${JSON.stringify(params)})`),
    };
  });
  return { name: spec.name, varied, cells, baseDir };
}

/** Parses "K/N" (1-based K). */
export function parseShard(text: string): { k: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (m === null || n < 1 || k < 1 || k > n)
    throw new InputError(`--shard: expected K/N with 1 <= K <= N, got "${text}"`);
  return { k, n };
}

/** The cells of shard K of N: every N-th cell starting at K - 1 (balanced across shards). */
export function shardCells(cells: readonly Cell[], shard: { k: number; n: number }): Cell[] {
  return cells.filter((c) => c.index % shard.n === shard.k - 1);
}

async function preloadPluginsOf(base: unknown, baseDir: string): Promise<void> {
  const specs = (base as { plugins?: unknown } | null)?.plugins;
  if (Array.isArray(specs) && specs.every((s): s is string => typeof s === "string"))
    await loadPlugins(specs, baseDir);
}
