import type { PurgeQueueRequest } from "@aws-sdk/client-sqs";
import type { SqsContext } from "./context";

export function purgeQueue(context: SqsContext, input: PurgeQueueRequest): Record<string, never> {
  context.model.requireByUrl(context.region, input.QueueUrl).purge();
  return {};
}
