import type { TagQueueRequest } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import { validateTags } from "../model/sqs-model";
import type { SqsContext } from "./context";

export function tagQueue(context: SqsContext, input: TagQueueRequest): Record<string, never> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  if (!input.Tags || Object.keys(input.Tags).length === 0) throw sqsErrors.missingParameter("Tags");
  const merged = { ...queue.tags, ...input.Tags };
  validateTags(merged, queue.name);
  queue.tags = merged;
  context.model.markChanged(queue);
  return {};
}
