/**
 * One Kinesis scenario over the surface Kinesis and moto share, run against the local cloud (the
 * SDK's default HTTP/2 handler) and against moto_server (HTTP/1.1, which is all it speaks); what a
 * client observes is compared. Known differences (README.md) are left out on purpose: moto's
 * streams are ACTIVE at once, its sequence numbers have another format, it enforces no shard
 * limits, and its duplicate-stream message is only the stream's name.
 */
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ListTagsForStreamCommand,
  AddTagsToStreamCommand,
  PutRecordCommand,
  PutRecordsCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { expect, it } from "vitest";
import { testCredentials } from "../test/harness";
import { motoAvailable, motoSkipReason, motoForTests } from "../test/moto";
import { cloudForTests } from "../test/test-bed";

const bed = cloudForTests({});
const moto = motoForTests();

async function scenario(client: KinesisClient, settle: () => void) {
  const name = "differential-stream";
  const seen: Record<string, unknown> = {};
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 3 }));
  settle();
  const described = (await client.send(new DescribeStreamCommand({ StreamName: name }))).StreamDescription;
  seen.describe = {
    status: described?.StreamStatus,
    retention: described?.RetentionPeriodHours,
    shards: described?.Shards?.map((s) => [s.ShardId, s.HashKeyRange?.StartingHashKey, s.HashKeyRange?.EndingHashKey]),
  };
  const routed: Record<string, string | undefined> = {};
  for (const key of ["alice", "bob", "carol", "dave", "erin", "frank"]) {
    routed[key] = (await client.send(new PutRecordCommand({ StreamName: name, PartitionKey: key, Data: Buffer.from(`hello ${key}`) }))).ShardId;
  }
  seen.routing = routed;
  const batch = await client.send(
    new PutRecordsCommand({
      StreamName: name,
      Records: Array.from({ length: 6 }, (_, i) => ({ PartitionKey: `device-${i}`, Data: Buffer.from(`reading ${i}`) })),
    }),
  );
  seen.batch = { failed: batch.FailedRecordCount, shards: batch.Records?.map((r) => r.ShardId) };
  const shards: Record<string, string[]> = {};
  for (const shard of described?.Shards ?? []) {
    const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: name, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
    const got = await client.send(new GetRecordsCommand({ ShardIterator }));
    shards[shard.ShardId as string] = (got.Records ?? []).map((r) => `${r.PartitionKey}=${Buffer.from(r.Data as Uint8Array).toString()}`);
  }
  seen.read = shards;
  const errors: Record<string, unknown> = {};
  const capture = async (label: string, run: () => Promise<unknown>) => {
    errors[label] = await run().then(
      () => "ok",
      (e: Error) => ({ name: e.name, message: e.message }),
    );
  };
  await capture("missing", () => client.send(new DescribeStreamCommand({ StreamName: "no-such-stream" })));
  await capture("duplicate", () => client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 })));
  await client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 48 }));
  await capture("shorter", () => client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 24 })));
  await capture("longer", () => client.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 72 })));
  seen.errors = errors;
  await client.send(new AddTagsToStreamCommand({ StreamName: name, Tags: { Project: "ServerlessLab", Lab: "sqs-vs-kinesis" } }));
  seen.tags = (await client.send(new ListTagsForStreamCommand({ StreamName: name }))).Tags;
  return seen;
}

it.skipIf(!motoAvailable)(`Kinesis behaves as moto_server does on the surface they share${motoSkipReason}`, async () => {
  const local = new KinesisClient({ endpoint: bed.cloud.endpoint, region: "us-east-1", credentials: testCredentials, maxAttempts: 1 });
  const remote = new KinesisClient({
    endpoint: moto.endpoint,
    region: "us-east-1",
    credentials: testCredentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  });
  const ours = await scenario(local, () => bed.cloud.clock.advance(5_000));
  const theirs = await scenario(remote, () => undefined);
  local.destroy();
  remote.destroy();
  expect(ours.describe).toEqual(theirs.describe);
  expect(ours.routing).toEqual(theirs.routing);
  expect(ours.batch).toEqual(theirs.batch);
  expect(ours.read).toEqual(theirs.read);
  // moto answers with account 123456789012 and puts only the stream name in the duplicate-stream
  // message; AWS's message (ours) is "Stream <name> under account <id> already exists.".
  const normalize = (errors: unknown) =>
    JSON.parse(JSON.stringify(errors).replace(/\b(000000000000|123456789012)\b/g, "<account>")) as Record<string, { name: string; message: string }>;
  const ourErrors = normalize(ours.errors);
  const theirErrors = normalize(theirs.errors);
  expect(ourErrors.duplicate.name).toBe(theirErrors.duplicate.name);
  delete ourErrors.duplicate;
  delete theirErrors.duplicate;
  expect(ourErrors).toEqual(theirErrors);
  expect(ours.tags).toEqual(theirs.tags);
});
