import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { StreamViewType } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createTable, readWholeStream, startDynamoCloud, type DynamoTestCloud } from "../dynamodb/test-support";

let env: DynamoTestCloud;
beforeAll(async () => (env = await startDynamoCloud()));
afterAll(() => env.close());

const inserted = { pk: { S: "order-1" }, status: { S: "NEW" }, total: { N: "42" } };
const modified = { pk: { S: "order-1" }, status: { S: "PAID" }, total: { N: "42" } };
const keys = { pk: { S: "order-1" } };

const expectedImages: Record<StreamViewType, Array<{ NewImage?: object; OldImage?: object }>> = {
  KEYS_ONLY: [{}, {}, {}],
  NEW_IMAGE: [{ NewImage: inserted }, { NewImage: modified }, {}],
  OLD_IMAGE: [{}, { OldImage: inserted }, { OldImage: modified }],
  NEW_AND_OLD_IMAGES: [{ NewImage: inserted }, { NewImage: modified, OldImage: inserted }, { OldImage: modified }],
};

describe("a table's stream shows INSERT, MODIFY, REMOVE with the images its view type asks for", () => {
  for (const viewType of Object.keys(expectedImages) as StreamViewType[]) {
    it(viewType, async () => {
      const table = await createTable(env, uniqueName("orders"), { streamViewType: viewType });
      const before = Math.floor(env.cloud.clock.now() / 1000);
      await env.dynamodb.send(new PutItemCommand({ TableName: table.TableName, Item: inserted }));
      await env.dynamodb.send(
        new UpdateItemCommand({
          TableName: table.TableName,
          Key: keys,
          UpdateExpression: "SET #s = :paid",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":paid": { S: "PAID" } },
        }),
      );
      await env.dynamodb.send(new DeleteItemCommand({ TableName: table.TableName, Key: keys }));

      const records = await readWholeStream(env, table.LatestStreamArn!);
      expect(records.map((r) => r.eventName)).toEqual(["INSERT", "MODIFY", "REMOVE"]);
      records.forEach((record, i) => {
        expect(record).toMatchObject({ eventVersion: "1.1", eventSource: "aws:dynamodb", awsRegion: "us-east-1" });
        expect(record.eventID).toMatch(/^[0-9a-f]{32}$/);
        const { NewImage, OldImage, Keys, StreamViewType, SequenceNumber, SizeBytes, ApproximateCreationDateTime } = record.dynamodb!;
        expect(Keys).toEqual(keys);
        expect(StreamViewType).toBe(viewType);
        const images: { NewImage?: object; OldImage?: object } = {};
        if (NewImage) images.NewImage = NewImage;
        if (OldImage) images.OldImage = OldImage;
        expect(images).toEqual(expectedImages[viewType][i]);
        expect(SequenceNumber).toMatch(/^\d{21,40}$/);
        expect(SizeBytes).toBeGreaterThan(0);
        expect(Math.floor(ApproximateCreationDateTime!.getTime() / 1000)).toBeGreaterThanOrEqual(before);
      });
      const sequence = records.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
      expect(sequence[0] < sequence[1] && sequence[1] < sequence[2]).toBe(true);
    });
  }
});
