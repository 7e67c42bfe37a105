import { PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
let TableName: string;
beforeAll(async () => {
  env = await startDynamoCloud();
  TableName = (await createTable(env, uniqueName("reuse"))).TableName!;
});
afterAll(() => env.close());

const update = (updateExpression: string, values: Record<string, { S: string }>) =>
  env.dynamodb.send(
    new UpdateItemCommand({
      TableName,
      Key: { pk: { S: "o-1" } },
      UpdateExpression: updateExpression,
      ConditionExpression: "#s = :from",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: values,
      ReturnValues: "ALL_NEW",
    }),
  );

it("an expression sent again is judged afresh: with its own values, and its own unused names and values", async () => {
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "o-1" }, status: { S: "NEW" } } }));
  for (let i = 0; i < 3; i++) {
    await expect(update("SET #s = :to", { ":from": { S: "PAID" }, ":to": { S: "SHIPPED" } })).rejects.toMatchObject({ name: "ConditionalCheckFailedException" });
  }
  const paid = await update("SET #s = :to", { ":from": { S: "NEW" }, ":to": { S: "PAID" } });
  expect(paid.Attributes?.status).toEqual({ S: "PAID" });

  // The same condition, while the update no longer names #s itself: #s is still used, by the condition.
  const noted = await update("SET note = :to", { ":from": { S: "PAID" }, ":to": { S: "ok" } });
  expect(noted.Attributes).toMatchObject({ status: { S: "PAID" }, note: { S: "ok" } });

  for (let i = 0; i < 2; i++) {
    await expect(update("SET note = :to", { ":from": { S: "PAID" }, ":to": { S: "ok" }, ":extra": { S: "x" } })).rejects.toMatchObject({
      name: "ValidationException",
      message: "Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}",
    });
  }
});
