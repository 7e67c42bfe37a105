import type { ReceiveMessageRequest } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import { MAX_VISIBILITY_TIMEOUT_SECONDS } from "../model/queue-attributes";
import type { ReceiveOptions } from "../model/queue";
import { assertIntegerInRange, type SqsContext } from "./context";
import { renderReceivedMessage, type WireMessage } from "./received-message";

export interface ReceiveMessageOutput {
  Messages?: WireMessage[];
}

const ATTEMPT_ID = /^[\x21-\x7E]{1,128}$/;

export async function receiveMessage(context: SqsContext, input: ReceiveMessageRequest): Promise<ReceiveMessageOutput> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  assertIntegerInRange(input.MaxNumberOfMessages, "MaxNumberOfMessages", 1, 10, "Must be between 1 and 10, if provided.");
  assertIntegerInRange(input.VisibilityTimeout, "VisibilityTimeout", 0, MAX_VISIBILITY_TIMEOUT_SECONDS, `Must be >= 0 and <= ${MAX_VISIBILITY_TIMEOUT_SECONDS}, if provided.`);
  assertIntegerInRange(input.WaitTimeSeconds, "WaitTimeSeconds", 0, 20, "Must be >= 0 and <= 20, if provided.");
  if (input.ReceiveRequestAttemptId !== undefined && !ATTEMPT_ID.test(input.ReceiveRequestAttemptId)) {
    throw sqsErrors.invalidValue(
      input.ReceiveRequestAttemptId,
      "ReceiveRequestAttemptId",
      "ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.",
    );
  }
  const options: ReceiveOptions = {
    maxMessages: input.MaxNumberOfMessages ?? 1,
    visibilityTimeoutSeconds: input.VisibilityTimeout,
    attemptId: queue.fifo ? input.ReceiveRequestAttemptId : undefined,
    deadLetterQueue: context.model.findByArn,
  };
  let received = queue.receive(options);
  const waitSeconds = input.WaitTimeSeconds ?? queue.settings.waitTimeSeconds;
  if (received.length === 0 && waitSeconds > 0) {
    received = await context.longPolls.wait(queue, waitSeconds, context.signal, () => queue.receive(options));
  }
  if (received.length === 0) {
    queue.recordEmptyReceive();
    return {};
  }
  const systemNames = [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])];
  const attributeNames = input.MessageAttributeNames ?? [];
  return { Messages: received.map((r) => renderReceivedMessage(r.message, r.receiptHandle, systemNames, attributeNames)) };
}
