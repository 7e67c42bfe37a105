import {
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, readWholeStream, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
let orders: string;
let keys: string;
let ordersStream: string;
beforeAll(async () => {
  env = await startDynamoCloud();
  const table = await createTable(env, uniqueName("orders"), { streamViewType: "NEW_AND_OLD_IMAGES" });
  orders = table.TableName!;
  ordersStream = table.LatestStreamArn!;
  keys = (await createTable(env, uniqueName("idempotency-keys"))).TableName!;
});
afterAll(() => env.close());

const get = async (TableName: string, pk: string) => (await env.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: pk } } }))).Item;

it("TransactWriteItems applies every action across tables when all conditions hold", async () => {
  await env.dynamodb.send(new PutItemCommand({ TableName: orders, Item: { pk: { S: "o-1" }, status: { S: "NEW" } } }));
  await env.dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: keys, Item: { pk: { S: "req-1" } }, ConditionExpression: "attribute_not_exists(pk)" } },
        {
          Update: {
            TableName: orders,
            Key: { pk: { S: "o-1" } },
            UpdateExpression: "SET #s = :paid",
            ConditionExpression: "#s = :new",
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: { ":paid": { S: "PAID" }, ":new": { S: "NEW" } },
          },
        },
        { Put: { TableName: orders, Item: { pk: { S: "o-2" }, status: { S: "NEW" } } } },
      ],
    }),
  );
  expect(await get(keys, "req-1")).toEqual({ pk: { S: "req-1" } });
  expect((await get(orders, "o-1"))?.status).toEqual({ S: "PAID" });
  expect(await get(orders, "o-2")).toBeDefined();
});

it("a failed condition cancels the whole transaction with a reason per action, and writes nothing (not even stream records)", async () => {
  await env.dynamodb.send(new PutItemCommand({ TableName: keys, Item: { pk: { S: "req-2" }, seen: { N: "1" } } }));
  const before = (await readWholeStream(env, ordersStream)).length;
  const error = await env.dynamodb
    .send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: orders, Item: { pk: { S: "o-3" } } } },
          { Delete: { TableName: orders, Key: { pk: { S: "o-2" } } } },
          { Put: { TableName: keys, Item: { pk: { S: "req-2" } }, ConditionExpression: "attribute_not_exists(pk)", ReturnValuesOnConditionCheckFailure: "ALL_OLD" } },
          { ConditionCheck: { TableName: orders, Key: { pk: { S: "o-1" } }, ConditionExpression: "attribute_exists(pk)" } },
        ],
      }),
    )
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TransactionCanceledException);
  const cancelled = error as TransactionCanceledException;
  expect(cancelled.message).toBe("Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed, None]");
  expect(cancelled.CancellationReasons).toEqual([
    { Code: "None" },
    { Code: "None" },
    { Code: "ConditionalCheckFailed", Message: "The conditional request failed", Item: { pk: { S: "req-2" }, seen: { N: "1" } } },
    { Code: "None" },
  ]);
  expect(await get(orders, "o-3")).toBeUndefined();
  expect(await get(orders, "o-2")).toBeDefined();
  expect((await readWholeStream(env, ordersStream)).length).toBe(before);
});

it("an action that fails while being applied rolls back the ones before it", async () => {
  await env.dynamodb.send(new PutItemCommand({ TableName: orders, Item: { pk: { S: "o-4" }, label: { S: "text" } } }));
  const error = await env.dynamodb
    .send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: orders, Item: { pk: { S: "o-5" } } } },
          { Update: { TableName: orders, Key: { pk: { S: "o-4" } }, UpdateExpression: "SET label = label + :one", ExpressionAttributeValues: { ":one": { N: "1" } } } },
        ],
      }),
    )
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TransactionCanceledException);
  expect((error as TransactionCanceledException).CancellationReasons?.[1].Code).toBe("ValidationError");
  expect(await get(orders, "o-5")).toBeUndefined();
});

it("two actions on one item are refused", async () => {
  await expect(
    env.dynamodb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: orders, Item: { pk: { S: "o-6" } } } },
          { Delete: { TableName: orders, Key: { pk: { S: "o-6" } } } },
        ],
      }),
    ),
  ).rejects.toMatchObject({ name: "ValidationException", message: "Transaction request cannot include multiple operations on one item" });
});

it("a ClientRequestToken makes a retry a no-op, and its reuse with other parameters an error", async () => {
  const request = (pk: string) =>
    new TransactWriteItemsCommand({
      ClientRequestToken: "token-1",
      TransactItems: [{ Update: { TableName: orders, Key: { pk: { S: pk } }, UpdateExpression: "ADD hits :one", ExpressionAttributeValues: { ":one": { N: "1" } } } }],
    });
  await env.dynamodb.send(request("o-7"));
  await env.dynamodb.send(request("o-7"));
  expect((await get(orders, "o-7"))?.hits).toEqual({ N: "1" });
  await expect(env.dynamodb.send(request("o-8"))).rejects.toBeInstanceOf(IdempotentParameterMismatchException);
  env.cloud.clock.advance(11 * 60 * 1000);
  await env.dynamodb.send(request("o-7"));
  expect((await get(orders, "o-7"))?.hits).toEqual({ N: "2" });
});

it("TransactGetItems reads several items at once, {} for a missing one", async () => {
  const result = await env.dynamodb.send(
    new TransactGetItemsCommand({
      TransactItems: [
        { Get: { TableName: orders, Key: { pk: { S: "o-1" } }, ProjectionExpression: "#s", ExpressionAttributeNames: { "#s": "status" } } },
        { Get: { TableName: orders, Key: { pk: { S: "nope" } } } },
        { Get: { TableName: keys, Key: { pk: { S: "req-1" } } } },
      ],
    }),
  );
  expect(result.Responses).toEqual([{ Item: { status: { S: "PAID" } } }, {}, { Item: { pk: { S: "req-1" } } }]);
});

it("the document client's TransactWriteCommand implements an idempotency check", async () => {
  const doc = DynamoDBDocumentClient.from(env.dynamodb);
  const process = (requestId: string) =>
    doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: keys, Item: { pk: requestId, expiresAt: 1 }, ConditionExpression: "attribute_not_exists(pk)" } },
          { Update: { TableName: orders, Key: { pk: "o-9" }, UpdateExpression: "ADD handled :one", ExpressionAttributeValues: { ":one": 1 } } },
        ],
      }),
    );
  await process("msg-1");
  await expect(process("msg-1")).rejects.toBeInstanceOf(TransactionCanceledException);
  await process("msg-2");
  expect((await get(orders, "o-9"))?.handled).toEqual({ N: "2" });
});
