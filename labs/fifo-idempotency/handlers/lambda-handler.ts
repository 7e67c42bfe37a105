/**
 * The consumer as it would be deployed to Lambda: the clients take the function's region and role
 * from Lambda's environment, and the settings come from environment variables:
 *
 *   TABLE_NAME         the idempotency table (required)
 *   METRICS_NAMESPACE  default MessagingLabs/FifoConsumer
 *   CRASH_AFTER_SAVE   "true" to make every save crash before its delete (the lab's switch)
 *
 * Handler setting: `lambda-handler.handler`.
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createFifoConsumer, type FifoConsumerEnvironment } from "./fifo-consumer";

export const DEFAULT_METRICS_NAMESPACE = "MessagingLabs/FifoConsumer";

let environment: FifoConsumerEnvironment | undefined;

function fromProcessEnvironment(): FifoConsumerEnvironment {
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error("Set the TABLE_NAME environment variable to the idempotency table's name.");
  return {
    dynamodb: new DynamoDBClient({}),
    sqs: new SQSClient({}),
    cloudwatch: new CloudWatchClient({}),
    tableName,
    metricsNamespace: process.env.METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE,
    crashAfterSave: () => process.env.CRASH_AFTER_SAVE === "true",
  };
}

// Clients are made once per execution environment and reused by every invocation.
export const handler = createFifoConsumer(() => (environment ??= fromProcessEnvironment()));
