import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "../dynamodb/test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

it("links.dynamodbStreams lets another service read a table's stream in-process, in GetRecords' shape", async () => {
  const link = env.cloud.links.dynamodbStreams!;
  const table = await createTable(env, uniqueName("linked"), { streamViewType: "NEW_IMAGE" });
  expect(link.latestStreamArn("us-east-1", table.TableName!)).toBe(table.LatestStreamArn);
  expect(link.latestStreamArn("us-east-1", "no-such-table")).toBeUndefined();

  const notified: string[] = [];
  const stop = link.onRecords((arn) => notified.push(arn));
  const put = (id: string) => env.dynamodb.send(new PutItemCommand({ TableName: table.TableName, Item: { pk: { S: id }, total: { N: id } } }));
  await put("1");
  await put("2");
  stop();
  expect(notified).toEqual([table.LatestStreamArn, table.LatestStreamArn]);

  const description = link.describeStream(table.LatestStreamArn!);
  expect(description.StreamViewType).toBe("NEW_IMAGE");
  const shardId = description.Shards[0].ShardId;

  const latest = link.readRecords(table.LatestStreamArn!, shardId, { type: "LATEST" });
  expect(latest.records).toEqual([]);
  expect(latest.next.type).not.toBe("LATEST");

  const first = link.readRecords(table.LatestStreamArn!, shardId, { type: "TRIM_HORIZON" }, 1);
  expect(first.records).toHaveLength(1);
  expect(first.records[0]).toMatchObject({
    eventName: "INSERT",
    eventSource: "aws:dynamodb",
    dynamodb: { Keys: { pk: { S: "1" } }, NewImage: { pk: { S: "1" }, total: { N: "1" } }, StreamViewType: "NEW_IMAGE" },
  });
  expect(typeof first.records[0].dynamodb.ApproximateCreationDateTime).toBe("number");
  expect(first.shardEnded).toBe(false);

  const rest = link.readRecords(table.LatestStreamArn!, shardId, first.next);
  expect(rest.records.map((r) => r.dynamodb.Keys.pk)).toEqual([{ S: "2" }]);
  await put("3");
  expect(link.readRecords(table.LatestStreamArn!, shardId, rest.next).records.map((r) => r.dynamodb.Keys.pk)).toEqual([{ S: "3" }]);
  // LATEST was taken after 1 and 2 were written: reading on from it sees only 3.
  expect(link.readRecords(table.LatestStreamArn!, shardId, latest.next).records.map((r) => r.dynamodb.Keys.pk)).toEqual([{ S: "3" }]);
});
