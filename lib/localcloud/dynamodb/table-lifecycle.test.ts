import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  PutItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

it("a new table is CREATING until the clock moves on, refuses item writes meanwhile, and the SDK waiter sees it ACTIVE", async () => {
  const TableName = uniqueName("lifecycle");
  const created = await env.dynamodb.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  expect(created.TableDescription).toMatchObject({
    TableName,
    TableStatus: "CREATING",
    TableArn: `arn:aws:dynamodb:us-east-1:000000000000:table/${TableName}`,
    BillingModeSummary: { BillingMode: "PAY_PER_REQUEST" },
    ItemCount: 0,
  });
  await expect(env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "a" } } }))).rejects.toMatchObject({
    name: "ResourceNotFoundException",
  });
  expect((await env.dynamodb.send(new DescribeTableCommand({ TableName }))).Table?.TableStatus).toBe("CREATING");

  env.cloud.clock.advance(1000);
  const waited = await waitUntilTableExists({ client: env.dynamodb, maxWaitTime: 5, minDelay: 1 }, { TableName });
  expect(waited.state).toBe("SUCCESS");
  await env.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: "a" } } }));

  await expect(
    env.dynamodb.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    ),
  ).rejects.toMatchObject({ name: "ResourceInUseException", message: `Table already exists: ${TableName}` });

  const deleted = await env.dynamodb.send(new DeleteTableCommand({ TableName }));
  expect(deleted.TableDescription?.TableStatus).toBe("DELETING");
  const gone = await waitUntilTableNotExists({ client: env.dynamodb, maxWaitTime: 5, minDelay: 1 }, { TableName });
  expect(gone.state).toBe("SUCCESS");
  await expect(env.dynamodb.send(new DescribeTableCommand({ TableName }))).rejects.toMatchObject({
    name: "ResourceNotFoundException",
    message: `Requested resource not found: Table: ${TableName} not found`,
  });
});

it("provisioned tables with global and local secondary indexes are described as AWS describes them", async () => {
  const TableName = uniqueName("indexed");
  const table = await createTable(env, TableName, {
    sortKey: true,
    extra: {
      BillingMode: "PROVISIONED",
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
        { AttributeName: "status", AttributeType: "S" },
        { AttributeName: "total", AttributeType: "N" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "by-status",
          KeySchema: [{ AttributeName: "status", KeyType: "HASH" }],
          Projection: { ProjectionType: "ALL" },
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: "by-total",
          KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "total", KeyType: "RANGE" }],
          Projection: { ProjectionType: "KEYS_ONLY" },
        },
      ],
    },
  });
  expect(table.GlobalSecondaryIndexes?.[0].IndexStatus).toBe("CREATING");
  const described = (await env.dynamodb.send(new DescribeTableCommand({ TableName }))).Table!;
  expect(described).toMatchObject({
    TableStatus: "ACTIVE",
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
    GlobalSecondaryIndexes: [{ IndexName: "by-status", IndexStatus: "ACTIVE", IndexArn: `${table.TableArn}/index/by-status` }],
    LocalSecondaryIndexes: [{ IndexName: "by-total", IndexArn: `${table.TableArn}/index/by-total` }],
  });
  expect(described.BillingModeSummary).toBeUndefined();

  const updated = await env.dynamodb.send(new UpdateTableCommand({ TableName, ProvisionedThroughput: { ReadCapacityUnits: 10, WriteCapacityUnits: 3 } }));
  expect(updated.TableDescription?.TableStatus).toBe("UPDATING");
  // A table change right after a throughput change is kept (not overwritten by the first one).
  await env.dynamodb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } }));
  await new Promise((r) => setTimeout(r, 20));
  expect((await env.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription?.TimeToLiveStatus).toBe("ENABLED");
  env.cloud.clock.advance(1000);
  const after = (await env.dynamodb.send(new DescribeTableCommand({ TableName }))).Table!;
  expect(after.TableStatus).toBe("ACTIVE");
  expect(after.ProvisionedThroughput?.ReadCapacityUnits).toBe(10);
});

it("creating a table validates its key schema with DynamoDB's messages", async () => {
  await expect(
    env.dynamodb.send(
      new CreateTableCommand({
        TableName: uniqueName("bad"),
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    ),
  ).rejects.toMatchObject({ name: "ValidationException", message: expect.stringContaining("Some index key attributes are not defined") });
});

it("ListTables pages with Limit and ExclusiveStartTableName", async () => {
  const names = ["list-a", "list-b", "list-c"].map((n) => uniqueName(n));
  for (const name of names) await createTable(env, name);
  const all = (await env.dynamodb.send(new ListTablesCommand({}))).TableNames!;
  expect(all).toEqual(expect.arrayContaining(names));
  expect([...all].sort()).toEqual(all);
  const first = await env.dynamodb.send(new ListTablesCommand({ Limit: 1 }));
  expect(first.TableNames).toHaveLength(1);
  expect(first.LastEvaluatedTableName).toBe(first.TableNames![0]);
  const next = await env.dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: first.LastEvaluatedTableName }));
  expect(next.TableNames![0] > first.TableNames![0]).toBe(true);
});

it("a table with deletion protection cannot be deleted until it is turned off", async () => {
  const TableName = uniqueName("protected");
  await createTable(env, TableName, { extra: { DeletionProtectionEnabled: true } });
  expect((await env.dynamodb.send(new DescribeTableCommand({ TableName }))).Table?.DeletionProtectionEnabled).toBe(true);
  await expect(env.dynamodb.send(new DeleteTableCommand({ TableName }))).rejects.toMatchObject({ name: "ValidationException" });
  await env.dynamodb.send(new UpdateTableCommand({ TableName, DeletionProtectionEnabled: false }));
  env.cloud.clock.advance(1000);
  await env.dynamodb.send(new DeleteTableCommand({ TableName }));
});

it("tables are per region", async () => {
  const TableName = uniqueName("regional");
  await createTable(env, TableName);
  const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
  const west = new DynamoDBClient({ endpoint: env.cloud.endpoint, region: "eu-west-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  await expect(west.send(new DescribeTableCommand({ TableName }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  west.destroy();
});
