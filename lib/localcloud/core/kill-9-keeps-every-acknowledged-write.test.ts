/**
 * The durability promise, end to end: producers on SQS (standard and FIFO, with a consumer
 * deleting), SNS → SQS, Kinesis, DynamoDB and CloudWatch PutMetricData drive the standalone local
 * cloud (`lib/localcloud/cli.ts`, its own process) with a data folder; it is killed with SIGKILL in
 * the middle of the load and started again on the same folder. Every write it acknowledged must be
 * there (exactly once on FIFO), every delete it acknowledged must stay done, and nothing it never
 * acknowledged may be half there (a body, a sequence number or an item no producer sent).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CloudWatchClient, GetMetricStatisticsCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CreateTableCommand, DynamoDBClient, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, expect, it } from "vitest";
import { startLocalCloud, type LocalCloud } from "../index";
import { testCredentials } from "../test/harness";

const root = path.resolve(__dirname, "../../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-kill9-"));
const LOAD_MS = 1000;
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startCli(): Promise<{ child: ChildProcess; endpoint: string }> {
  return new Promise((resolve, reject) => {
    const started = spawn(process.execPath, ["--import", "tsx", "lib/localcloud/cli.ts", "--port", "0", "--data", dataDir], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`The local cloud did not start:\n${output}`)), 20_000);
    started.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child: started, endpoint: match[1] });
      }
    });
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`The local cloud exited (${code}):\n${output}`));
    });
  });
}

function clients(endpoint: string) {
  const config = { endpoint, region: "us-east-1", credentials: testCredentials, maxAttempts: 1 };
  return {
    sqs: new SQSClient(config),
    sns: new SNSClient(config),
    kinesis: new KinesisClient(config),
    dynamodb: new DynamoDBClient(config),
    cloudwatch: new CloudWatchClient(config),
    destroy() {
      for (const client of [this.sqs, this.sns, this.kinesis, this.dynamodb, this.cloudwatch]) client.destroy();
    },
  };
}

/** What the producers sent, and what of it the cloud acknowledged. */
class Ledger {
  readonly attempted = new Set<string>();
  readonly acked = new Set<string>();
}

