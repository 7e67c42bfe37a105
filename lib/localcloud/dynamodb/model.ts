/**
 * DynamoDB's state and semantics, without HTTP. Item operations, validation and expressions are
 * dynalite's (one store per region); this model adds what dynalite lacks: table status on the
 * virtual clock, streams (every write observed with both images, serialized per table), deletion
 * protection, time to live, and the per-table write lock transactions build on.
 */
import fs from "node:fs";
import db from "dynalite/db";
import type { DynaliteItem, DynaliteTable } from "dynalite/types";
import { AwsError } from "../core/errors";
import type { DynamoItem, DynamoStreamViewType } from "../core/links";
import type { ServiceContext } from "../core/service";
import type { TableStreams } from "../dynamodb-streams/model";
import type { ItemChange } from "../dynamodb-streams/stream-record";
import { cacheExpressionParses } from "./expression-cache";
import { RegionStore, type DynamoInput } from "./region-store";
import type { RunnableAction } from "./dynalite-actions";
import { WriteLocks } from "./write-lock";
import { observeWrites } from "./write-observer";

/** How long a new table says CREATING and an updated one UPDATING, in virtual time. */
export const TABLE_STATUS_CHANGE_MS = 500;

const VIEW_TYPES = ["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"];

const STREAM_SPECIFICATION_TYPE = {
  type: "FieldStruct<StreamSpecification>",
  children: {
    StreamEnabled: { type: "Boolean", notNull: true },
    StreamViewType: { type: "String", enum: VIEW_TYPES },
  },
};

const TAGS_TYPE = {
  type: "List",
  children: {
    type: "ValueStruct<Tag>",
    children: { Key: { type: "String", notNull: true }, Value: { type: "String", notNull: true } },
  },
};

/** Fields of the stored table record that are the local cloud's own, never shown. */
const PRIVATE_FIELDS = ["LocalCloudTimeToLive"] as const;

export interface TimeToLiveSetting {
  AttributeName: string;
  Enabled: boolean;
}

interface PendingCapture {
  buffer?: Array<{ arn: string; change: ItemChange }>;
  byTimeToLive?: boolean;
}

export class DynamoDbModel {
  readonly locks = new WriteLocks();
  private regions = new Map<string, RegionStore>();
  private transitions = new Map<string, { creatingUntil?: number; updatingUntil?: number }>();
  private captures = new Map<string, PendingCapture>();
  private keyShapes = new Map<string, KeyShape>();
  private readonly folder: string | null;

  constructor(
    private readonly context: ServiceContext,
    readonly streams: TableStreams,
  ) {
    cacheExpressionParses();
    this.folder = context.store.folder("dynamodb");
    if (this.folder) {
      for (const entry of fs.readdirSync(this.folder, { withFileTypes: true })) {
        if (entry.isDirectory() && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(entry.name)) this.region(entry.name);
      }
    }
  }

  get clock() {
    return this.context.clock;
  }

  openRegions(): RegionStore[] {
    return [...this.regions.values()];
  }

  /** The region's store if it was ever used, without opening one. */
  existingRegion(name: string): RegionStore | undefined {
    return this.regions.get(name);
  }

  region(name: string): RegionStore {
    let store = this.regions.get(name);
    if (!store) {
      store = new RegionStore(name, this.context.accountId, this.folder);
      observeWrites(store.store, (table, oldItem, newItem) => this.observe(name, table, oldItem, newItem));
      this.regions.set(name, store);
    }
    return store;
  }

  // ---- tables ----

