import { BatchGetItemCommand, BatchWriteItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, readWholeStream, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

it("BatchWriteItem puts and deletes across tables, and BatchGetItem reads them back", async () => {
  const orders = (await createTable(env, uniqueName("orders"), { streamViewType: "KEYS_ONLY" })).TableName!;
  const audit = (await createTable(env, uniqueName("audit"))).TableName!;
  await env.dynamodb.send(
    new BatchWriteItemCommand({
      RequestItems: {
        [orders]: [{ PutRequest: { Item: { pk: { S: "1" } } } }, { PutRequest: { Item: { pk: { S: "2" } } } }],
        [audit]: [{ PutRequest: { Item: { pk: { S: "a" }, note: { S: "x" } } } }],
      },
    }),
  );
  const written = await env.dynamodb.send(
    new BatchWriteItemCommand({ RequestItems: { [orders]: [{ DeleteRequest: { Key: { pk: { S: "1" } } } }] } }),
  );
  expect(written.UnprocessedItems).toEqual({});

  const read = await env.dynamodb.send(
    new BatchGetItemCommand({
      RequestItems: {
        [orders]: { Keys: [{ pk: { S: "1" } }, { pk: { S: "2" } }] },
        [audit]: { Keys: [{ pk: { S: "a" } }], ProjectionExpression: "note" },
      },
    }),
  );
  expect(read.Responses?.[orders]).toEqual([{ pk: { S: "2" } }]);
  expect(read.Responses?.[audit]).toEqual([{ note: { S: "x" } }]);
  expect(read.UnprocessedKeys).toEqual({});

  const records = await readWholeStream(env, (await env.cloud.links.dynamodbStreams!.latestStreamArn("us-east-1", orders))!);
  expect(records.map((r) => `${r.eventName} ${r.dynamodb!.Keys!.pk.S}`).sort()).toEqual(["INSERT 1", "INSERT 2", "REMOVE 1"]);
});

it("BatchWriteItem refuses duplicate keys in one request", async () => {
  const orders = (await createTable(env, uniqueName("dupes"))).TableName!;
  await expect(
    env.dynamodb.send(
      new BatchWriteItemCommand({ RequestItems: { [orders]: [{ PutRequest: { Item: { pk: { S: "1" } } } }, { DeleteRequest: { Key: { pk: { S: "1" } } } }] } }),
    ),
  ).rejects.toMatchObject({ name: "ValidationException", message: "Provided list of item keys contains duplicates" });
});
