/**
 * Builds one DynamoDB Streams record from an item's images before and after a write, the way
 * DynamoDB does: INSERT / MODIFY / REMOVE, the key attributes, the images the stream's view type
 * asks for, and nothing at all when the write changed nothing.
 */
import { randomBytes } from "node:crypto";
import type {
  DynamoAttributeValue,
  DynamoItem,
  DynamoStreamRecord,
  DynamoStreamViewType,
} from "../core/links";

export interface ItemChange {
  oldItem?: DynamoItem;
  newItem?: DynamoItem;
  /** Set on deletes made by the time-to-live sweeper (AWS marks them with the service's identity). */
  byTimeToLive?: boolean;
}

export interface RecordContext {
  region: string;
  viewType: DynamoStreamViewType;
  keyAttributes: string[];
  sequenceNumber: string;
  now: number;
}

export function buildStreamRecord(change: ItemChange, context: RecordContext): DynamoStreamRecord | null {
  const { oldItem, newItem } = change;
  if (!oldItem && !newItem) return null;
  if (oldItem && newItem && itemsEqual(oldItem, newItem)) return null;

  const source = (newItem ?? oldItem) as DynamoItem;
  const keys: DynamoItem = {};
  for (const name of context.keyAttributes) if (source[name]) keys[name] = source[name];

  const withNew = context.viewType === "NEW_IMAGE" || context.viewType === "NEW_AND_OLD_IMAGES";
  const withOld = context.viewType === "OLD_IMAGE" || context.viewType === "NEW_AND_OLD_IMAGES";
  const dynamodb: DynamoStreamRecord["dynamodb"] = {
    ApproximateCreationDateTime: Math.floor(context.now / 1000),
    Keys: keys,
    SequenceNumber: context.sequenceNumber,
    SizeBytes: 0,
    StreamViewType: context.viewType,
  };
  if (withNew && newItem) dynamodb.NewImage = newItem;
  if (withOld && oldItem) dynamodb.OldImage = oldItem;
  dynamodb.SizeBytes = itemSize(keys) + itemSize(dynamodb.NewImage) + itemSize(dynamodb.OldImage);

  const record: DynamoStreamRecord = {
    eventID: randomBytes(16).toString("hex"),
    eventName: !oldItem ? "INSERT" : !newItem ? "REMOVE" : "MODIFY",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: context.region,
    dynamodb,
  };
  if (change.byTimeToLive) record.userIdentity = { PrincipalId: "dynamodb.amazonaws.com", Type: "Service" };
  return record;
}

/** Attribute-by-attribute equality; sets compare as sets, numbers by value. */
export function itemsEqual(a: DynamoItem, b: DynamoItem): boolean {
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  return names.every((name) => b[name] !== undefined && valuesEqual(a[name], b[name]));
}

function valuesEqual(a: DynamoAttributeValue, b: DynamoAttributeValue): boolean {
  const [typeA] = Object.keys(a);
  const [typeB] = Object.keys(b);
  if (typeA !== typeB) return false;
  const va = (a as Record<string, unknown>)[typeA];
  const vb = (b as Record<string, unknown>)[typeB];
  switch (typeA) {
    case "N":
      return canonicalNumber(va as string) === canonicalNumber(vb as string);
    case "SS":
    case "BS":
      return sameSet(va as string[], vb as string[], (x) => x);
    case "NS":
      return sameSet(va as string[], vb as string[], canonicalNumber);
    case "L": {
      const la = va as DynamoAttributeValue[];
      const lb = vb as DynamoAttributeValue[];
      return la.length === lb.length && la.every((v, i) => valuesEqual(v, lb[i]));
    }
    case "M":
      return itemsEqual(va as DynamoItem, vb as DynamoItem);
    default:
      return va === vb;
  }
}

function sameSet(a: string[], b: string[], canonical: (value: string) => string): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a.map(canonical));
  return b.every((v) => set.has(canonical(v)));
}

/** "1.50", "+1.5" and "15e-1" are the same DynamoDB number. */
function canonicalNumber(value: string): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, intPart, fracPart = "", expPart = "0"] = match;
  const all = (intPart + fracPart).replace(/^0+/, "");
  const digits = all.replace(/0+$/, "");
  if (digits === "") return "0";
  const exponent = Number(expPart) - fracPart.length + (all.length - digits.length);
  return `${sign === "-" ? "-" : ""}${digits}e${exponent}`;
}

/** DynamoDB's item size: attribute names plus values (numbers ~ 1 byte per 2 digits + 1). */
export function itemSize(item: DynamoItem | undefined): number {
  if (!item) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(value: DynamoAttributeValue): number {
  const [type] = Object.keys(value);
  const v = (value as Record<string, unknown>)[type];
  switch (type) {
    case "S":
      return Buffer.byteLength(v as string);
    case "B":
      return Buffer.from(v as string, "base64").length;
    case "N":
      return numberSize(v as string);
    case "BOOL":
    case "NULL":
      return 1;
    case "SS":
      return (v as string[]).reduce((n, s) => n + Buffer.byteLength(s), 0);
    case "BS":
      return (v as string[]).reduce((n, s) => n + Buffer.from(s, "base64").length, 0);
    case "NS":
      return (v as string[]).reduce((n, s) => n + numberSize(s), 0);
    case "L":
      return 3 + (v as DynamoAttributeValue[]).reduce((n, e) => n + 1 + valueSize(e), 0);
    case "M":
      return 3 + Object.entries(v as DynamoItem).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + valueSize(e), 0);
    default:
      return 0;
  }
}

function numberSize(value: string): number {
  const digits = value.replace(/^[+-]/, "").replace(/[eE].*$/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}
