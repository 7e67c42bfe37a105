import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-dynamodb-streams";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "../dynamodb/test-support";

let env: DynamoTestCloud;
let streamArn: string;
let shardId: string;
let tableName: string;

beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());
beforeEach(async () => {
  const table = await createTable(env, uniqueName("iterators"), { streamViewType: "NEW_IMAGE" });
  tableName = table.TableName!;
  streamArn = table.LatestStreamArn!;
  for (const id of ["1", "2", "3"]) await put(id);
  shardId = (await env.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!.Shards![0].ShardId!;
});

const put = (id: string) => env.dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: id } } }));

async function iterator(type: "TRIM_HORIZON" | "LATEST" | "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER", sequenceNumber?: string) {
  return (await env.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber })))
    .ShardIterator!;
}

async function read(shardIterator: string, limit?: number) {
  const page = await env.streams.send(new GetRecordsCommand({ ShardIterator: shardIterator, Limit: limit }));
  return { ids: page.Records!.map((r) => r.dynamodb!.Keys!.pk.S), records: page.Records!, next: page.NextShardIterator };
}

it("TRIM_HORIZON reads from the oldest record, in order, and Limit pages through", async () => {
  const first = await read(await iterator("TRIM_HORIZON"), 2);
  expect(first.ids).toEqual(["1", "2"]);
  const second = await read(first.next!);
  expect(second.ids).toEqual(["3"]);
  const empty = await read(second.next!);
  expect(empty.ids).toEqual([]);
  expect(empty.next).toBeDefined();
  await put("4");
  expect((await read(empty.next!)).ids).toEqual(["4"]);
});

it("LATEST reads only what is written after the iterator was taken", async () => {
  const latest = await iterator("LATEST");
  expect((await read(latest)).ids).toEqual([]);
  await put("4");
  expect((await read(latest)).ids).toEqual(["4"]);
});

it("AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER start at and after a record", async () => {
  const all = await read(await iterator("TRIM_HORIZON"));
  const second = all.records[1].dynamodb!.SequenceNumber!;
  expect((await read(await iterator("AT_SEQUENCE_NUMBER", second))).ids).toEqual(["2", "3"]);
  expect((await read(await iterator("AFTER_SEQUENCE_NUMBER", second))).ids).toEqual(["3"]);
});

it("an iterator expires 15 minutes after it was handed out", async () => {
  const shardIterator = await iterator("TRIM_HORIZON");
  env.cloud.clock.advance(14 * 60 * 1000);
  const fresh = await read(shardIterator);
  expect(fresh.ids).toEqual(["1", "2", "3"]);
  env.cloud.clock.advance(2 * 60 * 1000);
  await expect(read(shardIterator)).rejects.toMatchObject({ name: "ExpiredIteratorException" });
  // The iterator GetRecords handed back is new and still good.
  expect((await read(fresh.next!)).ids).toEqual([]);
});

it("an unknown shard or stream, and a malformed iterator, are refused as on AWS", async () => {
  await expect(
    env.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: "shardId-00000000000000000000-00000000", ShardIteratorType: "LATEST" })),
  ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  await expect(env.streams.send(new DescribeStreamCommand({ StreamArn: `${streamArn}x` }))).rejects.toMatchObject({
    name: "ResourceNotFoundException",
  });
  await expect(env.streams.send(new GetRecordsCommand({ ShardIterator: "not-an-iterator" }))).rejects.toMatchObject({
    name: "ValidationException",
  });
  await expect(iterator("AT_SEQUENCE_NUMBER")).rejects.toMatchObject({ name: "ValidationException" });
});
