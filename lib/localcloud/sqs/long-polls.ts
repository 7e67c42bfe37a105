/**
 * Long polling: a ReceiveMessage with WaitTimeSeconds > 0 that found nothing waits here until a
 * message becomes receivable in its queue (a send, a visibility timeout or delay ending, the clock
 * moving), its wait runs out on the clock, or the client goes away. Waiters are served in order.
 */
import type { VirtualClock } from "../core/clock";
import type { Queue, ReceivedMessage } from "./model/queue";

interface Waiter {
  attempt: () => ReceivedMessage[];
  finish: (messages: ReceivedMessage[]) => void;
}

export class LongPolls {
  private waiting = new Map<Queue, Set<Waiter>>();
  private pending = new Set<Queue>();

  constructor(private readonly clock: VirtualClock) {}

  /** Waits up to `seconds` of the clock for `attempt` to return messages. */
  wait(queue: Queue, seconds: number, signal: AbortSignal | undefined, attempt: () => ReceivedMessage[]): Promise<ReceivedMessage[]> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve([]);
      const stop = new AbortController();
      let waiters = this.waiting.get(queue);
      if (!waiters) {
        waiters = new Set();
        this.waiting.set(queue, waiters);
      }
      const onAbort = () => waiter.finish([]);
      const waiter: Waiter = {
        attempt,
        finish: (messages) => {
          const set = this.waiting.get(queue);
          set?.delete(waiter);
          if (set?.size === 0) this.waiting.delete(queue);
          signal?.removeEventListener("abort", onAbort);
          stop.abort();
          resolve(messages);
        },
      };
      waiters.add(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      void this.clock.sleep(seconds * 1000, stop.signal).then(() => {
        if (!stop.signal.aborted) waiter.finish([]);
      });
    });
  }

  /** Messages became receivable in `queue` (or it was deleted): serve its waiters, in order. */
  available(queue: Queue): void {
    if (!this.waiting.has(queue) || this.pending.has(queue)) return;
    this.pending.add(queue);
    queueMicrotask(() => {
      this.pending.delete(queue);
      const waiters = this.waiting.get(queue);
      if (!waiters) return;
      for (const waiter of [...waiters]) {
        if (queue.deleted) {
          waiter.finish([]);
          continue;
        }
        if (!queue.hasReceivable()) break;
        const messages = waiter.attempt();
        if (messages.length > 0) waiter.finish(messages);
      }
    });
  }

  get waitingCount(): number {
    let count = 0;
    for (const waiters of this.waiting.values()) count += waiters.size;
    return count;
  }
}
