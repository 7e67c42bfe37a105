import { ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, UpdateCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
let TableName: string;
beforeAll(async () => {
  env = await startDynamoCloud();
  TableName = (await createTable(env, uniqueName("conditional"))).TableName!;
});
afterAll(() => env.close());

it("attribute_not_exists makes a put create-only; ReturnValuesOnConditionCheckFailure returns the item that blocked it", async () => {
  const Item = { pk: { S: "order-1" }, status: { S: "NEW" } };
  await env.dynamodb.send(new PutItemCommand({ TableName, Item, ConditionExpression: "attribute_not_exists(pk)" }));
  const failure = await env.dynamodb
    .send(
      new PutItemCommand({
        TableName,
        Item: { pk: { S: "order-1" }, status: { S: "DUPLICATE" } },
        ConditionExpression: "attribute_not_exists(pk)",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    )
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ConditionalCheckFailedException);
  expect(failure).toMatchObject({ message: "The conditional request failed", Item });
  expect((await env.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: "order-1" } } }))).Item).toEqual(Item);
});

it("update expressions with conditions and ReturnValues", async () => {
  const Key = { pk: { S: "order-2" } };
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: { ...Key, status: { S: "NEW" }, total: { N: "10" }, tags: { SS: ["a"] } } }));
  const updated = await env.dynamodb.send(
    new UpdateItemCommand({
      TableName,
      Key,
      UpdateExpression: "SET #s = :paid, #t = #t + :five ADD tags :b REMOVE notes",
      ConditionExpression: "#s = :new AND #t >= :ten",
      ExpressionAttributeNames: { "#s": "status", "#t": "total" },
      ExpressionAttributeValues: { ":paid": { S: "PAID" }, ":five": { N: "5" }, ":new": { S: "NEW" }, ":ten": { N: "10" }, ":b": { SS: ["b"] } },
      ReturnValues: "UPDATED_NEW",
    }),
  );
  expect(updated.Attributes).toEqual({ status: { S: "PAID" }, total: { N: "15" }, tags: { SS: ["a", "b"] } });

  await expect(
    env.dynamodb.send(
      new UpdateItemCommand({
        TableName,
        Key,
        UpdateExpression: "SET #s = :paid",
        ConditionExpression: "#s = :new",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":paid": { S: "PAID" }, ":new": { S: "NEW" } },
      }),
    ),
  ).rejects.toBeInstanceOf(ConditionalCheckFailedException);

  const old = await env.dynamodb.send(new DeleteItemCommand({ TableName, Key, ReturnValues: "ALL_OLD", ConditionExpression: "attribute_exists(pk)" }));
  expect(old.Attributes?.status).toEqual({ S: "PAID" });
});

it("projection expressions choose the attributes returned", async () => {
  await env.dynamodb.send(
    new PutItemCommand({ TableName, Item: { pk: { S: "order-3" }, a: { S: "1" }, b: { M: { c: { N: "2" }, d: { S: "x" } } }, e: { L: [{ S: "p" }, { S: "q" }] } } }),
  );
  const got = await env.dynamodb.send(
    new GetItemCommand({ TableName, Key: { pk: { S: "order-3" } }, ProjectionExpression: "a, b.c, e[1]", ConsistentRead: true }),
  );
  expect(got.Item).toEqual({ a: { S: "1" }, b: { M: { c: { N: "2" } } }, e: { L: [{ S: "q" }] } });
});

it("validation errors carry DynamoDB's messages", async () => {
  await expect(env.dynamodb.send(new PutItemCommand({ TableName, Item: { id: { S: "x" } } }))).rejects.toMatchObject({
    name: "ValidationException",
    message: "One or more parameter values were invalid: Missing the key pk in the item",
  });
  await expect(
    env.dynamodb.send(new UpdateItemCommand({ TableName, Key: { pk: { S: "x" } }, UpdateExpression: "SET status = :s", ExpressionAttributeValues: { ":s": { S: "A" } } })),
  ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("reserved keyword: status") });
  await expect(env.dynamodb.send(new GetItemCommand({ TableName: "no-such-table", Key: { pk: { S: "x" } } }))).rejects.toMatchObject({
    name: "ResourceNotFoundException",
  });
});

it("the document client (lib-dynamodb) round-trips plain objects with conditions", async () => {
  const doc = DynamoDBDocumentClient.from(env.dynamodb);
  await doc.send(new PutCommand({ TableName, Item: { pk: "doc-1", count: 1, nested: { list: [1, "two"], flag: true } }, ConditionExpression: "attribute_not_exists(pk)" }));
  const result = await doc.send(
    new UpdateCommand({
      TableName,
      Key: { pk: "doc-1" },
      UpdateExpression: "SET #c = #c + :one",
      ConditionExpression: "#c < :limit",
      ExpressionAttributeNames: { "#c": "count" },
      ExpressionAttributeValues: { ":one": 1, ":limit": 2 },
      ReturnValues: "ALL_NEW",
    }),
  );
  expect(result.Attributes).toEqual({ pk: "doc-1", count: 2, nested: { list: [1, "two"], flag: true } });
  await expect(
    doc.send(
      new UpdateCommand({
        TableName,
        Key: { pk: "doc-1" },
        UpdateExpression: "SET #c = #c + :one",
        ConditionExpression: "#c < :limit",
        ExpressionAttributeNames: { "#c": "count" },
        ExpressionAttributeValues: { ":one": 1, ":limit": 2 },
      }),
    ),
  ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  expect((await doc.send(new GetCommand({ TableName, Key: { pk: "doc-1" } }))).Item?.count).toBe(2);
});
