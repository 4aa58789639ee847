// Progress on stderr: a bar with what is running, how far it is and an estimate of the time left,
// only on a terminal. Nothing with --quiet, and nothing when stderr is not a terminal (CI, logs,
// pipes), so redirected output holds results only.
import cliProgress from "cli-progress";

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

/** A bar counting `unit` (e.g. "cells", "runs"); silent with `quiet` or without a terminal. */
export function progress(quiet: boolean, unit = "steps"): Progress {
  if (quiet || process.stderr.isTTY !== true) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{bar} {value}/{total} ${unit} | ETA {eta_formatted} | {label}`,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label) {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      }
      bar.update(done, { label });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** A progress display of named stages (what runs now), as `reproduce` and `readings` show it. */
export function stages(quiet: boolean) {
  const bar = progress(quiet, "steps");
  return {
    update: (stage: string, done: number, total: number) => bar.update(done, total, stage),
    stop: () => bar.stop(),
  };
}
