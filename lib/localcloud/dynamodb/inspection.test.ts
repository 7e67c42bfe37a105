import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, readWholeStream, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

const inspect = async (route: string) => {
  const response = await fetch(`${env.cloud.endpoint}/_localcloud/dynamodb/${route}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

it("items, stream records and tables can be inspected without changing anything", async () => {
  const table = await createTable(env, uniqueName("inspected"), { streamViewType: "NEW_IMAGE" });
  await env.dynamodb.send(new PutItemCommand({ TableName: table.TableName, Item: { pk: { S: "a" }, n: { N: "1" } } }));
  await env.dynamodb.send(new PutItemCommand({ TableName: table.TableName, Item: { pk: { S: "b" }, n: { N: "2" } } }));

  const items = await inspect(`items?region=us-east-1&table=${table.TableName}`);
  expect(items.status).toBe(200);
  expect(items.body).toMatchObject({ table: table.TableName, count: 2, truncated: false });
  expect(items.body.items).toEqual(expect.arrayContaining([{ pk: { S: "a" }, n: { N: "1" } }, { pk: { S: "b" }, n: { N: "2" } }]));

  const records = await inspect(`stream-records?region=us-east-1&table=${table.TableName}`);
  expect(records.body.count).toBe(2);
  const listed = records.body.records as Array<{ streamArn: string; shardId: string; record: { eventName: string } }>;
  expect(listed.map((r) => r.record.eventName)).toEqual(["INSERT", "INSERT"]);
  expect(listed[0].streamArn).toBe(table.LatestStreamArn);

  const tables = await inspect("tables?region=us-east-1");
  expect(tables.body.tables).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: table.TableName, status: "ACTIVE", streamArn: table.LatestStreamArn, streamViewType: "NEW_IMAGE" })]),
  );

  // Inspecting is not reading: a stream reader still sees every record from the start.
  expect(await readWholeStream(env, table.LatestStreamArn!)).toHaveLength(2);
  expect((await inspect("items?region=us-east-1&table=missing")).status).toBe(400);
  expect((await inspect("items?region=eu-north-1&table=missing")).status).toBe(400);
});
