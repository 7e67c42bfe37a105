/**
 * The clock of a local cloud running in another process (an Endpoint connection to
 * `npm run localcloud`), followed over its `GET /_localcloud/clock`. While the runtime waits on
 * it, it asks the cloud for its time about once a second, so a fast-forward done in the UI or with
 * `POST /_localcloud/clock` also ends the runtime's batching windows, back-offs and timeouts.
 * Every wait reads the cloud's time first, so a fast-forward made before it (while nothing
 * waited, or a moment ago) counts from before the wait, not in the middle of it: a function's
 * timeout must not end at once because the cloud jumped just before it was invoked.
 * (The embedded cloud's VirtualClock is used directly instead; real AWS uses `systemClock`.)
 */
import type { RuntimeClock } from "./runtime-clock";

interface Sleeper {
  dueAt: number;
  resolve: () => void;
}

const REFRESH_MS = 1_000;

export class LocalCloudClock implements RuntimeClock {
  private offsetMs = 0;
  private sleepers = new Set<Sleeper>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly endpoint: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Reads the cloud's time now (call once before use so `now()` starts right). */
  async sync(): Promise<void> {
    try {
      const response = await this.fetchImpl(`${this.endpoint.replace(/\/$/, "")}/_localcloud/clock`);
      if (!response.ok) return;
      const body = (await response.json()) as { offsetSeconds?: unknown };
      if (typeof body.offsetSeconds === "number" && Number.isFinite(body.offsetSeconds)) {
        this.offsetMs = Math.max(this.offsetMs, body.offsetSeconds * 1000);
      }
    } catch {
      // The cloud is away for a moment: keep the last offset.
    }
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await this.sync();
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        dueAt: this.now() + Math.max(0, ms),
        resolve: () => {
          this.sleepers.delete(sleeper);
          signal?.removeEventListener("abort", sleeper.resolve);
          resolve();
        },
      };
      signal?.addEventListener("abort", sleeper.resolve, { once: true });
      this.sleepers.add(sleeper);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer || this.sleepers.size === 0) return;
    const nextDue = Math.min(...[...this.sleepers].map((s) => s.dueAt));
    const wait = Math.max(0, Math.min(REFRESH_MS, nextDue - this.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, wait);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    await this.sync();
    const now = this.now();
    for (const sleeper of [...this.sleepers]) if (sleeper.dueAt <= now) sleeper.resolve();
    this.schedule();
  }
}
