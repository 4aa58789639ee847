// What the world reports after each period; implementations live in sim/metrics (observation is
// kept apart from dynamics).
import type { PeriodOutcome } from "./outcome.js";

export interface Recorder {
  /**
   * One settled period. The outcome is read-only, and its arrays are reused for the next period:
   * copy what you keep.
   */
  period(outcome: PeriodOutcome): void;
}
