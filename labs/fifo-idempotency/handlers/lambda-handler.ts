/**
 * The consumer as it would be deployed to Lambda (handler setting `lambda-handler.handler`): the
 * clients take the function's region and role from Lambda's environment, the settings come from
 * its environment variables (consumer-settings.ts).
 */
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { consumerSettings } from "./consumer-settings";
import { createFifoConsumer, type FifoConsumerEnvironment } from "./fifo-consumer";

let clients: Pick<FifoConsumerEnvironment, "dynamodb" | "sqs" | "cloudwatch"> | undefined;

// Clients are made once per execution environment and reused by every invocation; settings are
// read each time, as a configuration change starts new environments on Lambda anyway.
export const handler = createFifoConsumer(() => ({
  ...(clients ??= { dynamodb: new DynamoDBClient({}), sqs: new SQSClient({}), cloudwatch: new CloudWatchClient({}) }),
  ...consumerSettings(process.env),
}));
