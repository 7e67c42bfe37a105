/**
 * Where the runtime reads the time and waits. Against real AWS this is the system clock; against
 * the embedded local cloud the app passes the cloud's VirtualClock (it has the same two methods),
 * so a fast-forward also moves batching windows, retry back-offs and function timeouts.
 */
export interface RuntimeClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. Never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: RuntimeClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        signal?.removeEventListener("abort", done);
        clearTimeout(timer);
        resolve();
      }
      signal?.addEventListener("abort", done, { once: true });
    }),
};
