/**
 * The table stream inspector shows INSERT, MODIFY and REMOVE with keys, both images and sequence
 * numbers, the same through the local cloud's inspection route and through GetRecords.
 */
import { CreateTableCommand, DeleteItemCommand, PutItemCommand, UpdateItemCommand, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLabContext } from "@/lib/lab-framework/context";
import { defineLab, defineResources } from "@/lib/lab-framework/define";
import type { LabContext } from "@/lib/lab-framework/types";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { plainItem } from "./attribute-json";
import { readTableStream } from "./read-table-stream";

const resources = defineResources({
  orders: { kind: "dynamodb-table", name: "Orders", description: "" },
  plain: { kind: "dynamodb-table", name: "NoStream", description: "" },
});
const lab = defineLab({ id: "table-reader-test", order: 99, title: "Reader", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let context: LabContext<typeof resources>;
let withoutInspection: LabContext<typeof resources>;
beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "user4" }, AbortSignal.timeout(30_000));
  withoutInspection = { ...context, connection: { ...context.connection, capabilities: { ...context.connection.capabilities, inspect: false } } };
});
afterAll(async () => {
  await cloud?.close();
});

async function createTable(name: string, stream: boolean) {
  await context.aws.dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: "orderId", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "orderId", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
      ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } } : {}),
    }),
  );
  cloud.clock.advance(10_000);
  await waitUntilTableExists({ client: context.aws.dynamodb, maxWaitTime: 20, minDelay: 0.05 }, { TableName: name });
}

describe("reading a table's stream for the inspector", () => {
  it("says when the table is missing or has no stream", async () => {
    expect(await readTableStream(context, context.names.plain)).toMatchObject({ status: "MISSING", shards: [] });
    await createTable(context.names.plain, false);
    expect(await readTableStream(context, context.names.plain)).toMatchObject({ status: "NO_STREAM", keySchema: [{ name: "orderId", type: "HASH" }] });
  });

  it("shows each change with keys, images and sequence numbers, newest first", async () => {
    const TableName = context.names.orders;
    await createTable(TableName, true);
    const { dynamodb } = context.aws;
    await dynamodb.send(new PutItemCommand({ TableName, Item: { orderId: { S: "ORD-1" }, amount: { N: "25000" }, status: { S: "PENDING" }, tags: { SS: ["gift"] } } }));
    await dynamodb.send(
      new UpdateItemCommand({
        TableName,
        Key: { orderId: { S: "ORD-1" } },
        UpdateExpression: "SET #s = :s",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: { ":s": { S: "COMPLETED" } },
      }),
    );
    await dynamodb.send(new PutItemCommand({ TableName, Item: { orderId: { S: "ORD-2" }, amount: { N: "12.50" }, blob: { B: new Uint8Array([1, 2, 3]) } } }));
    await dynamodb.send(new DeleteItemCommand({ TableName, Key: { orderId: { S: "ORD-2" } } }));

    const inspected = await readTableStream(context, TableName);
    const read = await readTableStream(withoutInspection, TableName);
    expect(read).toEqual(inspected);

    expect(inspected).toMatchObject({ status: "ENABLED", viewType: "NEW_AND_OLD_IMAGES", keySchema: [{ name: "orderId", type: "HASH" }] });
    const records = inspected.shards.flatMap((s) => s.records);
    expect(records.map((r) => `${r.eventName} ${plainItem(r.keys).orderId}`)).toEqual(["REMOVE ORD-2", "INSERT ORD-2", "MODIFY ORD-1", "INSERT ORD-1"]);
    const modify = records[2];
    expect(modify.oldImage?.status).toEqual({ S: "PENDING" });
    expect(modify.newImage?.status).toEqual({ S: "COMPLETED" });
    expect(modify.newImage?.amount).toEqual({ N: "25000" });
    expect(plainItem(modify.newImage ?? {})).toEqual({ orderId: "ORD-1", amount: 25000, status: "COMPLETED", tags: ["gift"] });
    expect(records[1].newImage?.blob).toEqual({ B: "AQID" });
    expect(records[0].newImage).toBeUndefined();
    expect(records[0].oldImage?.orderId).toEqual({ S: "ORD-2" });
    expect(records.every((r) => /^\d+$/.test(r.sequenceNumber) && r.sizeBytes > 0 && !r.byTimeToLive)).toBe(true);

    const limited = await readTableStream(context, TableName, { limit: 2 });
    expect(limited.shards.flatMap((s) => s.records)).toHaveLength(2);
    expect(limited.shards.find((s) => s.records.length)?.more).toBe(true);
  });
});
