import { BatchWriteItemCommand, QueryCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
let TableName: string;
beforeAll(async () => {
  env = await startDynamoCloud();
  TableName = (
    await createTable(env, uniqueName("orders"), {
      sortKey: true,
      extra: {
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "S" },
          { AttributeName: "state", AttributeType: "S" },
        ],
        GlobalSecondaryIndexes: [{ IndexName: "by-state", KeySchema: [{ AttributeName: "state", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }],
      },
    })
  ).TableName!;
  const items = Array.from({ length: 10 }, (_, i) => ({
    pk: { S: i < 6 ? "cafe-1" : "cafe-2" },
    sk: { S: `order-${String(i).padStart(2, "0")}` },
    state: { S: i % 2 === 0 ? "NEW" : "PAID" },
    total: { N: String(i * 10) },
  }));
  await env.dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: items.map((Item) => ({ PutRequest: { Item } })) } }));
});
afterAll(() => env.close());

it("Query by partition and sort key range, newest first, with a filter", async () => {
  const result = await env.dynamodb.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: "pk = :cafe AND sk BETWEEN :from AND :to",
      FilterExpression: "#t >= :min",
      ExpressionAttributeNames: { "#t": "total" },
      ExpressionAttributeValues: { ":cafe": { S: "cafe-1" }, ":from": { S: "order-01" }, ":to": { S: "order-04" }, ":min": { N: "20" } },
      ScanIndexForward: false,
    }),
  );
  expect(result.Items?.map((i) => i.sk.S)).toEqual(["order-04", "order-03", "order-02"]);
  expect(result.ScannedCount).toBe(4);
  expect(result.Count).toBe(3);
});

it("Query pages with Limit and ExclusiveStartKey", async () => {
  const seen: string[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined = undefined;
  let pages = 0;
  do {
    const page = await env.dynamodb.send(
      new QueryCommand({ TableName, KeyConditionExpression: "pk = :cafe", ExpressionAttributeValues: { ":cafe": { S: "cafe-1" } }, Limit: 4, ExclusiveStartKey }),
    );
    seen.push(...page.Items!.map((i) => i.sk.S!));
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
    pages++;
  } while (ExclusiveStartKey);
  expect(seen).toEqual(["order-00", "order-01", "order-02", "order-03", "order-04", "order-05"]);
  expect(pages).toBe(2);
});

it("Query a global secondary index", async () => {
  const result = await env.dynamodb.send(
    new QueryCommand({ TableName, IndexName: "by-state", KeyConditionExpression: "#s = :paid", ExpressionAttributeNames: { "#s": "state" }, ExpressionAttributeValues: { ":paid": { S: "PAID" } } }),
  );
  expect(result.Items?.map((i) => i.sk.S).sort()).toEqual(["order-01", "order-03", "order-05", "order-07", "order-09"]);
});

it("Scan with a filter and pagination, and Select COUNT", async () => {
  const seen: string[] = [];
  let ExclusiveStartKey: Record<string, never> | undefined = undefined;
  do {
    const page = await env.dynamodb.send(
      new ScanCommand({ TableName, FilterExpression: "#s = :new", ExpressionAttributeNames: { "#s": "state" }, ExpressionAttributeValues: { ":new": { S: "NEW" } }, Limit: 3, ExclusiveStartKey }),
    );
    seen.push(...page.Items!.map((i) => i.sk.S!));
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  expect(seen.sort()).toEqual(["order-00", "order-02", "order-04", "order-06", "order-08"]);
  const counted = await env.dynamodb.send(new ScanCommand({ TableName, Select: "COUNT" }));
  expect(counted.Count).toBe(10);
  expect(counted.Items).toBeUndefined();
});
