import type { GetQueueUrlRequest, GetQueueUrlResult } from "@aws-sdk/client-sqs";
import { sqsErrors } from "../errors";
import { queueUrl, type SqsContext } from "./context";

export function getQueueUrl(context: SqsContext, input: GetQueueUrlRequest): GetQueueUrlResult {
  if (!input.QueueName) throw sqsErrors.missingParameter("QueueName");
  if (input.QueueOwnerAWSAccountId !== undefined && input.QueueOwnerAWSAccountId !== context.accountId) {
    throw sqsErrors.queueDoesNotExist();
  }
  return { QueueUrl: queueUrl(context, context.model.require(context.region, input.QueueName)) };
}
