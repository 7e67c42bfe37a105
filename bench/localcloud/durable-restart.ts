/**
 * Restart time of the local cloud with a large data folder: fills one with 100,000 SQS messages,
 * 100,000 DynamoDB items and 100,000 Kinesis records (through the SDK, in this process), stops
 * the cloud, then starts it again in a fresh process (`lib/localcloud/cli.ts --data DIR`, as
 * `npm run localcloud` does) and reports how long `startLocalCloud()` took to be ready (the
 * state database opened and read, every service restored, listening), and from spawn to the
 * first answer of each service with the counts checked.
 *
 *   npx tsx bench/localcloud/durable-restart.ts [--messages 100000] [--items 100000] [--records 100000] [--rounds 3] [--dir DIR]
 *
 * With `--dir`, the folder is kept, and filled only if it is empty (to profile restarts).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { BatchWriteItemCommand, CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { startLocalCloud } from "../../lib/localcloud/index";
import { freePort, numberOption, rssMb } from "../support";

const args = process.argv.slice(2);
const MESSAGES = numberOption(args, "messages", 100_000);
const ITEMS = numberOption(args, "items", 100_000);
const RECORDS = numberOption(args, "records", 100_000);
const ROUNDS = numberOption(args, "rounds", 3);
const ROOT = path.resolve(__dirname, "..", "..");
const BODY = JSON.stringify({ orderId: "o-0000000", customer: "c-000", total: 42.5, items: 3 }).padEnd(100, " ");

function config(endpoint: string) {
  return {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: 16 }) }),
  };
}

async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function fill(dataDir: string): Promise<void> {
  const cloud = await startLocalCloud({ port: 0, dataDir });
  const sqs = new SQSClient(config(cloud.endpoint));
  const dynamodb = new DynamoDBClient(config(cloud.endpoint));
  const kinesis = new KinesisClient(config(cloud.endpoint));
  const started = Date.now();
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "orders" }));
  await inParallel(MESSAGES / 10, 16, (i) =>
    sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 10 }, (_, j) => ({ Id: String(j), MessageBody: `${i * 10 + j} ${BODY}` })) })).then(() => undefined),
  );
  await dynamodb.send(
    new CreateTableCommand({
      TableName: "orders",
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  cloud.clock.advance(5_000); // the table is ACTIVE
  await inParallel(ITEMS / 25, 16, async (i) => {
    const items = Array.from({ length: 25 }, (_, j) => ({ PutRequest: { Item: { pk: { S: `order-${i * 25 + j}` }, body: { S: BODY } } } }));
    const out = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { orders: items } }));
    if (Object.keys(out.UnprocessedItems ?? {}).length > 0) throw new Error("unprocessed items");
  });
  // 100 shards, and the clock moved a second per round of puts, so no shard's 1,000 records/s limit is hit.
  await kinesis.send(new CreateStreamCommand({ StreamName: "clicks", ShardCount: 100 }));
  cloud.clock.advance(5_000);
  for (let sent = 0; sent < RECORDS; ) {
    const batch = Math.min(500, RECORDS - sent);
    const out = await kinesis.send(
      new PutRecordsCommand({ StreamName: "clicks", Records: Array.from({ length: batch }, (_, j) => ({ PartitionKey: `user-${sent + j}`, Data: Buffer.from(BODY) })) }),
    );
    if (out.FailedRecordCount) {
      cloud.clock.advance(1_000);
      sent += batch - out.FailedRecordCount; // throttled ones are not counted; the loop sends more
      continue;
    }
    sent += batch;
    if (sent % 50_000 === 0) cloud.clock.advance(1_000);
  }
  sqs.destroy();
  dynamodb.destroy();
  kinesis.destroy();
  await cloud.close();
  console.log(`filled in ${((Date.now() - started) / 1000).toFixed(1)} s: ${MESSAGES} messages, ${ITEMS} items, ${RECORDS} records`);
}

const READY_SCRIPT = `
const started = performance.now();
const { startLocalCloud } = require(${JSON.stringify(path.join(ROOT, "lib/localcloud/index.ts"))});
const imported = performance.now();
startLocalCloud({ port: Number(process.argv[1]), dataDir: process.argv[2] }).then((cloud) => {
  const ready = performance.now();
  console.log(JSON.stringify({ importMs: imported - started, startMs: ready - imported, records: cloud.store.keysUnder("").length }));
});
`;

async function restartOnce(dataDir: string): Promise<{ importMs: number; startMs: number; firstAnswerMs: number; records: number; rssMb: number }> {
  const port = await freePort();
  const spawned = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "-e", READY_SCRIPT, String(port), dataDir], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf("\n");
      if (newline !== -1) resolve(out.slice(0, newline));
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const sqs = new SQSClient(config(endpoint));
  const dynamodb = new DynamoDBClient(config(endpoint));
  const kinesis = new KinesisClient(config(endpoint));
  const [queue, table, stream] = await Promise.all([
    sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${endpoint}/000000000000/orders`, AttributeNames: ["ApproximateNumberOfMessages"] })),
    dynamodb.send(new DescribeTableCommand({ TableName: "orders" })),
    kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "clicks" })),
  ]);
  const firstAnswerMs = Date.now() - spawned;
  if (Number(queue.Attributes?.ApproximateNumberOfMessages) !== MESSAGES) throw new Error(`queue holds ${queue.Attributes?.ApproximateNumberOfMessages}`);
  if (table.Table?.TableStatus !== "ACTIVE") throw new Error("table not active");
  const last = await dynamodb.send(new GetItemCommand({ TableName: "orders", Key: { pk: { S: `order-${ITEMS - 1}` } } }));
  if (!last.Item) throw new Error("the last item is missing");
  if (stream.StreamDescriptionSummary?.StreamStatus !== "ACTIVE") throw new Error("stream not active");
  const rss = rssMb(child.pid);
  sqs.destroy();
  dynamodb.destroy();
  kinesis.destroy();
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
  return { ...(JSON.parse(line) as { importMs: number; startMs: number; records: number }), firstAnswerMs, rssMb: rss };
}

async function main() {
  const keep = args.includes("--dir") ? path.resolve(args[args.indexOf("--dir") + 1]) : null;
  const dataDir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "durable-restart-"));
  try {
    if (!keep || !fs.existsSync(path.join(keep, "state"))) await fill(dataDir);
    const du = (folder: string) => fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).reduce((sum, e) => sum + fs.statSync(path.join(e.parentPath, e.name)).size, 0);
    console.log(`state database ${(du(path.join(dataDir, "state")) / 1e6).toFixed(0)} MB, DynamoDB's LevelDB ${(du(path.join(dataDir, "dynamodb")) / 1e6).toFixed(0)} MB`);
    for (let round = 1; round <= ROUNDS; round++) {
      const r = await restartOnce(dataDir);
      console.log(
        `round ${round}: startLocalCloud() ready in ${r.startMs.toFixed(0)} ms (${r.records} records read; importing the code under tsx first: ${r.importMs.toFixed(0)} ms); ` +
          `spawn to first answer of SQS, DynamoDB and Kinesis: ${r.firstAnswerMs} ms; RSS ${r.rssMb.toFixed(0)} MB`,
      );
    }
  } finally {
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
