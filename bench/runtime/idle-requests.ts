/**
 * Counts the AWS requests an idle event source mapping makes per hour, by mapping type and
 * operation, so lib/runtime/README.md can say what an idle mapping costs on real AWS.
 *
 * Runs the runtime against an in-memory local cloud and moves the cloud's clock (which is also
 * the runtime's) through one idle hour in one-second steps, so every long poll, idle poll and
 * shard listing happens as it would in an hour of real time.
 *
 *   npx tsx bench/runtime/idle-requests.ts [--minutes 60]
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { startLocalCloud } from "../../lib/localcloud/index";
import { MappingRegistry, type RuntimeClients } from "../../lib/runtime/index";

const minutes = Number(process.argv[process.argv.indexOf("--minutes") + 1]) || 60;
const region = "us-east-1";

type Counts = Map<string, number>;

/** Adds a middleware that counts each command the client sends. */
function counted<T extends { middlewareStack: { add: (...args: never[]) => void } }>(client: T, counts: Counts, service: string): T {
  const stack = client.middlewareStack as unknown as {
    add: (mw: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>, options: { step: string }) => void;
  };
  stack.add(
    (next, context) => async (args) => {
      const key = `${service}:${context.commandName?.replace(/Command$/, "")}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return next(args);
    },
    { step: "initialize" },
  );
  return client;
}

async function main() {
  const cloud = await startLocalCloud({ port: 0, dataDir: null });
  const config = { endpoint: cloud.endpoint, region, credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const step = async (seconds: number) => {
    cloud.clock.advance(seconds * 1000);
    await new Promise((resolve) => setTimeout(resolve, 40));
  };

  const sqs = new SQSClient(config);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "idle-orders" }));
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn as string;

  const kinesis = new KinesisClient(config);
  await kinesis.send(new CreateStreamCommand({ StreamName: "idle-activity", ShardCount: 1 }));
  await step(5);
  const streamArn = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "idle-activity" }))).StreamDescriptionSummary?.StreamARN as string;

  const dynamodb = new DynamoDBClient(config);
  await dynamodb.send(
    new CreateTableCommand({
      TableName: "IdleOrders",
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
    }),
  );
  await step(5);
  const tableStreamArn = (await dynamodb.send(new DescribeTableCommand({ TableName: "IdleOrders" }))).Table?.LatestStreamArn as string;

  const countsByLab = new Map<string, Counts>();
  const registry = new MappingRegistry({
    dataDir: null,
    handlers: () => async () => undefined,
    clients: ({ labId }): RuntimeClients => {
      const counts: Counts = new Map();
      countsByLab.set(labId, counts);
      return {
        region,
        clock: cloud.clock,
        sqs: counted(new SQSClient(config), counts, "sqs"),
        kinesis: counted(new KinesisClient(config), counts, "kinesis"),
        dynamodbStreams: counted(new DynamoDBStreamsClient(config), counts, "dynamodbstreams"),
        cloudwatch: counted(new CloudWatchClient(config), counts, "cloudwatch"),
      };
    },
  });
  await registry.start();
  await registry.create({ prefix: "bench", labId: "sqs" }, { functionName: "bench-sqs", handler: "h", eventSourceArn: queueArn });
  await registry.create({ prefix: "bench", labId: "kinesis" }, { functionName: "bench-kinesis", handler: "h", eventSourceArn: streamArn, startingPosition: "LATEST" });
  await registry.create({ prefix: "bench", labId: "dynamodb" }, { functionName: "bench-ddb", handler: "h", eventSourceArn: tableStreamArn, startingPosition: "LATEST" });

  for (let s = 0; s < 60; s += 1) await step(1); // settle: start-up calls are not idle traffic
  for (const counts of countsByLab.values()) counts.clear();
  const started = Date.now();
  for (let s = 0; s < minutes * 60; s += 1) await step(1);
  const realSeconds = (Date.now() - started) / 1000;

  const scale = 60 / minutes;
  console.log(`Idle requests per hour per mapping (measured over ${minutes} virtual minutes in ${realSeconds.toFixed(1)} s real time):`);
  for (const [lab, counts] of countsByLab) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0) * scale;
    const detail = [...counts].map(([op, n]) => `${op} ${Math.round(n * scale)}`).join(", ");
    console.log(`  ${lab.padEnd(9)} ${String(Math.round(total)).padStart(5)}  (${detail || "none"})`);
  }
  await registry.shutdown();
  await cloud.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
