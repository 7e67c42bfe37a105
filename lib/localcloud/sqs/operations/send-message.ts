import type { SendMessageRequest, SendMessageResult } from "@aws-sdk/client-sqs";
import type { Queue, SendOutcome } from "../model/queue";
import type { SqsContext, WireMessageAttributes } from "./context";

export type SendMessageInput = Omit<SendMessageRequest, "MessageAttributes" | "MessageSystemAttributes"> & {
  MessageAttributes?: WireMessageAttributes;
  MessageSystemAttributes?: WireMessageAttributes;
};

export function sendToQueue(context: SqsContext, queue: Queue, input: Omit<SendMessageInput, "QueueUrl">): SendOutcome {
  return queue.send({
    body: input.MessageBody as string,
    attributes: input.MessageAttributes,
    systemAttributes: input.MessageSystemAttributes,
    delaySeconds: input.DelaySeconds,
    groupId: input.MessageGroupId,
    deduplicationId: input.MessageDeduplicationId,
    senderId: context.accountId,
  });
}

export function sendMessage(context: SqsContext, input: SendMessageInput): SendMessageResult {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  const outcome = sendToQueue(context, queue, input);
  const result: SendMessageResult = { MD5OfMessageBody: outcome.md5OfBody, MessageId: outcome.messageId };
  if (outcome.md5OfAttributes) result.MD5OfMessageAttributes = outcome.md5OfAttributes;
  if (outcome.md5OfSystemAttributes) result.MD5OfMessageSystemAttributes = outcome.md5OfSystemAttributes;
  if (outcome.sequenceNumber) result.SequenceNumber = outcome.sequenceNumber;
  return result;
}
