/**
 * Test helpers: run a handler inside an invocation scope to capture what it logs, and build
 * Lambda event records the way the runtime builds them.
 */
import type { KinesisStreamRecord, SQSRecord } from "aws-lambda";
import { toKinesisRecord } from "@/lib/runtime/events/kinesis-event";
import { toSqsRecord } from "@/lib/runtime/events/sqs-event";
import { runInInvocationScope } from "@/lib/runtime/function/invocation-scope";
import type { HandlerLogLine, LogLine } from "@/lib/runtime";

export async function withLogs<T>(work: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; logs: HandlerLogLine[] }> {
  const lines: LogLine[] = [];
  const scope = { requestId: "req-1", functionName: "user3-test", active: true, write: (line: LogLine) => lines.push(line) };
  try {
    const result = await runInInvocationScope(scope, work);
    return { result, error: undefined, logs: lines.filter((l): l is HandlerLogLine => l.type === "handler") };
  } catch (error) {
    return { result: undefined, error, logs: lines.filter((l): l is HandlerLogLine => l.type === "handler") };
  }
}

let counter = 0;

export function sqsRecord(body: string, options: { priority?: string; receiveCount?: number; sentAt?: number } = {}): SQSRecord {
  counter += 1;
  return toSqsRecord(
    {
      MessageId: `msg-${counter}`,
      ReceiptHandle: `rh-${counter}`,
      Body: body,
      MD5OfBody: "0",
      Attributes: { ApproximateReceiveCount: String(options.receiveCount ?? 1), SentTimestamp: String(options.sentAt ?? 1_700_000_000_000), SenderId: "AIDA", ApproximateFirstReceiveTimestamp: "1700000000100" },
      MessageAttributes: options.priority ? { Priority: { DataType: "String", StringValue: options.priority }, MessageType: { DataType: "String", StringValue: "OrderProcessing" } } : {},
    },
    { queueArn: "arn:aws:sqs:us-east-1:000000000000:user3-order-processing-queue", region: "us-east-1" },
  );
}

export function kinesisRecord(data: string | Uint8Array, partitionKey: string, options: { shardId?: string; sequenceNumber?: string; arrivedAt?: number } = {}): KinesisStreamRecord {
  counter += 1;
  return toKinesisRecord(
    {
      SequenceNumber: options.sequenceNumber ?? String(49_000_000_000n + BigInt(counter)),
      PartitionKey: partitionKey,
      Data: typeof data === "string" ? new TextEncoder().encode(data) : data,
      ApproximateArrivalTimestamp: new Date(options.arrivedAt ?? 1_700_000_000_000),
    },
    { streamArn: "arn:aws:kinesis:us-east-1:000000000000:stream/user3-analytics-stream", region: "us-east-1", shardId: options.shardId ?? "shardId-000000000000", invokeIdentityArn: "arn:aws:iam::000000000000:role/test" },
  );
}
