import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { documentedInsertRecord, documentedModifyRecord, documentedRemoveRecord } from "../events/fixtures/aws-dynamodb-events";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { shapeDifferences } from "../test/same-shape";
import { createTableWithStream, type ViewType } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["dynamodb", "dynamodbstreams"]);

/** The documented records carry both images; a narrower view type leaves some out. */
function documentedFor(record: typeof documentedInsertRecord | typeof documentedModifyRecord | typeof documentedRemoveRecord, viewType: ViewType) {
  const dynamodb: Record<string, unknown> = { ...record.dynamodb, StreamViewType: viewType };
  if (viewType === "KEYS_ONLY" || viewType === "OLD_IMAGE") delete dynamodb.NewImage;
  if (viewType === "KEYS_ONLY" || viewType === "NEW_IMAGE") delete dynamodb.OldImage;
  return { ...record, dynamodb };
}

describe.skipIf(!kind)(`DynamoDB Streams: INSERT, MODIFY and REMOVE with the images of the view type (${kind ?? "skipped: no local cloud DynamoDB and no moto_server"})`, () => {
  const backend = backendForTests(["dynamodb", "dynamodbstreams"]);

  it.each<ViewType>(["NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"])("%s", async (viewType) => {
    const { tableName, streamArn } = await createTableWithStream(backend, "orders", viewType);
    const records: DynamoDBRecord[] = [];
    const registry = testRegistry(backend, { streamConsumer: async (event: DynamoDBStreamEvent) => void records.push(...event.Records) });
    await registry.create(owner, { functionName: "user3-stream-consumer", handler: "streamConsumer", eventSourceArn: streamArn, startingPosition: "TRIM_HORIZON" });

    await backend.dynamodb.send(new PutItemCommand({ TableName: tableName, Item: { Id: { N: "101" }, Message: { S: "New item!" } } }));
    await backend.dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { Id: { N: "101" } },
        UpdateExpression: "SET Message = :m",
        ExpressionAttributeValues: { ":m": { S: "This item has changed" } },
      }),
    );
    await backend.dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: { Id: { N: "101" } } }));
    await eventually(backend, () => records.length >= 3, { what: "three stream records" });
    await registry.shutdown();

    expect(records.map((r) => r.eventName)).toEqual(["INSERT", "MODIFY", "REMOVE"]);
    const documented = [documentedInsertRecord, documentedModifyRecord, documentedRemoveRecord].map((r) => documentedFor(r, viewType));
    records.forEach((record, i) => {
      expect(shapeDifferences(record, documented[i])).toEqual([]);
      expect(record.dynamodb?.Keys).toEqual({ Id: { N: "101" } });
      expect(record.dynamodb?.StreamViewType).toBe(viewType);
      expect(record.eventSource).toBe("aws:dynamodb");
      // The stream's own record format version, passed through (AWS: "must not assume a value"; "1.0" in Lambda's sample, "1.1" in live streams).
      expect(record.eventVersion).toMatch(/^\d+\.\d+$/);
      expect(record.awsRegion).toBe("us-east-1");
      expect(record.eventSourceARN).toBe(streamArn);
      expect(record.dynamodb?.SequenceNumber).toMatch(/^\d+$/);
      expect(record.dynamodb?.SizeBytes).toBeGreaterThan(0);
      expect(Number.isInteger(record.dynamodb?.ApproximateCreationDateTime)).toBe(true);
      expect(Math.abs((record.dynamodb?.ApproximateCreationDateTime ?? 0) - backend.clock.now() / 1000)).toBeLessThan(120);
    });
    const [insert, modify, remove] = records;
    if (viewType === "NEW_IMAGE" || viewType === "NEW_AND_OLD_IMAGES") {
      expect(insert.dynamodb?.NewImage).toEqual(documentedInsertRecord.dynamodb.NewImage);
      expect(modify.dynamodb?.NewImage).toEqual(documentedModifyRecord.dynamodb.NewImage);
    }
    if (viewType === "OLD_IMAGE" || viewType === "NEW_AND_OLD_IMAGES") {
      expect(modify.dynamodb?.OldImage).toEqual(documentedModifyRecord.dynamodb.OldImage);
      expect(remove.dynamodb?.OldImage).toEqual(documentedRemoveRecord.dynamodb.OldImage);
    }
    const sequence = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? "0"));
    expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence);
  });
});
