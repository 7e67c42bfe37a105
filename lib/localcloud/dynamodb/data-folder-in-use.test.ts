import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, expect, it } from "vitest";
import { testCredentials } from "../test/harness";
import { createTable, startDynamoCloud } from "./test-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-dynamodb-locked-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it("a second local cloud on a data folder the first one holds answers with a clear error instead of crashing", async () => {
  const first = await startDynamoCloud({ dataDir });
  const second = await startDynamoCloud({ dataDir });
  try {
    await createTable(first, "orders");
    const client = new DynamoDBClient({ endpoint: second.cloud.endpoint, region: "us-east-1", credentials: testCredentials, maxAttempts: 1 });
    const errors = await Promise.all([
      client.send(new ListTablesCommand({})).catch((e: Error) => e),
      client.send(new PutItemCommand({ TableName: "orders", Item: { pk: { S: "a" } } })).catch((e: Error) => e),
    ]);
    for (const error of errors) {
      expect(error).toMatchObject({ name: "InternalServerError", message: expect.stringContaining("another local cloud using the same data folder") });
    }
    client.destroy();
    expect((await first.dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(["orders"]);
  } finally {
    await second.close();
    await first.close();
  }
});
