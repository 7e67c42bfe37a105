import { DescribeTimeToLiveCommand, GetItemCommand, PutItemCommand, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, readWholeStream, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  return read();
}

it("time to live settings are accepted and described", async () => {
  const TableName = (await createTable(env, uniqueName("ttl-settings"))).TableName!;
  expect((await env.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: "DISABLED" });
  const set = await env.dynamodb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } }));
  expect(set.TimeToLiveSpecification).toEqual({ AttributeName: "expiresAt", Enabled: true });
  expect((await env.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription).toEqual({
    TimeToLiveStatus: "ENABLED",
    AttributeName: "expiresAt",
  });
  await expect(
    env.dynamodb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } })),
  ).rejects.toMatchObject({ name: "ValidationException" });
  await expect(
    env.dynamodb.send(new UpdateTimeToLiveCommand({ TableName: "no-such-table", TimeToLiveSpecification: { AttributeName: "x", Enabled: true } })),
  ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
});

it("expired items are deleted as the clock passes their expiry, with REMOVE records marked as the service's", async () => {
  const table = await createTable(env, uniqueName("ttl-expiry"), { streamViewType: "OLD_IMAGE" });
  const TableName = table.TableName!;
  await env.dynamodb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } }));
  const now = Math.floor(env.cloud.clock.now() / 1000);
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "soon" }, expiresAt: { N: String(now + 60) } } }));
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "later" }, expiresAt: { N: String(now + 3600) } } }));
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "never" }, expiresAt: { S: "not a number" } } }));

  env.cloud.clock.advance(3 * 60 * 1000);
  const gone = await eventually(
    () => env.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: "soon" } } })),
    (r) => r.Item === undefined,
  );
  expect(gone.Item).toBeUndefined();
  expect((await env.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: "later" } } }))).Item).toBeDefined();
  expect((await env.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: "never" } } }))).Item).toBeDefined();

  const removal = (await readWholeStream(env, table.LatestStreamArn!)).find((r) => r.eventName === "REMOVE");
  expect(removal).toMatchObject({
    userIdentity: { PrincipalId: "dynamodb.amazonaws.com", Type: "Service" },
    dynamodb: { Keys: { pk: { S: "soon" } }, OldImage: { pk: { S: "soon" } } },
  });
});
