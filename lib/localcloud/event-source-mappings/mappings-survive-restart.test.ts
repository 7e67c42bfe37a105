/**
 * Mappings and their checkpoints live in the cloud's state store: after a restart the mapping is
 * there with its settings, and a stream mapping goes on after the last record it processed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { IAMClient } from "@aws-sdk/client-iam";
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { CreateEventSourceMappingCommand, GetEventSourceMappingCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, expect, it } from "vitest";
import type { LocalCloud } from "../index";
import { clientConfig, startTestCloud } from "../test/harness";
import { deployFunction, recordInvocations, stepClockUntil, type RecordedInvocation } from "./test-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "esm-restart-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function open() {
  const cloud = await startTestCloud({ dataDir, flushIntervalMs: 10 });
  const config = clientConfig(cloud);
  const bed = {
    cloud,
    lambda: new LambdaClient(config),
    kinesis: new KinesisClient(config),
    iam: new IAMClient(config),
    sqs: new SQSClient(config),
    dynamodb: new DynamoDBClient(config),
    cloudwatch: new CloudWatchClient(config),
  };
  return {
    ...bed,
    seen: recordInvocations(cloud),
    async close() {
      for (const client of [bed.lambda, bed.kinesis, bed.iam, bed.sqs, bed.dynamodb, bed.cloudwatch]) client.destroy();
      await cloud.close();
    },
  };
}

function dataOf(seen: RecordedInvocation[]): string[] {
  return seen.flatMap((i) => i.event.Records.map((r) => Buffer.from(String((r.kinesis as { data: string }).data), "base64").toString("utf8")));
}

async function put(kinesis: KinesisClient, stream: string, data: string) {
  await kinesis.send(new PutRecordCommand({ StreamName: stream, Data: Buffer.from(data), PartitionKey: "pk" }));
}

async function settle(cloud: LocalCloud, seen: RecordedInvocation[], count: number) {
  await stepClockUntil(cloud, seen, () => dataOf(seen).length >= count && seen.every((i) => i.result));
}

it("keeps a stream mapping, its settings and its checkpoint across a restart", async () => {
  const first = await open();
  await deployFunction(first, "restart-worker");
  await first.kinesis.send(new CreateStreamCommand({ StreamName: "restart-clicks", ShardCount: 1 }));
  let streamArn = "";
  await stepClockUntil(first.cloud, first.seen, async () => {
    const { StreamDescriptionSummary } = await first.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: "restart-clicks" }));
    streamArn = StreamDescriptionSummary?.StreamARN ?? "";
    return StreamDescriptionSummary?.StreamStatus === "ACTIVE";
  });
  const created = await first.lambda.send(
    new CreateEventSourceMappingCommand({ EventSourceArn: streamArn, FunctionName: "restart-worker", StartingPosition: "TRIM_HORIZON", BatchSize: 5, MaximumRetryAttempts: 2 }),
  );
  await put(first.kinesis, "restart-clicks", "before restart");
  await settle(first.cloud, first.seen, 1);
  await first.close();

  const second = await open();
  try {
    const got = await second.lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    expect(got).toMatchObject({ UUID: created.UUID, EventSourceArn: streamArn, BatchSize: 5, MaximumRetryAttempts: 2, StartingPosition: "TRIM_HORIZON", State: "Enabled" });
    await put(second.kinesis, "restart-clicks", "after restart");
    await settle(second.cloud, second.seen, 1);
    expect(dataOf(second.seen)).toEqual(["after restart"]);
  } finally {
    await second.close();
  }
});