  async createTable(region: string, input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const data = store.validate("createTable", input, {
      StreamSpecification: STREAM_SPECIFICATION_TYPE,
      Tags: TAGS_TYPE,
      DeletionProtectionEnabled: { type: "Boolean" },
      TableClass: { type: "String", enum: ["STANDARD", "STANDARD_INFREQUENT_ACCESS"] },
      SSESpecification: { type: "FieldStruct<SSESpecification>", children: { Enabled: "Boolean", SSEType: "String", KMSMasterKeyId: "String" } },
    });
    const stream = data.StreamSpecification as { StreamEnabled: boolean; StreamViewType?: string } | undefined;
    checkStreamSpecification(stream, false);
    const name = data.TableName as string;
    return this.locks.tables([tableKey(region, name)], async () => {
      if (await store.findTable(name)) {
        throw new AwsError("ResourceInUseException", `Table already exists: ${name}`);
      }
      const now = this.clock.now();
      const table = newTableRecord(data, region, this.context.accountId, now);
      if (stream?.StreamEnabled) this.startStream(region, table, stream.StreamViewType as DynamoStreamViewType);
      await store.putTable(table);
      const tags = data.Tags as Array<{ Key: string; Value: string }> | undefined;
      if (tags && tags.length > 0) await store.run("tagResource", { ResourceArn: table.TableArn, Tags: tags });
      this.transitions.set(tableKey(region, name), { creatingUntil: now + TABLE_STATUS_CHANGE_MS });
      this.keyShapes.delete(tableKey(region, name));
      return { TableDescription: this.describeRecord(region, table) };
    });
  }

  async describeTable(region: string, input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const data = store.validate("describeTable", input);
    const table = await store.table(data.TableName as string);
    return { Table: this.describeRecord(region, table) };
  }

  async updateTable(region: string, input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const throughputChange = input.ProvisionedThroughput !== undefined || input.BillingMode !== undefined ||
      (Array.isArray(input.GlobalSecondaryIndexUpdates) && input.GlobalSecondaryIndexUpdates.length > 0);
    const data = store.validate(
      "updateTable",
      input,
      {
        StreamSpecification: STREAM_SPECIFICATION_TYPE,
        DeletionProtectionEnabled: { type: "Boolean" },
        TableClass: { type: "String", enum: ["STANDARD", "STANDARD_INFREQUENT_ACCESS"] },
      },
      throughputChange,
    );
    if (!throughputChange && data.StreamSpecification === undefined && data.DeletionProtectionEnabled === undefined && data.TableClass === undefined) {
      throw new AwsError(
        "ValidationException",
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required",
      );
    }
    const stream = data.StreamSpecification as { StreamEnabled: boolean; StreamViewType?: string } | undefined;
    checkStreamSpecification(stream, true);
    const name = data.TableName as string;
    return this.locks.tables([tableKey(region, name)], async () => {
      const table = await store.table(name);
      if (this.statusOf(region, table) === "CREATING") {
        throw new AwsError("ResourceInUseException", `Attempt to change a resource which is still in use: Table is being created: ${name}`);
      }
      if (stream) {
        const current = table.StreamSpecification as { StreamEnabled?: boolean } | undefined;
        if (stream.StreamEnabled && current?.StreamEnabled) {
          throw new AwsError("ValidationException", `Table already has an enabled stream: TableName: ${name}`);
        }
        if (!stream.StreamEnabled && !current?.StreamEnabled) {
          throw new AwsError("ValidationException", `Table already has a disabled stream: TableName: ${name}`);
        }
        if (stream.StreamEnabled) this.startStream(region, table, stream.StreamViewType as DynamoStreamViewType);
        else {
          this.streams.disable(table.LatestStreamArn as string);
          table.StreamSpecification = { StreamEnabled: false };
        }
      }
      if (data.DeletionProtectionEnabled !== undefined) table.DeletionProtectionEnabled = data.DeletionProtectionEnabled;
      if (data.TableClass !== undefined) table.TableClassSummary = { TableClass: data.TableClass };
      await store.putTable(table);
      let updated = table;
      if (throughputChange) {
        const forDynalite: DynamoInput = { TableName: name };
        for (const field of ["ProvisionedThroughput", "BillingMode", "GlobalSecondaryIndexUpdates", "AttributeDefinitions"]) {
          if (data[field] !== undefined) forDynalite[field] = data[field];
        }
        updated = ((await store.run("updateTable", forDynalite)).TableDescription as DynaliteTable) ?? table;
        // dynalite writes the record once more on its next timer tick (status back to ACTIVE);
        // hold the gate until it has, so no later table change is overwritten by that write.
        for (let i = 0; i < 200 && (await store.table(name)).TableStatus === "UPDATING"; i++) await new Promise((r) => setTimeout(r, 1));
      }
      this.transitions.set(tableKey(region, name), { updatingUntil: this.clock.now() + TABLE_STATUS_CHANGE_MS });
      return { TableDescription: this.describeRecord(region, updated) };
    });
  }

