import type { UntagQueueRequest } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { SqsContext } from "./context";

export function untagQueue(context: SqsContext, input: UntagQueueRequest): Record<string, never> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  if (!input.TagKeys || input.TagKeys.length === 0) throw sqsErrors.missingParameter("TagKeys");
  for (const key of input.TagKeys) delete queue.tags[key];
  context.model.markChanged(queue);
  return {};
}
