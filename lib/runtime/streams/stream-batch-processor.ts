/**
 * What a stream mapping does with one batch of one shard, as Lambda does it. The shard waits
 * until the batch is done: it succeeds, or its records are discarded.
 *
 * - A function error (thrown, timed out, or an invalid batch response) retries the batch. With
 *   BisectBatchOnFunctionError the failed batch is split in two and each half is retried on its
 *   own; splitting does not count towards MaximumRetryAttempts. A batch of one record that keeps
 *   failing counts retries; past MaximumRetryAttempts (-1: never) its records are discarded.
 * - A valid partial batch response (ReportBatchItemFailures) checkpoints before the lowest
 *   failed sequence number and retries from there (a retry, counted).
 * - Records older than MaximumRecordAgeInSeconds (-1: never) are discarded before an invocation.
 * - A throttled invocation is retried without counting, until the records are too old.
 * - Discarded records are described to the on-failure destination, when there is one.
 */
import { randomUUID } from "node:crypto";
import { backoffDelay } from "../backoff";
import { judgeBatchResponse, verdictForLog } from "../events/batch-response";
import type { MappingRunContext } from "../mapping-runner";
import type { DiscardCondition } from "./on-failure-destination";
import type { StreamRecord, StreamSource } from "./stream-source";

export interface StreamBatchSettings {
  maximumRetryAttempts: number;
  maximumRecordAgeInSeconds: number;
  bisectBatchOnFunctionError: boolean;
  reportBatchItemFailures: boolean;
}

export interface DiscardNotice {
  condition: DiscardCondition;
  records: StreamRecord[];
  requestId: string;
  approximateInvokeCount: number;
  functionError: boolean;
}

export interface StreamBatchEnvironment {
  ctx: MappingRunContext;
  source: Pick<StreamSource, "eventSource">;
  settings: StreamBatchSettings;
  /** Everything up to and including this sequence number is done. */
  checkpoint(sequenceNumber: string): void;
  discard(notice: DiscardNotice): Promise<void>;
  /** Back-off before retrying a failed batch (attempt 1, 2, ...). */
  retryDelayMs(attempt: number): number;
}

interface PendingBatch {
  records: StreamRecord[];
  retries: number;
  invocations: number;
  lastRequestId?: string;
}

export type BatchOutcome = "done" | "stopped";

export async function processStreamBatch(records: StreamRecord[], env: StreamBatchEnvironment, signal: AbortSignal): Promise<BatchOutcome> {
  const { ctx, settings } = env;
  const work: PendingBatch[] = [{ records, retries: 0, invocations: 0 }];
  let throttles = 0;

  const finish = async (item: PendingBatch, condition: DiscardCondition | null) => {
    if (condition) {
      const notice: DiscardNotice = {
        condition,
        records: item.records,
        requestId: item.lastRequestId ?? randomUUID(),
        approximateInvokeCount: item.invocations,
        functionError: item.invocations > 0,
      };
      await ctx.busy(() => env.discard(notice));
    }
    env.checkpoint(item.records[item.records.length - 1].sequenceNumber);
    work.shift();
  };

  while (work.length > 0) {
    if (signal.aborted) return "stopped";
    const item = work[0];

    const expired = expiredPrefix(item.records, settings.maximumRecordAgeInSeconds, ctx.clock.now());
    if (expired > 0) {
      const old = item.records.slice(0, expired);
      await finish({ ...item, records: old }, "RecordAgeExceeded");
      if (expired < item.records.length) work.unshift({ ...item, records: item.records.slice(expired) });
      continue;
    }

    const ids = new Set(item.records.map((r) => r.sequenceNumber));
    const last = item.records[item.records.length - 1];
    ctx.fn.recordIteratorAge(ctx.clock.now() - last.arrivalMs);
    const event = { Records: item.records.map((r) => r.event) };
    const result = await ctx.busy(() =>
      ctx.fn.invoke(event, {
        batchSize: item.records.length,
        eventSource: env.source.eventSource,
        mappingId: ctx.mappingId,
        judge: (response) => verdictForLog(judgeBatchResponse(response, ids, settings.reportBatchItemFailures)),
      }),
    );

    if (result.status === "throttled") {
      throttles += 1;
      await ctx.clock.sleep(backoffDelay(throttles, 500, 10_000), signal);
      continue;
    }
    throttles = 0;
    item.invocations += 1;
    item.lastRequestId = result.requestId;

    let failedFrom = -1;
    if (result.status === "returned") {
      const verdict = judgeBatchResponse(result.result, ids, settings.reportBatchItemFailures);
      if (verdict.kind === "succeeded") {
        await finish(item, null);
        continue;
      }
      if (verdict.kind === "partial") {
        const failed = new Set(verdict.failedIds);
        failedFrom = item.records.findIndex((r) => failed.has(r.sequenceNumber));
      }
    }

    if (failedFrom > 0) {
      env.checkpoint(item.records[failedFrom - 1].sequenceNumber);
      item.records = item.records.slice(failedFrom);
    } else if (failedFrom === -1 && settings.bisectBatchOnFunctionError && item.records.length > 1) {
      const half = Math.ceil(item.records.length / 2);
      work.splice(
        0,
        1,
        { records: item.records.slice(0, half), retries: item.retries, invocations: item.invocations, lastRequestId: item.lastRequestId },
        { records: item.records.slice(half), retries: item.retries, invocations: item.invocations, lastRequestId: item.lastRequestId },
      );
      ctx.log("info", `Split a failed batch of ${item.records.length} records in two.`, { sizes: [half, item.records.length - half] });
      continue;
    }

    item.retries += 1;
    if (settings.maximumRetryAttempts >= 0 && item.retries > settings.maximumRetryAttempts) {
      ctx.log("warn", `Discarded ${item.records.length} records after ${settings.maximumRetryAttempts} retries.`, {
        firstSequenceNumber: item.records[0].sequenceNumber,
        lastSequenceNumber: item.records[item.records.length - 1].sequenceNumber,
      });
      await finish(item, "RetryAttemptsExhausted");
      continue;
    }
    await ctx.clock.sleep(env.retryDelayMs(item.retries), signal);
  }
  return "done";
}

/** How many records at the start of the batch are older than the maximum age. */
function expiredPrefix(records: StreamRecord[], maxAgeSeconds: number, now: number): number {
  if (maxAgeSeconds < 0) return 0;
  let count = 0;
  while (count < records.length && now - records[count].arrivalMs > maxAgeSeconds * 1000) count += 1;
  return count;
}
