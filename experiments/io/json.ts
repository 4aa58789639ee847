// Reading the user's JSON files: every failure is an InputError naming the file.
import { readFileSync } from "node:fs";
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

/** This package's version, from package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}
