import type { ListQueuesRequest, ListQueuesResult } from "@aws-sdk/client-sqs";
import { queueUrl, type SqsContext } from "./context";
import { paginateNames } from "./pagination";

export function listQueues(context: SqsContext, input: ListQueuesRequest): ListQueuesResult {
  const queues = context.model.queuesIn(context.region);
  const prefix = input.QueueNamePrefix ?? "";
  const names = [...queues.keys()].filter((name) => name.startsWith(prefix));
  const { page, nextToken } = paginateNames(names, input.MaxResults, input.NextToken);
  return {
    QueueUrls: page.length > 0 ? page.map((name) => queueUrl(context, queues.get(name)!)) : undefined,
    NextToken: nextToken,
  };
}
