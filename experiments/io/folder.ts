// Ownership of an output folder. Every command writes manifest.json last: the command that wrote
// the folder, the hash of its config, provenance (versions, commit, command line), the SHA-256 of
// every input and of every other file in the folder. Before writing, a command checks its folder:
// missing or empty, or written by the same command with the same config, is fine; anything else is
// refused (one line naming the folder and what wrote it) unless --replace is given. A folder is
// written whole into a temporary sibling and swapped in by rename, so an interrupted command never
// leaves a mix of two runs and no stale file survives.
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, parse, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { threadId } from "node:worker_threads";
import { InputError } from "../cli/errors.js";
import type { RunConfig } from "../config/schema.js";
import { jsonText, sha256, writeFileAtomic } from "./atomic.js";
import { provenance } from "./provenance.js";

export const MANIFEST = "manifest.json";

/** Version of the manifest's layout (docs/results.md). */
export const MANIFEST_FORMAT = 1;

/** What wrote a folder: the command and the hash of the config it ran. */
export interface Owner {
  command: string;
  configHash: string;
}

export interface Manifest extends Owner {
  format: number;
  inputs: Record<string, string>;
  files: Record<string, string>;
  [field: string]: unknown;
}

/** SHA-256 of the canonical JSON of a resolved config (or of a command's options). */
export function configHash(value: unknown): string {
  return sha256(jsonText(value));
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every file under `dir`, relative with "/" separators, in code-point order; manifest.json left out. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string): void => {
    for (const name of readdirSync(d)) {
      const rel = prefix === "" ? name : `${prefix}/${name}`;
      if (statSync(join(d, name)).isDirectory()) walk(join(d, name), rel);
      else if (rel !== MANIFEST) out.push(rel);
    }
  };
  walk(dir, "");
  return out.sort(byCodePoint);
}

function hashFiles(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((f) => [f, sha256(readFileSync(join(dir, f)))]));
}

/** The manifest of `dir`; null when it has none. An unreadable one is an InputError. */
export function readManifest(dir: string): Manifest | null {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, "utf8")) as Manifest;
    if (typeof m === "object" && m !== null && typeof m.files === "object" && m.files !== null) return m;
  } catch {
    // reported below
  }
  throw new InputError(`${dir}: ${MANIFEST} is not a p2psim manifest`);
}

/** "p2psim run" or, for a manifest from before the command was recorded, "an older p2psim". */
export function writtenBy(m: Manifest): string {
  return typeof m.command === "string" ? `p2psim ${m.command}` : "an older p2psim";
}

/** Checks that the nearest existing folder at or above `start` is a writable folder (errors name `dir`). */
function checkWritable(dir: string, start: string): void {
  let at = resolve(start);
  while (!existsSync(at) && at !== parse(at).root) at = dirname(at);
  const stat = statSync(at);
  if (!stat.isDirectory()) throw new InputError(`${dir}: cannot create the folder (${at} is a file)`);
  try {
    accessSync(at, constants.W_OK);
  } catch {
    throw new InputError(`${dir}: cannot write there (${at} is not writable)`);
  }
}

export interface CheckOptions {
  /** --replace: whatever is there may be replaced. */
  replace?: boolean;
  /**
   * Accept a folder of this command and config whose files are a subset of its manifest's (an
   * interrupted or partly deleted sweep, which resumes in place).
   */
  resumable?: boolean;
}

/**
 * Checks that `owner` may write `dir`, before any work: throws an InputError (one line naming the
 * folder and what wrote it) when a file is in the way, the place is not writable, or the folder
 * belongs to something else and `replace` is not set.
 */
export function checkFolder(dir: string, owner: Owner, options: CheckOptions = {}): void {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new InputError(`${dir}: a file is in the way (the output must be a folder)`);
  checkWritable(dir, existsSync(dir) ? dir : dirname(resolve(dir)));
  if (!existsSync(dir) || options.replace === true) return;
  const present = listFiles(dir);
  const manifest = readManifest(dir);
  const hint = "; give --replace to replace it";
  if (manifest === null) {
    if (present.length === 0) return;
    throw new InputError(`${dir}: holds files but no ${MANIFEST} (not written by p2psim)${hint}`);
  }
  if (manifest.command !== owner.command)
    throw new InputError(`${dir}: written by ${writtenBy(manifest)}, not p2psim ${owner.command}${hint}`);
  if (manifest.configHash !== owner.configHash)
    throw new InputError(`${dir}: written by ${writtenBy(manifest)} with another config${hint}`);
  const listed = new Set(Object.keys(manifest.files));
  const extra = present.filter((f) => !listed.has(f));
  const missing = [...listed].filter((f) => !present.includes(f));
  if (extra.length > 0 || (missing.length > 0 && options.resumable !== true)) {
    const what = extra.length > 0 ? `${extra[0]} is not in its manifest` : `${missing[0]} is missing`;
    throw new InputError(`${dir}: written by ${writtenBy(manifest)} but changed since (${what})${hint}`);
  }
}

