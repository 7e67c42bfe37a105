import type {
  BatchResultErrorEntry,
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  ChangeMessageVisibilityBatchResultEntry,
} from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import { assertValidBatch, failedEntry } from "./batch";
import type { SqsContext } from "./context";

export function changeMessageVisibilityBatch(context: SqsContext, input: ChangeMessageVisibilityBatchRequest): ChangeMessageVisibilityBatchResult {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  assertValidBatch(input.Entries, "ChangeMessageVisibilityBatchRequestEntry");
  const Successful: ChangeMessageVisibilityBatchResultEntry[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of input.Entries ?? []) {
    try {
      if (!entry.ReceiptHandle) throw sqsErrors.missingParameter("ReceiptHandle");
      queue.changeVisibility(entry.ReceiptHandle, entry.VisibilityTimeout ?? 0);
      Successful.push({ Id: entry.Id });
    } catch (error) {
      Failed.push(failedEntry(entry.Id as string, error));
    }
  }
  return { Successful, Failed };
}
