/**
 * What the lab's tests share: an in-memory local cloud, the lab's context for a prefix, the
 * resources step 1 creates, a consumer environment on the context's clients, direct invocations
 * with their log lines, and CloudWatch sums of the consumer's metrics.
 */
import { randomUUID } from "node:crypto";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { createLabContext } from "@/lib/lab-framework/context";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { runInInvocationScope } from "@/lib/runtime/function/invocation-scope";
import { MappingRegistry } from "@/lib/runtime";
import type { HandlerLogLine, LogLine, NumberedLogLine } from "@/lib/runtime/logs/log-line";
import { toSqsRecord } from "@/lib/runtime/events/sqs-event";
import { METRIC_DIMENSION, type ConsumerMetric } from "./handlers/consumer-metrics";
import { createFifoConsumer, type FifoConsumerEnvironment } from "./handlers/fifo-consumer";
import type { OrderMessage } from "./handlers/order-message";
import lab from "./lab";
import { VISIBILITY_TIMEOUT_SECONDS, ensureQueues, ensureTable, type FifoContext, type QueuesResult } from "./provision";
import { CONSUMER_BATCH_SIZE, CONSUMER_TIMEOUT_SECONDS } from "./steps/consumer";

export const REGION = "us-east-1";
export const TEST_NAMESPACE = "MessagingLabs/FifoConsumerTest";

export async function labContext(cloud: LocalCloud, prefix: string): Promise<FifoContext> {
  return createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: REGION, prefix }, AbortSignal.timeout(120_000));
}

export interface LabFixture {
  cloud: LocalCloud;
  context: FifoContext;
  queues: QueuesResult;
  queueArn: string;
}

export async function provisioned(prefix: string, cloud?: LocalCloud): Promise<LabFixture> {
  const theCloud = cloud ?? (await startTestCloud());
  const context = await labContext(theCloud, prefix);
  const queues = await ensureQueues(context);
  await ensureTable(context);
  const queueArn = `arn:aws:sqs:${REGION}:000000000000:${context.names.ordersQueue}`;
  return { cloud: theCloud, context, queues, queueArn };
}

export function consumerEnvironment(context: FifoContext, crash: (record: SQSRecord, message: OrderMessage) => boolean = () => false): FifoConsumerEnvironment {
  return {
    dynamodb: context.aws.dynamodb,
    sqs: context.aws.sqs,
    cloudwatch: context.aws.cloudwatch,
    tableName: context.names.processedTable,
    metricsNamespace: TEST_NAMESPACE,
    crashAfterSave: crash,
  };
}

export function lambdaContext(functionName: string): Context {
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: "128",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "test",
    getRemainingTimeInMillis: () => 5000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Receives up to 10 messages (one FIFO receive) and makes them an SQS event. */
export async function receiveEvent(fixture: LabFixture): Promise<SQSEvent> {
  const { Messages = [] } = await fixture.context.aws.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: fixture.queues.queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["All"], WaitTimeSeconds: 0 }),
  );
  return { Records: Messages.map((m) => toSqsRecord(m, { queueArn: fixture.queueArn, region: REGION })) };
}

export type Invocation = { response: SQSBatchResponse; error: null; logs: HandlerLogLine[] } | { response: null; error: Error; logs: HandlerLogLine[] };

/** Invokes the consumer with an event inside a log scope, as the runtime would; catches a crash. */
export async function invokeConsumer(environment: FifoConsumerEnvironment, event: SQSEvent): Promise<Invocation> {
  const handler = createFifoConsumer(() => environment);
  const logs: HandlerLogLine[] = [];
  const context = lambdaContext("test-fifo-consumer");
  const scope = {
    requestId: context.awsRequestId,
    functionName: context.functionName,
    active: true,
    write: (line: LogLine) => {
      if (line.type === "handler") logs.push(line);
    },
  };
  try {
    const response = await runInInvocationScope(scope, () => handler(event, context));
    return { response, error: null, logs };
  } catch (error) {
    return { response: null, error: error as Error, logs };
  }
}

