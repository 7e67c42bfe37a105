/**
 * CreateEventSourceMapping refuses a source that does not exist, in Lambda's words: an SQS queue
 * as its ReceiveMessage error, a Kinesis or DynamoDB stream as "Stream not found".
 */
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { eventSourceKind } from "../../runtime/arn";
import { AwsError } from "../core/errors";
import type { Links } from "../core/links";
import { lambdaErrors } from "../lambda/errors";
import type { MappingEngine } from "./engine";

export async function checkSourceExists(deps: { engine: MappingEngine; links: Links }, region: string, arn: string): Promise<void> {
  const kind = eventSourceKind(arn);
  if (kind === "sqs") {
    if (deps.links.sqs && !deps.links.sqs.exists(arn)) {
      throw lambdaErrors.invalidParameter(
        "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.",
      );
    }
    return;
  }
  if (kind === "dynamodb") {
    if (!deps.links.dynamodbStreams) return;
    try {
      deps.links.dynamodbStreams.describeStream(arn);
    } catch (error) {
      if (error instanceof AwsError && error.code === "ResourceNotFoundException") throw lambdaErrors.invalidParameter(`Stream not found: ${arn}`);
      throw error;
    }
    return;
  }
  const clients = await deps.engine.clientsFor(region);
  try {
    await clients.kinesis?.send(new DescribeStreamSummaryCommand({ StreamARN: arn }));
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") throw lambdaErrors.invalidParameter(`Stream not found: ${arn}`);
    throw error;
  }
}
