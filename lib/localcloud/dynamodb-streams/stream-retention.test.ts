import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-dynamodb-streams";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, readWholeStream, startDynamoCloud, type DynamoTestCloud } from "../dynamodb/test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

const HOUR = 3600 * 1000;

it("records older than 24 hours are trimmed, and reading from them is TrimmedDataAccessException", async () => {
  const table = await createTable(env, uniqueName("retention"), { streamViewType: "KEYS_ONLY" });
  const put = (id: string) => env.dynamodb.send(new PutItemCommand({ TableName: table.TableName, Item: { pk: { S: id } } }));
  await put("old");
  const [shard] = (await env.streams.send(new DescribeStreamCommand({ StreamArn: table.LatestStreamArn }))).StreamDescription!.Shards!;
  const oldSequence = (await readWholeStream(env, table.LatestStreamArn!))[0].dynamodb!.SequenceNumber!;
  const staleIterator = (
    await env.streams.send(new GetShardIteratorCommand({ StreamArn: table.LatestStreamArn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }))
  ).ShardIterator!;

  env.cloud.clock.advance(10 * 60 * 1000);
  await put("new");
  env.cloud.clock.advance(24 * HOUR - 10 * 60 * 1000 + 1000);

  expect((await readWholeStream(env, table.LatestStreamArn!)).map((r) => r.dynamodb!.Keys!.pk.S)).toEqual(["new"]);
  await expect(
    env.streams.send(
      new GetShardIteratorCommand({ StreamArn: table.LatestStreamArn, ShardId: shard.ShardId, ShardIteratorType: "AT_SEQUENCE_NUMBER", SequenceNumber: oldSequence }),
    ),
  ).rejects.toMatchObject({ name: "TrimmedDataAccessException" });
  // An iterator taken before the trim points at a record that no longer exists (it has also
  // expired by now, which AWS reports first).
  await expect(env.streams.send(new GetRecordsCommand({ ShardIterator: staleIterator }))).rejects.toMatchObject({
    name: "ExpiredIteratorException",
  });
});

it("the open shard is closed and a child started every few hours; readers follow ParentShardId", async () => {
  const table = await createTable(env, uniqueName("rollover"), { streamViewType: "KEYS_ONLY" });
  const put = (id: string) => env.dynamodb.send(new PutItemCommand({ TableName: table.TableName, Item: { pk: { S: id } } }));
  await put("a");
  env.cloud.clock.advance(4 * HOUR + 1000);
  await put("b");
  const shards = (await env.streams.send(new DescribeStreamCommand({ StreamArn: table.LatestStreamArn }))).StreamDescription!.Shards!;
  expect(shards).toHaveLength(2);
  expect(shards[0].SequenceNumberRange?.EndingSequenceNumber).toBeDefined();
  expect(shards[1].ParentShardId).toBe(shards[0].ShardId);
  expect(shards[1].SequenceNumberRange?.EndingSequenceNumber).toBeUndefined();
  expect(BigInt(shards[1].SequenceNumberRange!.StartingSequenceNumber!)).toBeGreaterThan(BigInt(shards[0].SequenceNumberRange!.EndingSequenceNumber!));

  const parentIterator = (
    await env.streams.send(new GetShardIteratorCommand({ StreamArn: table.LatestStreamArn, ShardId: shards[0].ShardId, ShardIteratorType: "TRIM_HORIZON" }))
  ).ShardIterator!;
  const parent = await env.streams.send(new GetRecordsCommand({ ShardIterator: parentIterator }));
  expect(parent.Records?.map((r) => r.dynamodb?.Keys?.pk.S)).toEqual(["a"]);
  expect(parent.NextShardIterator).toBeUndefined();
  expect((await readWholeStream(env, table.LatestStreamArn!)).map((r) => r.dynamodb!.Keys!.pk.S)).toEqual(["a", "b"]);
});
