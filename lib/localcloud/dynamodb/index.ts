/**
 * DynamoDB (AWS JSON 1.0, `DynamoDB_20120810.*`): the operation table over the model, and the
 * side-effect-free inspection routes:
 *
 *   GET /_localcloud/dynamodb/items?region=&table=           every item of a table
 *   GET /_localcloud/dynamodb/stream-records?region=&table=  the table's retained stream records
 *   GET /_localcloud/dynamodb/tables?region=                 the tables with their status
 */
import { AwsError } from "../core/errors";
import type { InspectRequest, ServiceContext, ServiceModule } from "../core/service";
import { parseJsonInput } from "../protocol/aws-json";
import { DEFAULT_REGION } from "../router";
import { streamsFor } from "../dynamodb-streams/model";
import { DynamoDbModel } from "./model";
import type { DynamoInput } from "./region-store";
import { sweepExpiredItems } from "./time-to-live";
import { Transactions } from "./transactions";
import { dynamoErrorResponse, dynamoJsonResponse } from "./wire";

type Operation = (input: DynamoInput, region: string, host: string) => Promise<unknown>;

/** The most items the inspection route returns for one table. */
const INSPECT_ITEM_LIMIT = 1000;

export function createDynamoDbService(context: ServiceContext): ServiceModule {
  const model = new DynamoDbModel(context, streamsFor(context));
  const transactions = new Transactions(model);
  const operations = operationTable(model, transactions);

  // One sweep at a time; minutes that end while one runs are folded into one more sweep after it.
  let sweeping: Promise<void> | null = null;
  let sweepAgainAt: number | null = null;
  const sweep = (nowMs: number) => {
    if (sweeping) {
      sweepAgainAt = nowMs;
      return;
    }
    sweeping = sweepExpiredItems(model, nowMs)
      .catch((error) => console.error("[localcloud] DynamoDB time-to-live sweep failed:", error))
      .finally(() => {
        sweeping = null;
        const again = sweepAgainAt;
        sweepAgainAt = null;
        if (again !== null) sweep(again);
      });
  };
  const stopSweeper = context.clock.everyMinute((minuteStart) => sweep(minuteStart + 60_000));

  return {
    name: "dynamodb",
    match: { signingNames: ["dynamodb"], jsonTargetPrefixes: ["DynamoDB_20120810"] },
    async handle(request) {
      try {
        const operation = operations[request.operation];
        if (!operation) throw new AwsError("UnknownOperationException", "");
        return dynamoJsonResponse(await operation(parseJsonInput(request.body), request.region, request.host));
      } catch (error) {
        if (error instanceof AwsError) return dynamoErrorResponse(error);
        throw error;
      }
    },
    inspect: (request) => inspect(model, request),
    async close() {
      stopSweeper();
      sweepAgainAt = null;
      while (sweeping) await sweeping;
      await model.close();
    },
  };
}

function operationTable(model: DynamoDbModel, transactions: Transactions): Record<string, Operation> {
  return {
    CreateTable: (input, region) => model.createTable(region, input),
    DescribeTable: (input, region) => model.describeTable(region, input),
    UpdateTable: (input, region) => model.updateTable(region, input),
    DeleteTable: (input, region) => model.deleteTable(region, input),
    ListTables: (input, region) => model.listTables(region, input),
    PutItem: (input, region) => model.write(region, "putItem", input),
    UpdateItem: (input, region) => model.write(region, "updateItem", input),
    DeleteItem: (input, region) => model.write(region, "deleteItem", input),
    BatchWriteItem: (input, region) => model.write(region, "batchWriteItem", input),
    GetItem: (input, region) => model.read(region, "getItem", input),
    BatchGetItem: (input, region) => model.read(region, "batchGetItem", input),
    Query: (input, region) => model.read(region, "query", input),
    Scan: (input, region) => model.read(region, "scan", input),
    TransactWriteItems: (input, region) => transactions.write(region, input),
    TransactGetItems: (input, region) => transactions.get(region, input),
    UpdateTimeToLive: (input, region) => model.updateTimeToLive(region, input),
    DescribeTimeToLive: (input, region) => model.describeTimeToLive(region, input),
    TagResource: (input, region) => model.tags(region, "tagResource", input),
    UntagResource: (input, region) => model.tags(region, "untagResource", input),
    ListTagsOfResource: (input, region) => model.tags(region, "listTagsOfResource", input),
    DescribeEndpoints: async (_input, _region, host) => ({ Endpoints: [{ Address: host, CachePeriodInMinutes: 1440 }] }),
    DescribeLimits: async () => ({
      AccountMaxReadCapacityUnits: 80000,
      AccountMaxWriteCapacityUnits: 80000,
      TableMaxReadCapacityUnits: 40000,
      TableMaxWriteCapacityUnits: 40000,
    }),
  };
}

async function inspect(model: DynamoDbModel, request: InspectRequest): Promise<unknown> {
  if (request.method !== "GET") throw new AwsError("NotFound", "Inspection routes are read-only (GET).", { status: 404 });
  const region = request.query.get("region") || DEFAULT_REGION;
  const store = model.existingRegion(region);
  const notFound = (name: string) => new AwsError("ResourceNotFoundException", `Requested resource not found: Table: ${name} not found`);
  if (request.subpath === "tables") {
    const tables = store ? await store.allTables() : [];
    return {
      region,
      tables: tables.map((t) => {
        const described = model.describeRecord(region, t);
        return {
          name: t.TableName,
          status: described.TableStatus,
          keySchema: t.KeySchema,
          streamArn: (described.StreamSpecification ? t.LatestStreamArn : undefined) ?? null,
          streamViewType: (described.StreamSpecification as { StreamViewType?: string } | undefined)?.StreamViewType ?? null,
        };
      }),
    };
  }
  const tableName = request.query.get("table");
  if (!tableName) throw new AwsError("MissingParameter", "The query must name a table (?table=).", { status: 400 });
  if (!store) throw notFound(tableName);
  if (request.subpath === "items") {
    const table = await store.table(tableName);
    const items: unknown[] = [];
    let start: unknown = undefined;
    do {
      const input: DynamoInput = { TableName: tableName, Limit: INSPECT_ITEM_LIMIT - items.length };
      if (start) input.ExclusiveStartKey = start;
      const page = await store.run("scan", store.validate("scan", input));
      items.push(...((page.Items as unknown[] | undefined) ?? []));
      start = page.LastEvaluatedKey;
    } while (start && items.length < INSPECT_ITEM_LIMIT);
    return { region, table: tableName, keySchema: table.KeySchema, count: items.length, truncated: Boolean(start), items };
  }
  if (request.subpath === "stream-records") {
    await store.table(tableName);
    const records = model.streams.recordsOfTable(region, tableName);
    return { region, table: tableName, count: records.length, records };
  }
  throw new AwsError("NotFound", `No DynamoDB inspection route ${request.subpath}.`, { status: 404 });
}
