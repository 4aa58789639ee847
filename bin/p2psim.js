#!/usr/bin/env node
// Entry point of the `p2psim` command: the compiled CLI in dist/ (built by `make setup`,
// `npm run build` or `npm pack`), run by plain node.
import { existsSync } from "node:fs";

const MAIN = new URL("../dist/experiments/cli/main.js", import.meta.url);
if (!existsSync(MAIN)) {
  process.stderr.write("p2psim: the compiled CLI (dist/) is missing; run `make setup` or `npm run build`\n");
  process.exit(1);
}
const { main } = await import(MAIN.href);
process.exitCode = await main(process.argv.slice(2));
