import type { ListDeadLetterSourceQueuesRequest, ListDeadLetterSourceQueuesResult } from "@aws-sdk/client-sqs";
import { queueUrl, type SqsContext } from "./context";
import { paginateNames } from "./pagination";

export function listDeadLetterSourceQueues(context: SqsContext, input: ListDeadLetterSourceQueuesRequest): ListDeadLetterSourceQueuesResult {
  const deadLetterQueue = context.model.requireByUrl(context.region, input.QueueUrl);
  const sources = new Map(context.model.deadLetterSourcesOf(deadLetterQueue).map((q) => [q.name, q]));
  const { page, nextToken } = paginateNames([...sources.keys()], input.MaxResults, input.NextToken);
  return { queueUrls: page.map((name) => queueUrl(context, sources.get(name)!)), NextToken: nextToken };
}
