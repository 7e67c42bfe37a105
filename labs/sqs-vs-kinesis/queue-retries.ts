/**
 * Which orders the queue processor failed and when SQS will offer them again, read from its
 * batches: a reported failure stays invisible for the visibility timeout after the receive, and
 * after the third receive the next receive moves it to the dead-letter queue instead.
 */
import type { SqsBatchView } from "./activity";
import { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS } from "./settings";

export interface RetryView {
  messageId: string;
  orderId: string;
  /** Receives so far (the latest failed). */
  receives: number;
  lastFailedAt: string;
  /** When SQS shows it again (the cloud's clock, ISO). */
  visibleAgainAt: string;
  /** True after the last allowed receive: the next receive moves it to the DLQ. */
  headingToDlq: boolean;
}

export interface QueueOutcome {
  retries: RetryView[];
  /** Orders that succeeded more than once (a standard queue delivers at least once; a batch failure without ReportBatchItemFailures causes it too). */
  processedTwice: string[];
  succeeded: number;
  failedAttempts: number;
}

export function queueOutcome(batches: readonly SqsBatchView[]): QueueOutcome {
  const latest = new Map<string, { at: string; ok: boolean; receives: number; orderId: string }>();
  const successes = new Map<string, number>();
  let failedAttempts = 0;
  for (const batch of [...batches].sort((a, b) => a.at.localeCompare(b.at))) {
    for (const m of batch.messages) {
      latest.set(m.messageId, { at: batch.at, ok: m.ok, receives: m.receiveCount, orderId: m.orderId });
      if (m.ok) successes.set(m.orderId, (successes.get(m.orderId) ?? 0) + 1);
      else failedAttempts += 1;
    }
  }
  const retries: RetryView[] = [];
  for (const [messageId, last] of latest) {
    if (last.ok) continue;
    retries.push({
      messageId,
      orderId: last.orderId,
      receives: last.receives,
      lastFailedAt: last.at,
      visibleAgainAt: new Date(Date.parse(last.at) + VISIBILITY_TIMEOUT_SECONDS * 1000).toISOString(),
      headingToDlq: last.receives >= MAX_RECEIVE_COUNT,
    });
  }
  return {
    retries: retries.sort((a, b) => a.visibleAgainAt.localeCompare(b.visibleAgainAt)),
    processedTwice: [...successes].filter(([, n]) => n > 1).map(([orderId]) => orderId),
    succeeded: [...successes.values()].reduce((a, b) => a + b, 0),
    failedAttempts,
  };
}
