/**
 * The local cloud's virtual clock. Every time-based behaviour (visibility timeouts, delays,
 * retention, long polling, alarm periods, stream creation, metric minutes) reads `now()` and
 * schedules work with `at()`/`sleep()`, so that `advance()` can fast-forward the whole cloud.
 *
 * `now()` is real time plus an offset. `advance(ms)` moves the offset forward in steps: each due
 * timer fires with `now()` equal to its own due time, in order, so that work scheduled inside a
 * skipped interval sees the cloud as it was at that moment (a metric minute sampled at 12:03 sees
 * the queue as it was at 12:03, not as it is at 12:10).
 */

export interface TimerHandle {
  cancel(): void;
}

interface Timer {
  id: number;
  dueAt: number;
  fn: () => void;
  cancelled: boolean;
}

type AdvanceListener = (now: number) => void;

/** Longest real wait between checks, so timers stay punctual even if the host clock jumps. */
const MAX_REAL_WAIT_MS = 1_000;
/** At most this many minute ticks are replayed by one advance; beyond it the rest are skipped. */
const MAX_MINUTES_REPLAYED = 24 * 60;

export class VirtualClock {
  private offsetMs: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private realTimer: NodeJS.Timeout | null = null;
  private advanceListeners = new Set<AdvanceListener>();
  private minuteListeners: Array<(minuteStart: number) => void> = [];
  private lastMinute: number;
  private firing = false;
  private stopped = false;

  constructor(offsetMs = 0) {
    this.offsetMs = offsetMs;
    this.lastMinute = Math.floor(this.now() / 60_000);
  }

  /** Virtual epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowDate(): Date {
    return new Date(this.now());
  }

  /** Seconds the clock is ahead of real time (persisted so a restart keeps the cloud's time). */
  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  /** Runs `fn` once virtual time reaches `dueAt`. */
  at(dueAt: number, fn: () => void): TimerHandle {
    const timer: Timer = { id: this.nextId++, dueAt, fn, cancelled: false };
    const index = this.timers.findIndex((t) => t.dueAt > dueAt);
    if (index === -1) this.timers.push(timer);
    else this.timers.splice(index, 0, timer);
    this.schedule();
    return {
      cancel: () => {
        timer.cancelled = true;
        const i = this.timers.indexOf(timer);
        if (i !== -1) this.timers.splice(i, 1);
      },
    };
  }

  /** Runs `fn` after `delayMs` of virtual time. */
  after(delayMs: number, fn: () => void): TimerHandle {
    return this.at(this.now() + Math.max(0, delayMs), fn);
  }

  /** Resolves after `delayMs` of virtual time, or at once when the signal aborts. */
  sleep(delayMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const handle = this.after(delayMs, () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      const onAbort = () => {
        handle.cancel();
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Called with the start of each virtual minute as it ends, in order (metric emission, alarms). */
  everyMinute(fn: (minuteStart: number) => void): () => void {
    this.minuteListeners.push(fn);
    this.schedule();
    return () => {
      this.minuteListeners = this.minuteListeners.filter((l) => l !== fn);
    };
  }

  /** Called after every fast-forward (long polls re-check what became visible). */
  onAdvance(fn: AdvanceListener): () => void {
    this.advanceListeners.add(fn);
    return () => this.advanceListeners.delete(fn);
  }

  /** Moves virtual time forward, firing everything that falls due on the way, in order. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError("The clock only moves forward.");
    const target = this.now() + ms;
    this.fireDue(target);
    this.offsetMs = target - Date.now();
    this.fireDue(this.now());
    for (const listener of this.advanceListeners) listener(this.now());
    return this.now();
  }

  /** Stops the real timer; pending virtual timers stay but no longer fire. */
  stop(): void {
    this.stopped = true;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = null;
  }

  /** Fires every timer and minute tick due at or before `until`, moving `now()` to each one's time. */
  private fireDue(until: number): void {
    if (this.firing) return;
    this.firing = true;
    try {
      for (;;) {
        const nextTimer = this.timers[0];
        const nextMinuteEnd =
          this.minuteListeners.length > 0 ? (this.lastMinute + 1) * 60_000 : Number.POSITIVE_INFINITY;
        const nextDue = Math.min(nextTimer?.dueAt ?? Number.POSITIVE_INFINITY, nextMinuteEnd);
        if (nextDue > until) break;
        if (nextDue > this.now()) this.offsetMs = nextDue - Date.now();
        if (nextTimer && nextTimer.dueAt <= nextMinuteEnd) {
          this.timers.shift();
          if (!nextTimer.cancelled) this.safely(nextTimer.fn);
        } else {
          const untilMinute = Math.floor(until / 60_000);
          if (untilMinute - this.lastMinute > MAX_MINUTES_REPLAYED) {
            this.lastMinute = untilMinute - MAX_MINUTES_REPLAYED;
          }
          const minuteStart = this.lastMinute * 60_000;
          this.lastMinute += 1;
          for (const listener of this.minuteListeners) this.safely(() => listener(minuteStart));
        }
      }
      if (this.minuteListeners.length === 0) this.lastMinute = Math.floor(this.now() / 60_000);
    } finally {
      this.firing = false;
    }
    this.schedule();
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      console.error("[localcloud] a scheduled task failed:", error);
    }
  }

  private schedule(): void {
    if (this.stopped || this.firing) return;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = null;
    const nextTimer = this.timers[0]?.dueAt ?? Number.POSITIVE_INFINITY;
    const nextMinute =
      this.minuteListeners.length > 0 ? (this.lastMinute + 1) * 60_000 : Number.POSITIVE_INFINITY;
    const next = Math.min(nextTimer, nextMinute);
    if (next === Number.POSITIVE_INFINITY) return;
    const wait = Math.min(MAX_REAL_WAIT_MS, Math.max(0, next - this.now()));
    this.realTimer = setTimeout(() => {
      this.realTimer = null;
      this.fireDue(this.now());
    }, wait);
    this.realTimer.unref?.();
  }
}
