// The paper's config and the default output of `p2psim reproduce`, apart from reproduce.ts so the
// command table can show them in --help without loading the simulator.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const PAPER_CONFIG = fileURLToPath(new URL("../paper/paper.json", import.meta.url));

/** The paper's setup on the measured week (experiments/data/citylearn-2022). */
export const PAPER_REAL_CONFIG = fileURLToPath(new URL("../paper/paper-real.json", import.meta.url));

export const DEFAULT_REPRODUCE_DIR = join("results", "paper");

export const DEFAULT_READINGS_DIR = join("results", "readings");
