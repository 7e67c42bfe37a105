import type { DeleteQueueRequest } from "@aws-sdk/client-sqs";
import type { SqsContext } from "./context";

export function deleteQueue(context: SqsContext, input: DeleteQueueRequest): Record<string, never> {
  const queue = context.model.requireByUrl(context.region, input.QueueUrl);
  context.model.delete(queue);
  context.longPolls.available(queue);
  return {};
}
