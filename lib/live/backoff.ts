/**
 * When to poll next. Right after something changed (or the student acted) a page polls quickly;
 * while nothing changes the pause grows toward the maximum; after an error it backs off further.
 * A hidden tab does not poll at all (see use-live.ts).
 */
export interface PollTiming {
  /** Pause after a change or an action (ms). */
  minMs: number;
  /** Longest pause while nothing changes (ms). */
  maxMs: number;
  /** Longest pause after errors (ms). */
  maxErrorMs: number;
}

export const DEFAULT_TIMING: PollTiming = { minMs: 1500, maxMs: 15_000, maxErrorMs: 30_000 };

export type PollResult = "changed" | "unchanged" | "error";

export function nextDelay(previousMs: number | null, result: PollResult, timing: PollTiming = DEFAULT_TIMING): number {
  if (result === "changed" || previousMs === null) return timing.minMs;
  if (result === "unchanged") return Math.min(Math.round(previousMs * 1.5), timing.maxMs);
  return Math.min(Math.max(previousMs * 2, timing.minMs * 2), timing.maxErrorMs);
}
