import type { DeleteMessageRequest } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { SqsContext } from "./context";

export function deleteMessage(context: SqsContext, input: DeleteMessageRequest): Record<string, never> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  if (!input.ReceiptHandle) throw sqsErrors.missingParameter("ReceiptHandle");
  queue.deleteMessage(input.ReceiptHandle);
  return {};
}
