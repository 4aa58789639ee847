// The figures one replication contributes: a config run on its headline ledger only, reduced to
// the paper's three headline numbers (benefit under every averaging and basis) and its claims.
// Small and JSON-safe, so a worker thread can hand it back.
import { parseRunConfig } from "../config/load.js";
import { buildSummary } from "./report-data.js";
import { simulate } from "./simulate.js";
import { headlineLedger, headlineOf, type Headline } from "./headline.js";
import type { ClaimKind } from "./claims.js";

/** A config to run, as JSON (resolved in the worker), with where its relative paths start. */
export interface MeasureTask {
  /** The config's JSON, before validation (defaults resolve after the reading's changes). */
  config: unknown;
  /** Names the config in error messages. */
  source: string;
  baseDir: string;
  /** Scenarios to run (default: the config's). Claims need every scenario they compare. */
  scenarios?: string[];
}

export interface ClaimOutcome {
  id: string;
  kind: ClaimKind;
  holds: boolean;
}

export interface RunMeasures {
  seed: number;
  headline: Headline;
  claims: ClaimOutcome[];
}

/** Runs `task` on its headline ledger and measures it. */
export function measure(task: MeasureTask): RunMeasures {
  const config = parseRunConfig(task.config, task.source);
  config.ledgers = [headlineLedger(config)];
  if (task.scenarios !== undefined) config.scenarios = task.scenarios;
  const result = simulate(config, task.baseDir);
  const summary = buildSummary(result);
  return {
    seed: config.seed,
    // One ledger ran: every summary is the headline ledger's.
    headline: headlineOf(result, config.ledgers[0]!, summary.scenarios),
    claims: summary.claims.map((c) => ({ id: c.id, kind: c.kind, holds: c.holds })),
  };
}
