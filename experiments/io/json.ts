// Reading the user's JSON files: every failure is an InputError naming the file.
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../cli/errors.js";

/** Deeper JSON is no config of ours, and would exhaust the stack of whatever walks it. */
const MAX_DEPTH = 64;

/** The deepest nesting of brackets outside strings (a scan; no parse). */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError(`${path}: cannot read the file`);
  }
  const depth = nesting(text);
  if (depth > MAX_DEPTH)
    throw new InputError(
      `${path}: nested ${depth} levels deep (at most ${MAX_DEPTH}): not a config of this simulator`,
    );
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** This package's version, from package.json: two levels up from the sources, three from dist/. */
export function packageVersion(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    const path = new URL(up, import.meta.url);
    if (!existsSync(path)) continue;
    const pkg = JSON.parse(readFileSync(path, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "p2p-energy-sim" && pkg.version !== undefined) return pkg.version;
  }
  throw new Error("cannot find the package.json of p2p-energy-sim");
}