let counter = 0;

/** A fresh sibling name of `dir` for a temporary or retired copy. */
function sibling(dir: string, tag: string): string {
  const abs = resolve(dir);
  return join(dirname(abs), `.${basename(abs)}.${tag}-${process.pid}-${threadId}-${++counter}`);
}

/** What the operating system said, in words, for the errors a user can fix. */
const IO_CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exhausted",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOTDIR: "a file is in the way of a folder",
  EISDIR: "a folder is in the way of a file",
  EMFILE: "too many open files",
};

/** A write error the user can fix becomes one line naming the folder and the cause (exit 2). */
export function ioError(dir: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && Object.hasOwn(IO_CAUSES, code))
    return new InputError(
      `${dir}: cannot write the results: ${IO_CAUSES[code]} (${code}); nothing was changed`,
    );
  return error;
}

/**
 * Removes what an interrupted write of `dir` left beside it: temporary and retired siblings
 * (`.<name>.tmp-…`, `.<name>.old-…`), ours by their names.
 */
export function removeStaleSiblings(dir: string): string[] {
  const abs = resolve(dir);
  const parent = dirname(abs);
  if (!existsSync(parent)) return [];
  const prefix = `.${basename(abs)}.`;
  const stale = readdirSync(parent).filter(
    (name) => name.startsWith(prefix) && /^(tmp|old)-/.test(name.slice(prefix.length)),
  );
  for (const name of stale) rmSync(join(parent, name), { recursive: true, force: true });
  return stale;
}

/** Removes `dir` (if any) by renaming it aside first, so no half-removed folder is ever seen. */
export function removeFolder(dir: string): void {
  if (!existsSync(dir)) return;
  const old = sibling(dir, "old");
  renameSync(dir, old);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Runs `write` on a new temporary sibling of `dir`, then swaps it in by rename: `dir` ends up with
 * exactly the files written. On failure the temporary folder is removed and `dir` is untouched.
 */
export async function writeFolder<T>(dir: string, write: (tmp: string) => Promise<T> | T): Promise<T> {
  mkdirSync(dirname(resolve(dir)), { recursive: true });
  removeStaleSiblings(dir);
  const tmp = sibling(dir, "tmp");
  let result: T;
  try {
    mkdirSync(tmp);
    result = await write(tmp);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw ioError(dir, error);
  }
  if (existsSync(dir)) {
    const old = sibling(dir, "old");
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
  return result;
}

/** SHA-256 of each input file, by the path it was read from (files that cannot be read are left out). */
export function hashInputs(paths: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of paths) {
    try {
      out[path] = sha256(readFileSync(path));
    } catch {
      // not a file (e.g. a plugin package that resolves elsewhere): nothing to hash
    }
  }
  return out;
}

/** The files a run config reads: the config itself, its CSV profile and households, its plugins. */
export function runInputs(configPath: string, config: RunConfig, csvOverride?: string): string[] {
  return [...new Set([configPath, ...dataInputs(dirname(resolve(configPath)), config, csvOverride)])];
}

/** The files a run config reads besides itself (paths relative to `baseDir`, its folder). */
export function dataInputs(baseDir: string, config: RunConfig, csvOverride?: string): string[] {
  const paths: string[] = [];
  const p = config.profiles;
  if (p.source === "csv") paths.push(csvOverride ?? resolve(baseDir, p.file), resolve(baseDir, p.households));
  for (const spec of config.plugins ?? []) {
    if (spec.startsWith(".") || isAbsolute(spec)) paths.push(resolve(baseDir, spec));
    else {
      try {
        paths.push(fileURLToPath(import.meta.resolve(spec)));
      } catch {
        // a package that does not resolve to a file here: recorded by its name in the config
      }
    }
  }
  return [...new Set(paths)];
}

/**
 * Writes manifest.json into `dir`, last: `owner`, the command's own fields, provenance, the inputs'
 * and every other file's SHA-256. Returns the manifest.
 */
export function writeManifest(
  dir: string,
  owner: Owner,
  fields: Record<string, unknown>,
  inputs: Record<string, string>,
): Manifest {
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    command: owner.command,
    configHash: owner.configHash,
    ...fields,
    ...provenance(),
    inputs,
    files: hashFiles(dir),
  };
  writeFileAtomic(join(dir, MANIFEST), jsonText(manifest));
  return manifest;
}

/** Rewrites the file list and hashes of the manifest of `dir` after its files changed. */
export function refreshManifest(dir: string): Manifest {
  const manifest = readManifest(dir);
  if (manifest === null) throw new InputError(`${dir}: no ${MANIFEST}`);
  const updated: Manifest = { ...manifest, files: hashFiles(dir) };
  writeFileAtomic(join(dir, MANIFEST), jsonText(updated));
  return updated;
}
