/**
 * How many invocations of one function are running: the source of the ConcurrentExecutions
 * metric, and of throttling when the function has reserved concurrency.
 */
export class ConcurrencyGauge {
  private running = 0;
  private peak = 0;

  get current(): number {
    return this.running;
  }

  /** Starts an invocation unless `limit` invocations are already running. */
  tryAcquire(limit?: number): boolean {
    if (limit !== undefined && this.running >= limit) return false;
    this.running += 1;
    this.peak = Math.max(this.peak, this.running);
    return true;
  }

  release(): void {
    this.running = Math.max(0, this.running - 1);
  }

  /** The highest concurrency since the last call (then starts over from what runs now). */
  takePeak(): number {
    const peak = this.peak;
    this.peak = this.running;
    return peak;
  }
}

/** A counting semaphore: at most `size` holders at once; waiters are served in order. */
export class Semaphore {
  private held = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private size: number) {}

  get available(): number {
    return this.size - this.held;
  }

  resize(size: number): void {
    this.size = size;
    this.drain();
  }

  /** Resolves true once a slot is held; false if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (this.held < this.size) {
      this.held += 1;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(true);
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(grant);
        if (index !== -1) this.waiters.splice(index, 1);
        resolve(false);
      };
      this.waiters.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  release(): void {
    this.held = Math.max(0, this.held - 1);
    this.drain();
  }

  private drain(): void {
    while (this.held < this.size && this.waiters.length > 0) {
      this.held += 1;
      this.waiters.shift()?.();
    }
  }
}
