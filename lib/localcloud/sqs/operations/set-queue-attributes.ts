import type { SetQueueAttributesRequest } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { SqsContext } from "./context";

export function setQueueAttributes(context: SqsContext, input: SetQueueAttributesRequest): Record<string, never> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  if (!input.Attributes) throw sqsErrors.missingParameter("Attributes");
  context.model.setAttributes(queue, input.Attributes);
  return {};
}
