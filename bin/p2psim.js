#!/usr/bin/env node
// Entry point of the `p2psim` command: loads the TypeScript CLI through tsx's loader.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../experiments/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
