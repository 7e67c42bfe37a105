/**
 * Runs one scenario over the surface DynamoDB, DynamoDB Streams and moto share, against the local
 * cloud and against moto_server, and compares what a client observes. Known differences (listed
 * in README.md) are left out of the comparison on purpose.
 */
import {
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  GetItemCommand,
} from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-dynamodb-streams";
import { afterAll, beforeAll, expect, it } from "vitest";
import { motoAvailable, motoSkipReason, motoForTests } from "../test/moto";
import { startDynamoCloud, type DynamoTestCloud } from "./test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());
const moto = motoForTests();

async function scenario(endpoint: string, afterCreate: () => void) {
  const config = { endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const ddb = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const observed: Record<string, unknown> = {};
  const TableName = "diff-orders";
  const created = await ddb.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
  afterCreate();
  const table = created.TableDescription!;
  observed.create = { name: table.TableName, arn: table.TableArn?.replace(/:\d{12}:/, ":<account>:"), keys: table.KeySchema, stream: table.StreamSpecification, streamArn: table.LatestStreamArn?.startsWith(`${table.TableArn}/stream/`) };

  const errorName = (p: Promise<unknown>) => p.then(() => "ok", (e: Error) => e.name);
  await ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: "c" }, sk: { N: "1" }, total: { N: "10" } }, ConditionExpression: "attribute_not_exists(pk)" }));
  await ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: "c" }, sk: { N: "2" }, total: { N: "20" } } }));
  observed.duplicate = await errorName(ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: "c" }, sk: { N: "1" } }, ConditionExpression: "attribute_not_exists(pk)" })));
  observed.updated = (
    await ddb.send(
      new UpdateItemCommand({
        TableName,
        Key: { pk: { S: "c" }, sk: { N: "1" } },
        UpdateExpression: "SET #t = #t + :n, note = :note",
        ConditionExpression: "#t = :ten",
        ExpressionAttributeNames: { "#t": "total" },
        ExpressionAttributeValues: { ":n": { N: "5" }, ":note": { S: "paid" }, ":ten": { N: "10" } },
        ReturnValues: "ALL_NEW",
      }),
    )
  ).Attributes;
  observed.query = (
    await ddb.send(new QueryCommand({ TableName, KeyConditionExpression: "pk = :c AND sk > :zero", ExpressionAttributeValues: { ":c": { S: "c" }, ":zero": { N: "0" } }, ScanIndexForward: false }))
  ).Items;
  observed.scanCount = (await ddb.send(new ScanCommand({ TableName, FilterExpression: "#t > :x", ExpressionAttributeNames: { "#t": "total" }, ExpressionAttributeValues: { ":x": { N: "16" } } }))).Count;
  observed.transaction = await ddb
    .send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName, Item: { pk: { S: "c" }, sk: { N: "3" } } } },
          { ConditionCheck: { TableName, Key: { pk: { S: "c" }, sk: { N: "2" } }, ConditionExpression: "attribute_not_exists(pk)" } },
        ],
      }),
    )
    .then(
      () => "ok",
      (e: { name: string; CancellationReasons?: Array<{ Code?: string }> }) => ({ name: e.name, codes: e.CancellationReasons?.map((r) => r.Code) }),
    );
  observed.afterTransaction = (await ddb.send(new GetItemCommand({ TableName, Key: { pk: { S: "c" }, sk: { N: "3" } } }))).Item ?? null;
  await ddb.send(new DeleteItemCommand({ TableName, Key: { pk: { S: "c" }, sk: { N: "2" } } }));

  const description = (await streams.send(new DescribeStreamCommand({ StreamArn: table.LatestStreamArn }))).StreamDescription!;
  observed.streamViewType = description.StreamViewType;
  const iterator = await streams.send(
    new GetShardIteratorCommand({ StreamArn: table.LatestStreamArn, ShardId: description.Shards![0].ShardId, ShardIteratorType: "TRIM_HORIZON" }),
  );
  const records = (await streams.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }))).Records ?? [];
  observed.records = records.map((r) => ({
    eventName: r.eventName,
    eventSource: r.eventSource,
    awsRegion: r.awsRegion,
    keys: r.dynamodb?.Keys,
    newImage: r.dynamodb?.NewImage,
    oldImage: r.dynamodb?.OldImage,
  }));
  ddb.destroy();
  streams.destroy();
  return observed;
}

it.skipIf(!motoAvailable)(`the local cloud and moto_server agree on the shared surface${motoSkipReason}`, async () => {
  const ours = await scenario(env.cloud.endpoint, () => env.cloud.clock.advance(1000));
  const theirs = await scenario(moto.endpoint, () => undefined);
  expect(ours).toEqual(theirs);
  expect(ours.duplicate).toBe("ConditionalCheckFailedException");
  expect(ours.transaction).toEqual({ name: "TransactionCanceledException", codes: ["None", "ConditionalCheckFailed"] });
  expect((ours.records as unknown[]).length).toBe(4);
}, 60_000);
