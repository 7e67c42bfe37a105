import type { BatchResultErrorEntry, DeleteMessageBatchRequest, DeleteMessageBatchResult, DeleteMessageBatchResultEntry } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import { assertValidBatch, failedEntry } from "./batch";
import type { SqsContext } from "./context";

export function deleteMessageBatch(context: SqsContext, input: DeleteMessageBatchRequest): DeleteMessageBatchResult {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  assertValidBatch(input.Entries, "DeleteMessageBatchRequestEntry");
  const Successful: DeleteMessageBatchResultEntry[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of input.Entries ?? []) {
    try {
      if (!entry.ReceiptHandle) throw sqsErrors.missingParameter("ReceiptHandle");
      queue.deleteMessage(entry.ReceiptHandle);
      Successful.push({ Id: entry.Id });
    } catch (error) {
      Failed.push(failedEntry(entry.Id as string, error));
    }
  }
  return { Successful, Failed };
}
