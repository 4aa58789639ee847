// What made a results folder, for its manifest.json: the simulator's version and git commit, the
// versions of its runtime dependencies, Node's version and the command line. These differ between
// machines and checkouts, so they are written to manifest.json only, never into a result file.
//
// The git commit comes from dist/build-info.json when the simulator runs compiled (scripts/build.mjs
// writes it), or from git in the folder of this source file when it runs from source (tsx): the
// simulator's own checkout, never the folder the user runs it from.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, parse } from "node:path";
import { fileURLToPath } from "node:url";
import { packageVersion } from "./json.js";

export interface BuildInfo {
  /** `git rev-parse HEAD` of the simulator's checkout; null outside a git checkout. */
  gitCommit: string | null;
  /** Whether `git status --porcelain` listed changes; null when unknown. */
  dirty: boolean | null;
}

export interface Provenance {
  simulator: { name: string; version: string } & BuildInfo;
  dependencies: Record<string, string | null>;
  node: string;
  argv: string[];
}

const HERE = dirname(fileURLToPath(import.meta.url));

function git(args: string[]): string | null {
  try {
    return execFileSync("git", ["-C", HERE, ...args], { stdio: ["ignore", "pipe", "ignore"] }).toString();
  } catch {
    return null;
  }
}

let build: BuildInfo | undefined;

/** The simulator's commit and dirty flag (read once per process). */
export function buildInfo(): BuildInfo {
  if (build !== undefined) return build;
  if (!import.meta.url.endsWith(".ts")) {
    // Compiled: dist/experiments/io/provenance.js, beside dist/build-info.json.
    const path = join(HERE, "..", "..", "build-info.json");
    if (existsSync(path)) {
      const info = JSON.parse(readFileSync(path, "utf8")) as Partial<BuildInfo>;
      return (build = { gitCommit: info.gitCommit ?? null, dirty: info.dirty ?? null });
    }
    return (build = { gitCommit: null, dirty: null });
  }
  const commit = git(["rev-parse", "HEAD"])?.trim() ?? null;
  const status = commit === null ? null : git(["status", "--porcelain"]);
  return (build = { gitCommit: commit, dirty: status === null ? null : status.trim() !== "" });
}

/** The package.json of this package: two levels up from the sources, three from dist/. */
function ownPackage(): { dependencies?: Record<string, string> } {
  for (const up of [
    ["..", ".."],
    ["..", "..", ".."],
  ]) {
    const path = join(HERE, ...up, "package.json");
    if (!existsSync(path)) continue;
    const pkg = JSON.parse(readFileSync(path, "utf8")) as {
      name?: string;
      dependencies?: Record<string, string>;
    };
    if (pkg.name === "p2p-energy-sim") return pkg;
  }
  return {};
}

/** The installed version of `name`, looked up in node_modules from this file's folder upwards. */
function installedVersion(name: string): string | null {
  let dir = HERE;
  for (;;) {
    const path = join(dir, "node_modules", name, "package.json");
    if (existsSync(path))
      return (JSON.parse(readFileSync(path, "utf8")) as { version?: string }).version ?? null;
    if (dir === parse(dir).root) return null;
    dir = dirname(dir);
  }
}

/** The installed version of every runtime dependency of package.json, by name. */
export function dependencyVersions(): Record<string, string | null> {
  const names = Object.keys(ownPackage().dependencies ?? {}).sort();
  return Object.fromEntries(names.map((name) => [name, installedVersion(name)]));
}

export function provenance(): Provenance {
  return {
    simulator: { name: "p2p-energy-sim", version: packageVersion(), ...buildInfo() },
    dependencies: dependencyVersions(),
    node: process.version,
    argv: process.argv.slice(1),
  };
}
