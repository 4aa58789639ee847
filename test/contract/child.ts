// Runs a TypeScript script in a child node process. The EVM work of the contract tests runs there:
// node's test runner tracks every promise through async hooks, which slows the promise-heavy EVM about
// ten times inside a test file; a child also runs in parallel with the test process on a second core.
import { spawn } from "node:child_process";

export interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runTs(script: string, args: readonly string[] = [], input = ""): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: "pipe" });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (status) =>
      resolvePromise({
        status,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
    child.stdin.end(input);
  });
}
