import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createTableWithStream } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["dynamodb", "dynamodbstreams"]);

describe.skipIf(kind !== "localcloud")(`DynamoDB Streams: a child shard is read after its parent (${kind === "localcloud" ? "localcloud" : "skipped: needs the local cloud's clock"})`, () => {
  const backend = backendForTests(["dynamodb", "dynamodbstreams"]);

  it("follows the shard that replaces the old one hours later, in order, and checkpoints both", async () => {
    const { tableName, streamArn } = await createTableWithStream(backend, "orders", "NEW_IMAGE");
    const ids: string[] = [];
    const registry = testRegistry(backend, {
      consumer: async (event: DynamoDBStreamEvent) => void ids.push(...event.Records.map((r) => r.dynamodb?.Keys?.Id.N ?? "?")),
    });
    await registry.create(owner, { functionName: "user3-order-stream", handler: "consumer", eventSourceArn: streamArn, startingPosition: "TRIM_HORIZON" });
    const put = (id: number) => backend.dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { Id: { N: String(id) } } }));
    for (const id of [1, 2, 3]) await put(id);
    await eventually(backend, () => ids.length === 3, { what: "the first shard's records" });

    await backend.advance(4 * 3600 + 60); // DynamoDB starts a new shard every few hours
    for (const id of [4, 5, 6]) await put(id);
    await eventually(backend, () => ids.length === 6, { stepSeconds: 5, what: "the child shard's records" });
    expect(ids).toEqual(["1", "2", "3", "4", "5", "6"]);

    const shards = await eventually(backend, () => {
      const listed = registry.list(owner)[0].shards ?? [];
      return listed.length >= 2 && listed[0].state === "finished" ? listed : undefined;
    }, { stepSeconds: 30, what: "the parent shard finished" });
    expect(shards[0].checkpoint).toBe("SHARD_END");
    expect(shards[shards.length - 1].state).toBe("reading");
    expect(shards[shards.length - 1].checkpoint).toMatch(/^\d+$/);
    await registry.shutdown();
  });
});
