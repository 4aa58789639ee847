// Reading the user's JSON files: every failure is an InputError naming the file.
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../cli/errors.js";

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError(`${path}: cannot read the file`);
  }
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
