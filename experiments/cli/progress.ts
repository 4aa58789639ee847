// Progress: a bar with ETA on a terminal, plain lines otherwise (CI, logs), nothing with --quiet.
import cliProgress from "cli-progress";

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

export function progress(quiet: boolean): Progress {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (process.stderr.isTTY === true) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: "{bar} {value}/{total} cells | ETA {eta_formatted} | {label}" },
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
      stop: () => bar.stop(),
    };
  }
  return {
    update: (done, total, label) => process.stderr.write(`[${done}/${total}] ${label}\n`),
    stop: () => {},
  };
}
