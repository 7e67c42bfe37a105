import type { BatchResultErrorEntry, SendMessageBatchRequestEntry, SendMessageBatchResult, SendMessageBatchResultEntry } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import { messageSize } from "../model/message";
import { MAX_MESSAGE_BYTES } from "../model/queue-attributes";
import { assertValidBatch, failedEntry } from "./batch";
import type { SqsContext, WireMessageAttributes } from "./context";
import { sendToQueue } from "./send-message";

export type SendMessageBatchEntryInput = Omit<SendMessageBatchRequestEntry, "MessageAttributes" | "MessageSystemAttributes"> & {
  MessageAttributes?: WireMessageAttributes;
  MessageSystemAttributes?: WireMessageAttributes;
};

export interface SendMessageBatchInput {
  QueueUrl?: string;
  Entries?: SendMessageBatchEntryInput[];
}

export function sendMessageBatch(context: SqsContext, input: SendMessageBatchInput): SendMessageBatchResult {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  const entries = input.Entries;
  assertValidBatch(entries, "SendMessageBatchRequestEntry");
  // A FIFO queue refuses the whole batch, not the entry, when an entry has no group (as AWS does).
  if (queue.fifo && (entries as SendMessageBatchEntryInput[]).some((e) => e.MessageGroupId === undefined || e.MessageGroupId === "")) {
    throw sqsErrors.missingParameter("MessageGroupId");
  }
  let total = 0;
  for (const entry of entries as SendMessageBatchEntryInput[]) {
    total += messageSize(typeof entry.MessageBody === "string" ? entry.MessageBody : "", entry.MessageAttributes);
  }
  if (total > MAX_MESSAGE_BYTES) throw sqsErrors.batchRequestTooLong(MAX_MESSAGE_BYTES, total);
  const Successful: SendMessageBatchResultEntry[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of entries as SendMessageBatchEntryInput[]) {
    try {
      const outcome = sendToQueue(context, queue, entry);
      // Only the members that have values: this answer is on the hot path and undefined members cost.
      const result: SendMessageBatchResultEntry = { Id: entry.Id, MessageId: outcome.messageId, MD5OfMessageBody: outcome.md5OfBody };
      if (outcome.md5OfAttributes) result.MD5OfMessageAttributes = outcome.md5OfAttributes;
      if (outcome.md5OfSystemAttributes) result.MD5OfMessageSystemAttributes = outcome.md5OfSystemAttributes;
      if (outcome.sequenceNumber) result.SequenceNumber = outcome.sequenceNumber;
      Successful.push(result);
    } catch (error) {
      Failed.push(failedEntry(entry.Id as string, error));
    }
  }
  return { Successful, Failed };
}