  async deleteTable(region: string, input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const data = store.validate("deleteTable", input);
    const name = data.TableName as string;
    return this.locks.tables([tableKey(region, name)], async () => {
      const table = await store.table(name);
      if (this.statusOf(region, table) === "CREATING") {
        throw new AwsError("ResourceInUseException", `Attempt to change a resource which is still in use: Table is being created: ${name}`);
      }
      if (table.DeletionProtectionEnabled === true) {
        throw new AwsError(
          "ValidationException",
          `Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`,
        );
      }
      const description = this.describeRecord(region, table);
      this.streams.tableDeleted(region, name);
      await store.run("deleteTable", { TableName: name });
      // dynalite removes the table record on its next timer tick; wait for it so that a CreateTable
      // of the same name (queued on this lock) never sees the old one.
      for (let i = 0; i < 200 && (await store.findTable(name)); i++) await new Promise((r) => setTimeout(r, 1));
      this.transitions.delete(tableKey(region, name));
      this.keyShapes.delete(tableKey(region, name));
      return { TableDescription: { ...description, TableStatus: "DELETING" } };
    });
  }

  /** Our own ListTables: dynalite's walks every key of the store, items included. */
  async listTables(region: string, input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const data = store.validate("listTables", input);
    const limit = (data.Limit as number | undefined) ?? 100;
    const start = data.ExclusiveStartTableName as string | undefined;
    const names = (await store.allTables())
      .map((t) => t.TableName)
      .filter((name) => start === undefined || name > start)
      .sort();
    const page = names.slice(0, limit);
    return names.length > limit ? { TableNames: page, LastEvaluatedTableName: page[page.length - 1] } : { TableNames: page };
  }

  /** DescribeTable's view of a stored record: status from the clock, no private fields. */
  describeRecord(region: string, table: DynaliteTable): Record<string, unknown> {
    const out: Record<string, unknown> = { ...table };
    for (const field of PRIVATE_FIELDS) delete out[field];
    const status = this.statusOf(region, table);
    out.TableStatus = status;
    if (Array.isArray(table.GlobalSecondaryIndexes)) {
      out.GlobalSecondaryIndexes = (table.GlobalSecondaryIndexes as Array<Record<string, unknown>>).map((index) => ({
        ...index,
        IndexStatus: status === "CREATING" ? "CREATING" : "ACTIVE",
      }));
    }
    const stream = table.StreamSpecification as { StreamEnabled?: boolean } | undefined;
    if (!stream?.StreamEnabled) delete out.StreamSpecification;
    out.DeletionProtectionEnabled = table.DeletionProtectionEnabled === true;
    return out;
  }

  statusOf(region: string, table: DynaliteTable): string {
    const transition = this.transitions.get(tableKey(region, table.TableName));
    const now = this.clock.now();
    if (transition?.creatingUntil !== undefined && now < transition.creatingUntil) return "CREATING";
    if (transition?.updatingUntil !== undefined && now < transition.updatingUntil) return "UPDATING";
    return table.TableStatus === "DELETING" ? "DELETING" : "ACTIVE";
  }

  /** Item operations on a table that is still being created fail as on AWS. */
  assertUsable(region: string, tableNames: string[]): void {
    const now = this.clock.now();
    for (const name of tableNames) {
      const transition = this.transitions.get(tableKey(region, name));
      if (transition?.creatingUntil !== undefined && now < transition.creatingUntil) {
        throw new AwsError("ResourceNotFoundException", "Requested resource not found");
      }
    }
  }

  // ---- items ----

  async read(region: string, action: "getItem" | "query" | "scan" | "batchGetItem", input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const data = store.validate(action, input);
    this.assertUsable(region, tablesOf(data));
    return store.run(action, data);
  }

