import type { CreateQueueRequest, CreateQueueResult } from "@aws-sdk/client-sqs";
import { queueUrl, type SqsContext } from "./context";

export function createQueue(context: SqsContext, input: CreateQueueRequest): CreateQueueResult {
  const queue = context.model.create(context.region, input.QueueName ?? "", input.Attributes ?? {}, input.tags ?? {});
  return { QueueUrl: queueUrl(context, queue) };
}
