import { DescribeTableCommand, PutItemCommand, UpdateTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand } from "@aws-sdk/client-dynamodb-streams";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "../dynamodb/test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

it("turning a table's stream on and off gives a new stream ARN and label each time it is enabled", async () => {
  const table = await createTable(env, uniqueName("stream-toggle"));
  expect(table.StreamSpecification).toBeUndefined();
  expect(table.LatestStreamArn).toBeUndefined();

  const first = await env.dynamodb.send(
    new UpdateTableCommand({ TableName: table.TableName, StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" } }),
  );
  expect(first.TableDescription?.TableStatus).toBe("UPDATING");
  const firstArn = first.TableDescription!.LatestStreamArn!;
  expect(firstArn).toBe(`${table.TableArn}/stream/${first.TableDescription!.LatestStreamLabel}`);
  expect(first.TableDescription!.LatestStreamLabel).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  expect((await env.streams.send(new DescribeStreamCommand({ StreamArn: firstArn }))).StreamDescription?.StreamStatus).toBe("ENABLING");
  env.cloud.clock.advance(1000);
  expect((await env.streams.send(new DescribeStreamCommand({ StreamArn: firstArn }))).StreamDescription?.StreamStatus).toBe("ENABLED");

  await env.dynamodb.send(new PutItemCommand({ TableName: table.TableName, Item: { pk: { S: "a" } } }));
  await expect(
    env.dynamodb.send(new UpdateTableCommand({ TableName: table.TableName, StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" } })),
  ).rejects.toMatchObject({ name: "ValidationException" });

  await env.dynamodb.send(new UpdateTableCommand({ TableName: table.TableName, StreamSpecification: { StreamEnabled: false } }));
  env.cloud.clock.advance(1000);
  const off = await env.dynamodb.send(new DescribeTableCommand({ TableName: table.TableName }));
  expect(off.Table?.StreamSpecification).toBeUndefined();
  expect(off.Table?.LatestStreamArn).toBe(firstArn);
  await env.dynamodb.send(new PutItemCommand({ TableName: table.TableName, Item: { pk: { S: "b" } } }));

  const disabled = (await env.streams.send(new DescribeStreamCommand({ StreamArn: firstArn }))).StreamDescription!;
  expect(disabled.StreamStatus).toBe("DISABLED");
  const shard = disabled.Shards![0];
  expect(shard.SequenceNumberRange?.EndingSequenceNumber).toBeDefined();
  const iterator = await env.streams.send(
    new GetShardIteratorCommand({ StreamArn: firstArn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }),
  );
  const page = await env.streams.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
  expect(page.Records?.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(["a"]);
  expect(page.NextShardIterator).toBeUndefined();

  env.cloud.clock.advance(5);
  const second = await env.dynamodb.send(
    new UpdateTableCommand({ TableName: table.TableName, StreamSpecification: { StreamEnabled: true, StreamViewType: "KEYS_ONLY" } }),
  );
  const secondArn = second.TableDescription!.LatestStreamArn!;
  expect(secondArn).not.toBe(firstArn);
  expect(second.TableDescription?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "KEYS_ONLY" });

  const listed = await env.streams.send(new ListStreamsCommand({ TableName: table.TableName }));
  expect(listed.Streams?.map((s) => s.StreamArn)).toEqual([firstArn, secondArn]);
  expect(listed.Streams?.[0]).toMatchObject({ TableName: table.TableName, StreamLabel: first.TableDescription!.LatestStreamLabel });
});

it("a stream disabled for more than 24 hours is gone", async () => {
  const table = await createTable(env, uniqueName("stream-gone"), { streamViewType: "KEYS_ONLY" });
  await env.dynamodb.send(new UpdateTableCommand({ TableName: table.TableName, StreamSpecification: { StreamEnabled: false } }));
  env.cloud.clock.advance(24 * 3600 * 1000 + 1000);
  await expect(env.streams.send(new DescribeStreamCommand({ StreamArn: table.LatestStreamArn }))).rejects.toMatchObject({
    name: "ResourceNotFoundException",
  });
  const listed = await env.streams.send(new ListStreamsCommand({ TableName: table.TableName }));
  expect(listed.Streams).toEqual([]);
});

it("a stream view type is required to enable a stream", async () => {
  const table = await createTable(env, uniqueName("stream-view-required"));
  await expect(
    env.dynamodb.send(new UpdateTableCommand({ TableName: table.TableName, StreamSpecification: { StreamEnabled: true } })),
  ).rejects.toMatchObject({ name: "ValidationException" });
});