  async write(region: string, action: "putItem" | "updateItem" | "deleteItem" | "batchWriteItem", input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const returnOnFailure = input.ReturnValuesOnConditionCheckFailure;
    const data = store.validate(action, input);
    const tables = tablesOf(data);
    this.assertUsable(region, tables);
    const targets = writeTargets(data);
    const itemKeys = await this.itemKeys(region, targets);
    const run = async () => {
      try {
        return await store.run(action, data);
      } catch (error) {
        if (error instanceof AwsError && error.code === "ConditionalCheckFailedException" && returnOnFailure === "ALL_OLD" && action !== "batchWriteItem") {
          const table = await store.table(data.TableName as string);
          const key = (data.Key ?? keyOf(table, data.Item as DynaliteItem)) as DynaliteItem;
          const item = await store.getItem(table, key);
          if (item) throw new AwsError(error.code, error.message, { extra: { Item: item } });
        }
        throw error;
      }
    };
    const tableKeys = tables.map((t) => tableKey(region, t));
    // A table that does not exist has no key schema: dynalite answers with the right error.
    return itemKeys ? this.locks.items(tableKeys, itemKeys, run) : this.locks.tables(tableKeys, run);
  }

  /** The lock keys of the items given, or undefined when a table is unknown. */
  async itemKeys(region: string, targets: Array<{ table: string; item: DynaliteItem }>): Promise<string[] | undefined> {
    const keys: string[] = [];
    for (const { table, item } of targets) {
      const shape = await this.keyShape(region, table);
      if (!shape) return undefined;
      keys.push(itemLockKey(region, table, shape, item));
    }
    return keys;
  }

  private async keyShape(region: string, tableName: string): Promise<KeyShape | undefined> {
    const key = tableKey(region, tableName);
    let shape = this.keyShapes.get(key);
    if (!shape) {
      const table = await this.region(region).findTable(tableName);
      if (!table) return undefined;
      shape = { KeySchema: table.KeySchema, AttributeDefinitions: table.AttributeDefinitions };
      this.keyShapes.set(key, shape);
    }
    return shape;
  }

  /**
   * Runs `fn` holding the locks of the items given (or, with none, every table given alone), with
   * the stream records of its writes held back until `fn` resolves and dropped if it throws: the
   * base of transactions and of the time-to-live sweep.
   */
  async atomically<T>(
    region: string,
    scope: { tables: string[]; items?: Array<{ table: string; item: DynaliteItem }> },
    fn: () => Promise<T>,
    options: { byTimeToLive?: boolean } = {},
  ): Promise<T> {
    const tableKeys = scope.tables.map((t) => tableKey(region, t));
    const itemKeys = scope.items ? await this.itemKeys(region, scope.items) : undefined;
    if (scope.items && !itemKeys) throw new AwsError("ResourceNotFoundException", "Requested resource not found");
    const captureKeys = itemKeys ?? tableKeys;
    const body = async () => {
      const buffer: Array<{ arn: string; change: ItemChange }> = [];
      for (const key of captureKeys) this.captures.set(key, { buffer, byTimeToLive: options.byTimeToLive });
      let result: T;
      try {
        result = await fn();
      } finally {
        for (const key of captureKeys) this.captures.delete(key);
      }
      for (const { arn, change } of buffer) this.streams.append(arn, change);
      return result;
    };
    return itemKeys ? this.locks.items(tableKeys, itemKeys, body) : this.locks.tables(tableKeys, body);
  }

  // ---- time to live ----

