import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, expect, it } from "vitest";
import { createTable, startDynamoCloud } from "./test-support";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-dynamodb-locked-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it("a second local cloud on a data folder the first one holds stops at start with a clear error, and the first carries on", async () => {
  const first = await startDynamoCloud({ dataDir });
  try {
    await createTable(first, "orders");
    // The state database's LOCK is taken before DynamoDB opens its own LevelDB, so the second one never half-starts.
    await expect(startDynamoCloud({ dataDir })).rejects.toMatchObject({
      name: "StateStoreError",
      message: expect.stringContaining(`The data folder ${path.join(dataDir, "state")} is in use by another local cloud`),
    });
    await first.dynamodb.send(new PutItemCommand({ TableName: "orders", Item: { pk: { S: "a" } } }));
    expect((await first.dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(["orders"]);
  } finally {
    await first.close();
  }
  // Once the first has stopped, the folder opens again with everything in it.
  const again = await startDynamoCloud({ dataDir });
  try {
    expect((await again.dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(["orders"]);
  } finally {
    await again.close();
  }
});
