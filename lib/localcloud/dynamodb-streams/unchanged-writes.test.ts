import { BatchWriteItemCommand, DeleteItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, readWholeStream, startDynamoCloud, type DynamoTestCloud } from "../dynamodb/test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

it("a write that changes nothing, or fails its condition, makes no stream record", async () => {
  const table = await createTable(env, uniqueName("unchanged"), { streamViewType: "NEW_AND_OLD_IMAGES" });
  const TableName = table.TableName;
  const item = { pk: { S: "a" }, tags: { SS: ["x", "y"] }, total: { N: "1.50" } };
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: item }));
  // The same item again, with the set in another order and the number written differently.
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "a" }, tags: { SS: ["y", "x"] }, total: { N: "1.5" } } }));
  await env.dynamodb.send(
    new UpdateItemCommand({ TableName, Key: { pk: { S: "a" } }, UpdateExpression: "SET #t = :t", ExpressionAttributeNames: { "#t": "total" }, ExpressionAttributeValues: { ":t": { N: "1.5" } } }),
  );
  await env.dynamodb.send(new DeleteItemCommand({ TableName, Key: { pk: { S: "missing" } } }));
  await env.dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [TableName!]: [{ DeleteRequest: { Key: { pk: { S: "also-missing" } } } }] } }));
  await expect(
    env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "a" } }, ConditionExpression: "attribute_not_exists(pk)" })),
  ).rejects.toMatchObject({ name: "ConditionalCheckFailedException" });

  const records = await readWholeStream(env, table.LatestStreamArn!);
  expect(records.map((r) => r.eventName)).toEqual(["INSERT"]);
});
