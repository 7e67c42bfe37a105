/**
 * Where a stream mapping sends word of the records it discards (retries exhausted, too old): an
 * SQS queue or an SNS topic, with the invocation record Lambda sends, which describes the batch
 * (shard, first and last sequence numbers, arrival times) rather than carrying the records.
 */
import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { parseArn, queueNameFromArn } from "../arn";
import type { StreamRecord } from "./stream-source";

export type DiscardCondition = "RetryAttemptsExhausted" | "RecordAgeExceeded";

export interface DiscardedBatch {
  condition: DiscardCondition;
  requestId: string;
  functionArn: string;
  approximateInvokeCount: number;
  /** Whether the function was invoked and failed (the record's responseContext). */
  functionError?: "Unhandled";
  shardId: string;
  streamArn: string;
  batchInfoKey: "KinesisBatchInfo" | "DDBStreamBatchInfo";
  records: StreamRecord[];
  now: number;
}

export function invocationRecord(batch: DiscardedBatch): Record<string, unknown> {
  const first = batch.records[0];
  const last = batch.records[batch.records.length - 1];
  return {
    requestContext: {
      requestId: batch.requestId,
      functionArn: batch.functionArn,
      condition: batch.condition,
      approximateInvokeCount: batch.approximateInvokeCount,
    },
    ...(batch.functionError
      ? { responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: batch.functionError } }
      : {}),
    version: "1.0",
    timestamp: new Date(batch.now).toISOString(),
    [batch.batchInfoKey]: {
      shardId: batch.shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: new Date(first.arrivalMs).toISOString(),
      approximateArrivalOfLastRecord: new Date(last.arrivalMs).toISOString(),
      batchSize: batch.records.length,
      streamArn: batch.streamArn,
    },
  };
}

export interface DestinationClients {
  sqs?: SQSClient;
  sns?: SNSClient;
}

/** Sends the record to the destination ARN (an SQS queue or SNS topic). */
export async function sendToDestination(destinationArn: string, record: Record<string, unknown>, clients: DestinationClients): Promise<void> {
  const arn = parseArn(destinationArn);
  const body = JSON.stringify(record);
  if (arn?.service === "sqs") {
    if (!clients.sqs) throw new Error("No SQS client to send to the on-failure destination.");
    const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueNameFromArn(destinationArn), QueueOwnerAWSAccountId: arn.accountId }));
    await clients.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    return;
  }
  if (arn?.service === "sns") {
    if (!clients.sns) throw new Error("No SNS client to publish to the on-failure destination.");
    await clients.sns.send(new PublishCommand({ TopicArn: destinationArn, Message: body }));
    return;
  }
  throw new Error(`The on-failure destination ${destinationArn} is neither an SQS queue nor an SNS topic.`);
}
