/**
 * How Lambda reads a function's partial batch response (ReportBatchItemFailures), for SQS and
 * for streams alike. With the setting off, any return is a success. With it on:
 *
 * - a complete success: nothing returned, null, an empty object, or an empty or null
 *   `batchItemFailures` list;
 * - a complete failure (the whole batch is retried): a response that is not an object, a
 *   `batchItemFailures` that is not a list, an entry without `itemIdentifier` (a wrong key name),
 *   with a null or empty one, or with one that names no record of the batch;
 * - otherwise the named records failed and the rest succeeded.
 */
import type { ResultVerdict } from "../function/lambda-function";

export const REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

export type BatchVerdict =
  | { kind: "succeeded" }
  | { kind: "partial"; failedIds: string[] }
  | { kind: "invalid"; reason: string };

export function judgeBatchResponse(
  response: unknown,
  batchIds: ReadonlySet<string>,
  reportBatchItemFailures: boolean,
): BatchVerdict {
  if (!reportBatchItemFailures || response === undefined || response === null) return { kind: "succeeded" };
  if (typeof response !== "object" || Array.isArray(response)) {
    return { kind: "invalid", reason: "the function returned something that is not a batch response object" };
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: "succeeded" };
  if (!Array.isArray(failures)) return { kind: "invalid", reason: "batchItemFailures is not a list" };
  if (failures.length === 0) return { kind: "succeeded" };
  const failedIds: string[] = [];
  for (const failure of failures) {
    if (typeof failure !== "object" || failure === null || !("itemIdentifier" in failure)) {
      return { kind: "invalid", reason: "a batchItemFailures entry has no itemIdentifier" };
    }
    const id = (failure as { itemIdentifier: unknown }).itemIdentifier;
    if (id === null || id === undefined) return { kind: "invalid", reason: "an itemIdentifier is null" };
    if (typeof id !== "string" || id === "") return { kind: "invalid", reason: "an itemIdentifier is empty or not a string" };
    if (!batchIds.has(id)) return { kind: "invalid", reason: `itemIdentifier ${id} names no record of the batch` };
    if (!failedIds.includes(id)) failedIds.push(id);
  }
  return { kind: "partial", failedIds };
}

/** How an invocation's log line describes the verdict. */
export function verdictForLog(verdict: BatchVerdict): ResultVerdict {
  if (verdict.kind === "succeeded") return { outcome: "success" };
  if (verdict.kind === "partial") return { outcome: "partial", failedItems: verdict.failedIds.length };
  return { outcome: "error", error: `Invalid batch response: ${verdict.reason}; the whole batch failed.` };
}
