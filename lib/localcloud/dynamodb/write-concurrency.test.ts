import { BatchWriteItemCommand, GetItemCommand, PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, readWholeStream, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

it("concurrent single, batch and transactional writes to one item are serialized: every stream image chains exactly", async () => {
  const table = await createTable(env, uniqueName("counter"), { streamViewType: "NEW_AND_OLD_IMAGES" });
  const TableName = table.TableName!;
  const Key = { pk: { S: "counter" } };
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: { ...Key, n: { N: "0" } } }));

  const increment = (i: number) => {
    if (i % 3 === 0) {
      return env.dynamodb.send(new UpdateItemCommand({ TableName, Key, UpdateExpression: "SET n = n + :one", ExpressionAttributeValues: { ":one": { N: "1" } } }));
    }
    if (i % 3 === 1) {
      return env.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Update: { TableName, Key, UpdateExpression: "SET n = n + :one", ExpressionAttributeValues: { ":one": { N: "1" } } } },
            { Put: { TableName, Item: { pk: { S: `side-${i}` } } } },
          ],
        }),
      );
    }
    return env.dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: { pk: { S: `batch-${i}` } } } }] } })).then(() =>
      env.dynamodb.send(new UpdateItemCommand({ TableName, Key, UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": { N: "1" } } })),
    );
  };
  await Promise.all(Array.from({ length: 60 }, (_, i) => increment(i)));

  expect((await env.dynamodb.send(new GetItemCommand({ TableName, Key }))).Item?.n).toEqual({ N: "60" });
  const counterRecords = (await readWholeStream(env, table.LatestStreamArn!)).filter((r) => r.dynamodb?.Keys?.pk.S === "counter");
  expect(counterRecords).toHaveLength(61);
  counterRecords.slice(1).forEach((record, i) => {
    expect(record.eventName).toBe("MODIFY");
    expect(record.dynamodb?.OldImage?.n).toEqual({ N: String(i) });
    expect(record.dynamodb?.NewImage?.n).toEqual({ N: String(i + 1) });
  });
  const sequence = counterRecords.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
  expect(sequence.every((s, i) => i === 0 || s > sequence[i - 1])).toBe(true);
});

it("concurrent conditional creates of one key: exactly one wins", async () => {
  const TableName = (await createTable(env, uniqueName("create-once"))).TableName!;
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "once" }, writer: { N: String(i) } }, ConditionExpression: "attribute_not_exists(pk)" })),
    ),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.name === "ConditionalCheckFailedException")).toBe(true);
});
