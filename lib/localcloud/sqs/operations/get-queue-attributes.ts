import type { GetQueueAttributesRequest, GetQueueAttributesResult } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import type { Queue } from "../model/queue";
import { ALL_ATTRIBUTE_NAMES, isKnownAttributeName } from "../model/queue-attributes";
import type { SqsContext } from "./context";

/** Every attribute of a queue as GetQueueAttributes reports it, counts included. */
export function queueAttributeValues(queue: Queue, now: number): Record<string, string> {
  queue.processDue(now);
  const values: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(queue.visibleCount),
    ApproximateNumberOfMessagesNotVisible: String(queue.inflightCount),
    ApproximateNumberOfMessagesDelayed: String(queue.delayedCount),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
  };
  for (const name of ALL_ATTRIBUTE_NAMES) {
    const value = queue.attributes[name];
    if (value !== undefined) values[name] = value;
  }
  return values;
}

export function getQueueAttributes(context: SqsContext, input: GetQueueAttributesRequest): GetQueueAttributesResult {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  const names = input.AttributeNames ?? [];
  for (const name of names) {
    if (name !== "All" && !isKnownAttributeName(name, queue.fifo)) throw sqsErrors.invalidAttributeName(name);
  }
  if (names.length === 0) return {};
  const values = queueAttributeValues(queue, context.model.clock.now());
  const wanted = names.includes("All") ? ALL_ATTRIBUTE_NAMES : names;
  const attributes: Record<string, string> = {};
  for (const name of wanted) {
    if (values[name] !== undefined) attributes[name] = values[name];
  }
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
}
