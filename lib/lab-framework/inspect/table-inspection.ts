/**
 * What the table inspector shows: a table's items as plain JSON (a Scan of the first page, which
 * a lab-sized table fits in), with its key attributes first. Read-only.
 */
import { DescribeTableCommand, ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { translateAwsError } from "@/lib/aws/errors";
import type { JsonValue, LabContext } from "../types";

export interface TableSnapshot {
  key: string;
  name: string;
  exists: boolean;
  status: string | null;
  /** Partition key, then sort key. */
  keyAttributes: string[];
  items: Array<Record<string, JsonValue>>;
  /** More items than shown. */
  truncated: boolean;
}

const ITEM_LIMIT = 100;

/** DynamoDB's typed values as plain JSON: big numbers stay strings, binary is base64, sets are lists. */
export function attributeToJson(value: AttributeValue): JsonValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) {
    const n = Number(value.N);
    return Number.isSafeInteger(n) || (!Number.isInteger(n) && Number.isFinite(n) && String(n) === value.N) ? n : value.N;
  }
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return Buffer.from(value.B).toString("base64");
  if (value.SS !== undefined) return value.SS;
  if (value.NS !== undefined) return value.NS.map((n) => attributeToJson({ N: n }));
  if (value.BS !== undefined) return value.BS.map((b) => Buffer.from(b).toString("base64"));
  if (value.L !== undefined) return value.L.map(attributeToJson);
  if (value.M !== undefined) return itemToJson(value.M);
  return null;
}

export function itemToJson(item: Record<string, AttributeValue>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(item)) out[name] = attributeToJson(value);
  return out;
}

export async function inspectTable(context: LabContext, key: string): Promise<TableSnapshot> {
  const name = context.names[key];
  const options = { abortSignal: context.signal };
  let table;
  try {
    ({ Table: table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: name }), options));
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return { key, name, exists: false, status: null, keyAttributes: [], items: [], truncated: false };
    throw error;
  }
  const keyAttributes = [...(table?.KeySchema ?? [])].sort((a, b) => (a.KeyType === b.KeyType ? 0 : a.KeyType === "HASH" ? -1 : 1)).map((k) => k.AttributeName ?? "");
  if (table?.TableStatus !== "ACTIVE" && table?.TableStatus !== "UPDATING") {
    return { key, name, exists: true, status: table?.TableStatus ?? null, keyAttributes, items: [], truncated: false };
  }
  const { Items = [], LastEvaluatedKey } = await context.aws.dynamodb.send(new ScanCommand({ TableName: name, Limit: ITEM_LIMIT }), options);
  return { key, name, exists: true, status: table.TableStatus, keyAttributes, items: Items.map(itemToJson), truncated: Boolean(LastEvaluatedKey) };
}
