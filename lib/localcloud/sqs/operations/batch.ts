/**
 * The checks every *Batch operation makes before it looks at entries, and how a failed entry is
 * reported (BatchResultErrorEntry) instead of failing the whole request.
 */
import type { BatchResultErrorEntry } from "@aws-sdk/client-sqs";
import { isAwsError } from "../../core/errors";
import { batchEntryCode, sqsErrors } from "../errors";

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
export const MAX_BATCH_ENTRIES = 10;

export function assertValidBatch(entries: Array<{ Id?: string }> | undefined, entryName: string): asserts entries is Array<{ Id: string }> {
  if (!entries || entries.length === 0) throw sqsErrors.emptyBatchRequest(entryName);
  if (entries.length > MAX_BATCH_ENTRIES) throw sqsErrors.tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (typeof entry.Id !== "string" || !ENTRY_ID.test(entry.Id)) throw sqsErrors.invalidBatchEntryId();
    if (seen.has(entry.Id)) throw sqsErrors.batchEntryIdsNotDistinct(entry.Id);
    seen.add(entry.Id);
  }
}

export function failedEntry(id: string, error: unknown): BatchResultErrorEntry {
  if (isAwsError(error)) return { Id: id, SenderFault: error.fault === "Sender", Code: batchEntryCode(error), Message: error.message };
  return { Id: id, SenderFault: false, Code: "InternalError", Message: "The local cloud failed to process this entry." };
}
