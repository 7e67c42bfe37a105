import type { ListQueueTagsRequest, ListQueueTagsResult } from "@aws-sdk/client-sqs";
import type { SqsContext } from "./context";

export function listQueueTags(context: SqsContext, input: ListQueueTagsRequest): ListQueueTagsResult {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
}
