// Running the compiled CLI from tests, with stderr a pipe (not a terminal).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

const BIN = new URL("../../bin/p2psim.js", import.meta.url).pathname;

export function p2psim(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Exit code 2, one line on stderr matching `pattern`, no stack trace. */
export function assertOneLineError(r: ReturnType<typeof p2psim>, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.err})`);
  const lines = r.err.trim().split("\n");
  assert.equal(lines.length, 1, `one line expected, got:\n${r.err}`);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
}
