import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand, ListTagsOfResourceCommand, PutItemCommand, QueryCommand, UpdateItemCommand, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, expect, it } from "vitest";
import { createTable, readWholeStream, startDynamoCloud } from "./test-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-dynamodb-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it("tables, items, indexes, settings and stream records survive a restart, and the stream carries on", async () => {
  const first = await startDynamoCloud({ dataDir });
  const table = await createTable(first, "orders", {
    streamViewType: "NEW_AND_OLD_IMAGES",
    extra: {
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "state", AttributeType: "S" },
      ],
      GlobalSecondaryIndexes: [{ IndexName: "by-state", KeySchema: [{ AttributeName: "state", KeyType: "HASH" }], Projection: { ProjectionType: "ALL" } }],
      Tags: [{ Key: "Project", Value: "ServerlessLab" }],
    },
  });
  await first.dynamodb.send(new UpdateTimeToLiveCommand({ TableName: "orders", TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true } }));
  await first.dynamodb.send(new PutItemCommand({ TableName: "orders", Item: { pk: { S: "o-1" }, state: { S: "NEW" } } }));
  await first.dynamodb.send(
    new UpdateItemCommand({ TableName: "orders", Key: { pk: { S: "o-1" } }, UpdateExpression: "SET #s = :paid", ExpressionAttributeNames: { "#s": "state" }, ExpressionAttributeValues: { ":paid": { S: "PAID" } } }),
  );
  const before = await readWholeStream(first, table.LatestStreamArn!);
  expect(before).toHaveLength(2);
  await first.close();

  const second = await startDynamoCloud({ dataDir });
  try {
    const described = (await second.dynamodb.send(new DescribeTableCommand({ TableName: "orders" }))).Table!;
    expect(described).toMatchObject({ TableStatus: "ACTIVE", LatestStreamArn: table.LatestStreamArn, StreamSpecification: { StreamEnabled: true } });
    expect((await second.dynamodb.send(new GetItemCommand({ TableName: "orders", Key: { pk: { S: "o-1" } } }))).Item?.state).toEqual({ S: "PAID" });
    const byState = await second.dynamodb.send(
      new QueryCommand({ TableName: "orders", IndexName: "by-state", KeyConditionExpression: "#s = :paid", ExpressionAttributeNames: { "#s": "state" }, ExpressionAttributeValues: { ":paid": { S: "PAID" } } }),
    );
    expect(byState.Count).toBe(1);
    expect((await second.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: "orders" }))).TimeToLiveDescription?.TimeToLiveStatus).toBe("ENABLED");
    expect((await second.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn }))).Tags).toEqual([{ Key: "Project", Value: "ServerlessLab" }]);

    expect(await readWholeStream(second, table.LatestStreamArn!)).toEqual(before);
    await second.dynamodb.send(new PutItemCommand({ TableName: "orders", Item: { pk: { S: "o-2" }, state: { S: "NEW" } } }));
    const after = await readWholeStream(second, table.LatestStreamArn!);
    expect(after.map((r) => r.eventName)).toEqual(["INSERT", "MODIFY", "INSERT"]);
    expect(BigInt(after[2].dynamodb!.SequenceNumber!)).toBeGreaterThan(BigInt(after[1].dynamodb!.SequenceNumber!));
  } finally {
    await second.close();
  }
});
