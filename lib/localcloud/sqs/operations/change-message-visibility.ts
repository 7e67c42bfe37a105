import type { ChangeMessageVisibilityRequest } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { SqsContext } from "./context";

export function changeMessageVisibility(context: SqsContext, input: ChangeMessageVisibilityRequest): Record<string, never> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  if (!input.ReceiptHandle) throw sqsErrors.missingParameter("ReceiptHandle");
  if (input.VisibilityTimeout === undefined) throw sqsErrors.missingParameter("VisibilityTimeout");
  queue.changeVisibility(input.ReceiptHandle, input.VisibilityTimeout);
  return {};
}