export async function tableItems(context: FifoContext): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await context.aws.dynamodb.send(new ScanCommand({ TableName: context.names.processedTable, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The sum of each consumer metric for the lab's queue (or another) over the last `hours` of the cloud's clock. */
export async function metricSums(
  fixture: LabFixture,
  metrics: ConsumerMetric[],
  { namespace = TEST_NAMESPACE, hours = 3, queueName = fixture.context.names.ordersQueue }: { namespace?: string; hours?: number; queueName?: string } = {},
): Promise<Record<string, number>> {
  const now = fixture.cloud.clock.now();
  const { MetricDataResults = [] } = await fixture.context.aws.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(now - hours * 3600_000),
      EndTime: new Date(now + 60_000),
      MetricDataQueries: metrics.map((name, i) => ({
        Id: `m${i}`,
        MetricStat: {
          Metric: { Namespace: namespace, MetricName: name, Dimensions: [{ Name: METRIC_DIMENSION, Value: queueName }] },
          Period: hours * 3600,
          Stat: "Sum",
        },
      })),
    }),
  );
  const sums: Record<string, number> = {};
  metrics.forEach((name, i) => {
    sums[name] = (MetricDataResults.find((r) => r.Id === `m${i}`)?.Values ?? []).reduce((a, b) => a + b, 0);
  });
  return sums;
}

/** Every message of the lab's queue, from the test cloud's inspection route (no receive, no limit). */
async function inspectedMessages(fixture: LabFixture): Promise<Array<{ state: string; groupId: string }>> {
  const url = `${fixture.cloud.endpoint}/_localcloud/sqs/messages?region=${REGION}&queue=${encodeURIComponent(fixture.context.names.ordersQueue)}`;
  const { messages } = (await (await fetch(url)).json()) as { messages: Array<{ state: string; groupId: string }> };
  return messages;
}

export interface ConsumerRun {
  registry: MappingRegistry;
  owner: { prefix: string; labId: string };
  /** Handler log lines in the order they were written. */
  lines: HandlerLogLine[];
  /** Connects the consumer to the queue as the lab does (partial batch responses, the lab's timeout). */
  start(batchSize?: number): Promise<void>;
  /**
   * Runs until the queue is empty. When nothing is receivable (only failed or crashed messages in
   * flight, holding their groups), it moves the clock past their visibility timeout: never while
   * an invocation runs, as its timeout is on this clock too.
   */
  drain(maxMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The consumer under the workbook's runtime (lib/runtime), on the test cloud's clock. */
export async function consumerRun(fixture: LabFixture, crash?: (record: SQSRecord, message: OrderMessage) => boolean): Promise<ConsumerRun> {
  const { context, cloud } = fixture;
  const owner = { prefix: context.prefix, labId: "fifo-idempotency" };
  const registry = new MappingRegistry({
    dataDir: null,
    clock: cloud.clock,
    captureConsole: false,
    clients: () => ({ region: REGION, clock: cloud.clock, sqs: context.aws.sqs, cloudwatch: context.aws.cloudwatch }),
    handlers: (_labId, name) => (name === "consumer" ? createFifoConsumer(() => consumerEnvironment(context, crash)) : undefined),
  });
  await registry.start();
  const lines: HandlerLogLine[] = [];
  registry.logs.subscribe(owner, (line: NumberedLogLine) => {
    if (line.type === "handler") lines.push(line);
  });
  const idle = async () => {
    for (let i = 0; i < 500 && !registry.isIdle(owner); i++) await new Promise((r) => setTimeout(r, 10));
  };
  return {
    registry,
    owner,
    lines,
    async start(batchSize = CONSUMER_BATCH_SIZE) {
      await registry.create(owner, {
        functionName: context.names.consumer,
        handler: "consumer",
        eventSourceArn: fixture.queueArn,
        batchSize,
        functionResponseTypes: ["ReportBatchItemFailures"],
        timeoutSeconds: CONSUMER_TIMEOUT_SECONDS,
      });
    },
    async drain(maxMs = 60_000) {
      for (const deadline = Date.now() + maxMs; Date.now() < deadline; ) {
        await idle();
        const messages = await inspectedMessages(fixture);
        if (messages.length === 0 && registry.isIdle(owner)) return;
        const held = new Set(messages.filter((m) => m.state === "inFlight").map((m) => m.groupId));
        const receivable = messages.some((m) => m.state === "visible" && !held.has(m.groupId));
        if (!receivable && registry.isIdle(owner)) cloud.clock.advance((VISIBILITY_TIMEOUT_SECONDS + 1) * 1000);
        else await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`The queue was not empty after ${maxMs} ms.`);
    },
    close: () => registry.shutdown(),
  };
}