async function setUp(cloud: LocalCloud) {
  const c = clients(cloud.endpoint);
  const standard = (await c.sqs.send(new CreateQueueCommand({ QueueName: "orders" }))).QueueUrl as string;
  const fifo = (await c.sqs.send(new CreateQueueCommand({ QueueName: "orders.fifo", Attributes: { FifoQueue: "true" } }))).QueueUrl as string;
  const fanout = (await c.sqs.send(new CreateQueueCommand({ QueueName: "fanout" }))).QueueUrl as string;
  const fanoutArn = (await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: fanout, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn;
  const topicArn = (await c.sns.send(new CreateTopicCommand({ Name: "events" }))).TopicArn as string;
  await c.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: fanoutArn, Attributes: { RawMessageDelivery: "true" } }));
  await c.kinesis.send(new CreateStreamCommand({ StreamName: "clicks", ShardCount: 1 }));
  await c.dynamodb.send(
    new CreateTableCommand({
      TableName: "items",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  cloud.clock.advance(5_000); // the stream becomes ACTIVE
  c.destroy();
  return { standard, fifo, fanout, topicArn };
}

it("after a kill -9 mid-load, every acknowledged write is there (exactly once on FIFO) and nothing unacknowledged is half there", async () => {
  const setup = await startLocalCloud({ port: 0, dataDir });
  const { standard, fifo, fanout, topicArn } = await setUp(setup);
  await setup.close();

  const started = await startCli();
  child = started.child;
  const c = clients(started.endpoint);
  const sent = new Ledger();
  const deleted = new Ledger();
  const fifoSent = new Map<string, { messageId: string; sequenceNumber: string }>();
  const fifoAttempted = new Set<string>();
  const published = new Ledger();
  const kinesisAcked = new Map<string, string>(); // sequence number → data
  const kinesisAttempted = new Set<string>();
  const items = new Ledger();
  let metricsAttempted = 0;
  let metricsAcked = 0;

  let stop = false;
  const loop = async (body: (i: number) => Promise<void>) => {
    for (let i = 0; !stop; i++) {
      try {
        await body(i);
      } catch {
        return; // the server is gone: this request was never acknowledged
      }
    }
  };
  const producers = [0, 1].flatMap((p) => [
    loop(async (i) => {
      const body = `s-${p}-${i}`;
      sent.attempted.add(body);
      await c.sqs.send(new SendMessageCommand({ QueueUrl: standard, MessageBody: body }));
      sent.acked.add(body);
    }),
    loop(async (i) => {
      const id = `f-${p}-${i}`;
      fifoAttempted.add(id);
      const out = await c.sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: id, MessageGroupId: `g${i % 3}`, MessageDeduplicationId: id }));
      fifoSent.set(id, { messageId: out.MessageId as string, sequenceNumber: out.SequenceNumber as string });
    }),
    loop(async (i) => {
      const message = `n-${p}-${i}`;
      published.attempted.add(message);
      await c.sns.send(new PublishCommand({ TopicArn: topicArn, Message: message }));
      published.acked.add(message);
    }),
    loop(async (i) => {
      const data = `k-${p}-${i}`;
      kinesisAttempted.add(data);
      const out = await c.kinesis.send(new PutRecordCommand({ StreamName: "clicks", PartitionKey: data, Data: Buffer.from(data) }));
      kinesisAcked.set(out.SequenceNumber as string, data);
    }),
    loop(async (i) => {
      const pk = `d-${p}-${i}`;
      items.attempted.add(pk);
      await c.dynamodb.send(new PutItemCommand({ TableName: "items", Item: { pk: { S: pk }, n: { N: String(i) } } }));
      items.acked.add(pk);
    }),
    loop(async () => {
      metricsAttempted += 1;
      await c.cloudwatch.send(new PutMetricDataCommand({ Namespace: "Shop", MetricData: [{ MetricName: "Orders", Value: 1 }] }));
      metricsAcked += 1;
    }),
  ]);
  // A consumer deleting what it receives: an acknowledged delete must stay done.
  const consumer = loop(async () => {
    const { Messages = [] } = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: standard, MaxNumberOfMessages: 10 }));
    for (const message of Messages) {
      deleted.attempted.add(message.Body as string);
      await c.sqs.send(new DeleteMessageCommand({ QueueUrl: standard, ReceiptHandle: message.ReceiptHandle }));
      deleted.acked.add(message.Body as string);
    }
  });

  // Load runs LOAD_MS from the moment every producer had its first write acknowledged (the
  // server's first requests compile its modules under tsx).
  const warm = () => sent.acked.size && fifoSent.size && published.acked.size && kinesisAcked.size && items.acked.size && metricsAcked && deleted.acked.size;
  const warmBy = Date.now() + 10_000;
  while (!warm() && Date.now() < warmBy) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
  child.kill("SIGKILL");
  await new Promise((resolve) => child?.once("exit", resolve));
  stop = true;
  await Promise.all([...producers, consumer]);
  c.destroy();
  console.log(
    `kill -9 after ${LOAD_MS} ms: acknowledged ${sent.acked.size} sends, ${deleted.acked.size} deletes, ${fifoSent.size} FIFO sends, ` +
      `${published.acked.size} publishes, ${kinesisAcked.size} Kinesis records, ${items.acked.size} items, ${metricsAcked} metric puts`,
  );
  expect(sent.acked.size).toBeGreaterThan(0);
  expect(deleted.acked.size).toBeGreaterThan(0);

  const cloud = await startLocalCloud({ port: 0, dataDir });
  const again = clients(cloud.endpoint);
  try {
    cloud.clock.advance(60_000); // messages in flight at the kill become visible again
    const drain = async (queueUrl: string, fifoQueue = false) => {
      const out: Array<{ body: string; messageId: string; sequenceNumber?: string }> = [];
      for (;;) {
        const { Messages = [] } = await again.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: fifoQueue ? ["SequenceNumber"] : undefined }),
        );
        if (Messages.length === 0) return out;
        for (const m of Messages) {
          out.push({ body: m.Body as string, messageId: m.MessageId as string, sequenceNumber: m.Attributes?.SequenceNumber });
          await again.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
        }
      }
    };

    // SQS standard: acknowledged and never deleted → there, once; acknowledged-deleted → gone (a
    // delete cut off by the kill may or may not have happened).
    const standardBodies = (await drain(standard)).map((m) => m.body);
    expect(new Set(standardBodies).size).toBe(standardBodies.length);
    for (const body of sent.acked) if (!deleted.attempted.has(body)) expect(standardBodies).toContain(body);
    for (const body of standardBodies) {
      expect(sent.attempted.has(body)).toBe(true);
      expect(deleted.acked.has(body)).toBe(false);
    }

    // FIFO: exactly once, with the MessageId and SequenceNumber it was acknowledged with.
    const fifoMessages = await drain(fifo, true);
    expect(new Set(fifoMessages.map((m) => m.body)).size).toBe(fifoMessages.length);
    const byBody = new Map(fifoMessages.map((m) => [m.body, m]));
    for (const [id, ack] of fifoSent) expect(byBody.get(id)).toMatchObject({ messageId: ack.messageId, sequenceNumber: ack.sequenceNumber });
    for (const m of fifoMessages) expect(fifoAttempted.has(m.body)).toBe(true);
    // The deduplication ids and the sequence counter agree with what was acknowledged.
    const [someId, someAck] = [...fifoSent][0];
    const repeat = await again.sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: someId, MessageGroupId: "g0", MessageDeduplicationId: someId }));
    expect(repeat.MessageId).toBe(someAck.messageId);
    const fresh = await again.sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: "after", MessageGroupId: "g0", MessageDeduplicationId: "after-restart" }));
    const highest = [...fifoMessages.map((m) => m.sequenceNumber as string)].sort().pop() as string;
    expect(BigInt(fresh.SequenceNumber as string) > BigInt(highest)).toBe(true);

    // SNS → SQS: every acknowledged publish landed in the subscribed queue.
    const fanned = (await drain(fanout)).map((m) => m.body);
    for (const message of published.acked) expect(fanned).toContain(message);
    for (const message of fanned) expect(published.attempted.has(message)).toBe(true);

    // Kinesis: every acknowledged record at its sequence number; nothing else; the counter moved on.
    const { ShardIterator } = await again.kinesis.send(new GetShardIteratorCommand({ StreamName: "clicks", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }));
    const { Records = [] } = await again.kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
    const stored = new Map(Records.map((r) => [r.SequenceNumber as string, Buffer.from(r.Data as Uint8Array).toString()]));
    for (const [sequenceNumber, data] of kinesisAcked) expect(stored.get(sequenceNumber)).toBe(data);
    for (const data of stored.values()) expect(kinesisAttempted.has(data)).toBe(true);
    const next = await again.kinesis.send(new PutRecordCommand({ StreamName: "clicks", PartitionKey: "after", Data: Buffer.from("after") }));
    const last = Records[Records.length - 1]?.SequenceNumber as string;
    expect(BigInt(next.SequenceNumber as string) > BigInt(last)).toBe(true);

    // DynamoDB: every acknowledged item.
    const scanned = new Set<string>();
    let start: Record<string, never> | undefined;
    do {
      const page = await again.dynamodb.send(new ScanCommand({ TableName: "items", ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) scanned.add(item.pk.S as string);
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    for (const pk of items.acked) expect(scanned.has(pk)).toBe(true);
    for (const pk of scanned) expect(items.attempted.has(pk)).toBe(true);

    // CloudWatch: the sum counts every acknowledged put, and no put that was never sent.
    const now = cloud.clock.now();
    const { Datapoints = [] } = await again.cloudwatch.send(
      new GetMetricStatisticsCommand({ Namespace: "Shop", MetricName: "Orders", StartTime: new Date(now - 3_600_000), EndTime: new Date(now + 60_000), Period: 3600 * 3, Statistics: ["Sum"] }),
    );
    const sum = Datapoints.reduce((total, d) => total + (d.Sum ?? 0), 0);
    expect(sum).toBeGreaterThanOrEqual(metricsAcked);
    expect(sum).toBeLessThanOrEqual(metricsAttempted);
  } finally {
    again.destroy();
    await cloud.close();
  }
});
