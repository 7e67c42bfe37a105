/**
 * Deletes expired items of tables with time to live enabled, once a virtual minute (AWS does it
 * in the background, typically within minutes to a couple of days). The deletes appear on the
 * table's stream as REMOVE records marked with the service's identity, as AWS marks them.
 */
import type { DynaliteItem, DynaliteTable } from "dynalite/types";
import type { DynamoDbModel, TimeToLiveSetting } from "./model";
import type { RegionStore } from "./region-store";

export function sweepExpiredItems(model: DynamoDbModel, nowMs: number): Promise<void> {
  const seconds = String(Math.floor(nowMs / 1000));
  return Promise.all(model.openRegions().map((store) => sweepRegion(model, store, seconds))).then(() => undefined);
}

async function sweepRegion(model: DynamoDbModel, store: RegionStore, nowSeconds: string): Promise<void> {
  for (const table of await store.allTables()) {
    const setting = table.LocalCloudTimeToLive as TimeToLiveSetting | undefined;
    if (!setting?.Enabled || table.TableStatus !== "ACTIVE") continue;
    const expired = await expiredKeys(store, table, setting.AttributeName, nowSeconds);
    if (expired.length === 0) continue;
    await model.atomically(
      store.region,
      { tables: [table.TableName] },
      async () => {
        for (const key of expired) {
          const request = store.validate("deleteItem", {
            TableName: table.TableName,
            Key: key,
            ConditionExpression: "#ttl < :now",
            ExpressionAttributeNames: { "#ttl": setting.AttributeName },
            ExpressionAttributeValues: { ":now": { N: nowSeconds } },
          });
          // An item whose expiry was pushed back since the scan fails the condition and stays.
          await store.run("deleteItem", request).catch(() => undefined);
        }
      },
      { byTimeToLive: true },
    );
  }
}

async function expiredKeys(store: RegionStore, table: DynaliteTable, attribute: string, nowSeconds: string): Promise<DynaliteItem[]> {
  const keys: DynaliteItem[] = [];
  let start: unknown = undefined;
  do {
    const input: Record<string, unknown> = {
      TableName: table.TableName,
      FilterExpression: "#ttl < :now",
      ExpressionAttributeNames: { "#ttl": attribute },
      ExpressionAttributeValues: { ":now": { N: nowSeconds } },
    };
    if (start) input.ExclusiveStartKey = start;
    const page = await store.run("scan", store.validate("scan", input));
    for (const item of (page.Items as DynaliteItem[] | undefined) ?? []) {
      const key: DynaliteItem = {};
      for (const { AttributeName } of table.KeySchema) key[AttributeName] = item[AttributeName];
      keys.push(key);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}