  async updateTimeToLive(region: string, input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const name = requireTableName(input.TableName);
    const spec = input.TimeToLiveSpecification as Partial<TimeToLiveSetting> | undefined;
    if (!spec || typeof spec !== "object") {
      throw new AwsError("ValidationException", "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
    }
    if (typeof spec.Enabled !== "boolean") {
      throw new AwsError("ValidationException", "1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null");
    }
    if (typeof spec.AttributeName !== "string" || spec.AttributeName.length === 0 || spec.AttributeName.length > 255) {
      throw new AwsError("ValidationException", "1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null");
    }
    const setting: TimeToLiveSetting = { AttributeName: spec.AttributeName, Enabled: spec.Enabled };
    return this.locks.tables([tableKey(region, name)], async () => {
      const table = await store.table(name);
      const current = table.LocalCloudTimeToLive as TimeToLiveSetting | undefined;
      if (setting.Enabled && current?.Enabled) {
        throw new AwsError("ValidationException", "TimeToLive is already enabled");
      }
      if (!setting.Enabled && !current?.Enabled) {
        throw new AwsError("ValidationException", "TimeToLive is already disabled");
      }
      if (!setting.Enabled && current && current.AttributeName !== setting.AttributeName) {
        throw new AwsError("ValidationException", `TimeToLive is active on a different AttributeName: current AttributeName is ${current.AttributeName}`);
      }
      table.LocalCloudTimeToLive = setting;
      await store.putTable(table);
      return { TimeToLiveSpecification: setting };
    });
  }

  async describeTimeToLive(region: string, input: DynamoInput): Promise<unknown> {
    const table = await this.region(region).table(requireTableName(input.TableName));
    const setting = table.LocalCloudTimeToLive as TimeToLiveSetting | undefined;
    if (!setting?.Enabled) return { TimeToLiveDescription: { TimeToLiveStatus: "DISABLED" } };
    return { TimeToLiveDescription: { TimeToLiveStatus: "ENABLED", AttributeName: setting.AttributeName } };
  }

  // ---- tags ----

  async tags(region: string, action: "tagResource" | "untagResource" | "listTagsOfResource", input: DynamoInput): Promise<unknown> {
    const store = this.region(region);
    const result = await store.run(action, store.validate(action, input));
    return action === "listTagsOfResource" ? result : {};
  }

  async close(): Promise<void> {
    for (const store of this.regions.values()) await store.close();
  }

  private startStream(region: string, table: DynaliteTable, viewType: DynamoStreamViewType): void {
    const { arn, label } = this.streams.enable({
      region,
      tableArn: table.TableArn,
      tableName: table.TableName,
      keySchema: table.KeySchema,
      viewType,
    });
    table.StreamSpecification = { StreamEnabled: true, StreamViewType: viewType };
    table.LatestStreamArn = arn;
    table.LatestStreamLabel = label;
  }

  private observe(region: string, table: DynaliteTable, oldItem: DynaliteItem | undefined, newItem: DynaliteItem | undefined): void {
    const spec = table.StreamSpecification as { StreamEnabled?: boolean } | undefined;
    const arn = table.LatestStreamArn as string | undefined;
    if (!spec?.StreamEnabled || !arn) return;
    const capture =
      this.captures.get(itemLockKey(region, table.TableName, table, newItem ?? oldItem)) ??
      this.captures.get(tableKey(region, table.TableName));
    const change: ItemChange = {
      oldItem: oldItem ? (JSON.parse(JSON.stringify(oldItem)) as DynamoItem) : undefined,
      newItem: newItem ? (JSON.parse(JSON.stringify(newItem)) as DynamoItem) : undefined,
      byTimeToLive: capture?.byTimeToLive,
    };
    if (capture?.buffer) capture.buffer.push({ arn, change });
    else this.streams.append(arn, change);
  }
}

export function tableKey(region: string, tableName: string): string {
  return `${region}/${tableName}`;
}

type KeyShape = Pick<DynaliteTable, "KeySchema" | "AttributeDefinitions">;

/** The item a lock stands for: its table and its key values, numbers canonical (1 and 1.0 alike). */
function itemLockKey(region: string, table: string, shape: KeyShape, item: DynaliteItem | undefined): string {
  let key = "";
  for (const { AttributeName } of shape.KeySchema) {
    const value = item?.[AttributeName];
    key += `/${value ? db.toRangeStr(value) : ""}`;
  }
  return `${tableKey(region, table)}\u0000${key}`;
}

/** The items a put, update, delete or batch write touches. */
function writeTargets(data: DynamoInput): Array<{ table: string; item: DynaliteItem }> {
  if (data.RequestItems && typeof data.RequestItems === "object") {
    const targets: Array<{ table: string; item: DynaliteItem }> = [];
    for (const [table, requests] of Object.entries(data.RequestItems as Record<string, Array<Record<string, { Item?: DynaliteItem; Key?: DynaliteItem }>>>)) {
      for (const request of requests) {
        const item = request.PutRequest?.Item ?? request.DeleteRequest?.Key;
        if (item) targets.push({ table, item });
      }
    }
    return targets;
  }
  return [{ table: data.TableName as string, item: (data.Item ?? data.Key) as DynaliteItem }];
}

function tablesOf(data: DynamoInput): string[] {
  if (data.RequestItems && typeof data.RequestItems === "object") return Object.keys(data.RequestItems);
  return [data.TableName as string];
}

function keyOf(table: DynaliteTable, item: DynaliteItem): DynaliteItem {
  const key: DynaliteItem = {};
  for (const { AttributeName } of table.KeySchema) key[AttributeName] = item[AttributeName];
  return key;
}

function requireTableName(value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new AwsError("ValidationException", "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  }
  if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(value)) {
    throw new AwsError(
      "ValidationException",
      `1 validation error detected: Value '${value}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
    );
  }
  return value;
}

function checkStreamSpecification(spec: { StreamEnabled: boolean; StreamViewType?: string } | undefined, update: boolean): void {
  if (!spec) return;
  if (spec.StreamEnabled && !spec.StreamViewType) {
    throw new AwsError("ValidationException", "One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true");
  }
  if (!spec.StreamEnabled && spec.StreamViewType && !update) {
    throw new AwsError("ValidationException", "One or more parameter values were invalid: Stream view type cannot be specified when stream is disabled");
  }
}

/** The stored record of a new table, shaped as DescribeTable returns it (dynalite's layout). */
function newTableRecord(data: DynamoInput, region: string, accountId: string, now: number): DynaliteTable {
  const name = data.TableName as string;
  const tableArn = `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
  const onDemand = data.BillingMode === "PAY_PER_REQUEST";
  const throughput = (provided: unknown) => ({
    ...((provided as Record<string, number> | undefined) ?? { ReadCapacityUnits: 0, WriteCapacityUnits: 0 }),
    NumberOfDecreasesToday: 0,
  });
  const table: DynaliteTable = {
    AttributeDefinitions: data.AttributeDefinitions as DynaliteTable["AttributeDefinitions"],
    TableName: name,
    KeySchema: data.KeySchema as DynaliteTable["KeySchema"],
    TableStatus: "ACTIVE",
    CreationDateTime: now / 1000,
    ProvisionedThroughput: throughput(onDemand ? undefined : data.ProvisionedThroughput),
    TableSizeBytes: 0,
    ItemCount: 0,
    TableArn: tableArn,
    TableId: crypto.randomUUID(),
  };
  if (onDemand) {
    table.BillingModeSummary = { BillingMode: "PAY_PER_REQUEST", LastUpdateToPayPerRequestDateTime: now / 1000 };
    table.TableThroughputModeSummary = { TableThroughputMode: "PAY_PER_REQUEST", LastUpdateToPayPerRequestDateTime: now / 1000 };
  }
  if (Array.isArray(data.LocalSecondaryIndexes)) {
    table.LocalSecondaryIndexes = (data.LocalSecondaryIndexes as Array<Record<string, unknown>>).map((index) => ({
      ...index,
      IndexSizeBytes: 0,
      ItemCount: 0,
      IndexArn: `${tableArn}/index/${index.IndexName as string}`,
    }));
  }
  if (Array.isArray(data.GlobalSecondaryIndexes)) {
    table.GlobalSecondaryIndexes = (data.GlobalSecondaryIndexes as Array<Record<string, unknown>>).map((index) => ({
      ...index,
      IndexStatus: "ACTIVE",
      ProvisionedThroughput: throughput(onDemand ? undefined : index.ProvisionedThroughput),
      IndexSizeBytes: 0,
      ItemCount: 0,
      IndexArn: `${tableArn}/index/${index.IndexName as string}`,
    }));
  }
  if (data.TableClass) table.TableClassSummary = { TableClass: data.TableClass };
  const sse = data.SSESpecification as { Enabled?: boolean; KMSMasterKeyId?: string } | undefined;
  if (sse?.Enabled) {
    table.SSEDescription = {
      Status: "ENABLED",
      SSEType: "KMS",
      KMSMasterKeyArn: sse.KMSMasterKeyId ?? `arn:aws:kms:${region}:${accountId}:key/${crypto.randomUUID()}`,
    };
  }
  if (data.DeletionProtectionEnabled === true) table.DeletionProtectionEnabled = true;
  return table;
}

export type { RunnableAction };
