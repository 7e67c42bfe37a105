/**
 * Reads a DynamoDB table's stream for the inspector (server side): its status, view type and
 * shards, and each shard's newest records with keys, images and sequence numbers. On a local
 * cloud with inspection routes the records come from there, which changes nothing; elsewhere
 * each shard is read from its oldest record with GetShardIterator and GetRecords. On AWS a
 * stream shard serves at most two readers at once, so these reads can briefly throttle the lab's
 * own consumers; the view says when it was throttled itself.
 */
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type Shard, type _Record } from "@aws-sdk/client-dynamodb-streams";
import type { LabContext } from "@/lib/lab-framework/types";
import { translateAwsError } from "@/lib/aws/errors";
import { itemJson, type SdkAttributeValue } from "./attribute-json";
import { canInspect, readInspection } from "./local-cloud-inspection";
import type { TableStreamRecordView, TableStreamShardView, TableStreamView } from "./stream-views";

export interface TableStreamReadOptions {
  /** Newest records kept per shard (default 50, at most 500). */
  limit?: number;
  /** GetRecords calls per shard and read, on connections without inspection (default 3). */
  maxReadsPerShard?: number;
}

type Reader = Pick<LabContext, "aws" | "connection" | "region" | "signal">;

interface StreamRecordLike {
  eventID?: string;
  eventName?: string;
  dynamodb?: {
    ApproximateCreationDateTime?: Date | number;
    Keys?: Record<string, SdkAttributeValue>;
    NewImage?: Record<string, SdkAttributeValue>;
    OldImage?: Record<string, SdkAttributeValue>;
    SequenceNumber?: string;
    SizeBytes?: number;
  };
  userIdentity?: { PrincipalId?: string; Type?: string };
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

function recordView(record: StreamRecordLike): TableStreamRecordView {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  const createdMs = created instanceof Date ? created.getTime() : (created ?? 0) * 1000;
  return {
    eventID: record.eventID ?? "",
    eventName: (record.eventName ?? "INSERT") as TableStreamRecordView["eventName"],
    sequenceNumber: d.SequenceNumber ?? "",
    approximateCreationDateTime: new Date(createdMs).toISOString(),
    keys: itemJson(d.Keys ?? {}),
    ...(d.NewImage ? { newImage: itemJson(d.NewImage) } : {}),
    ...(d.OldImage ? { oldImage: itemJson(d.OldImage) } : {}),
    sizeBytes: d.SizeBytes ?? 0,
    byTimeToLive: record.userIdentity?.PrincipalId === "dynamodb.amazonaws.com",
  };
}

function bySequence(a: TableStreamRecordView, b: TableStreamRecordView): number {
  const x = BigInt(a.sequenceNumber || "0");
  const y = BigInt(b.sequenceNumber || "0");
  return x < y ? -1 : x > y ? 1 : 0;
}

async function describeAllShards(context: Reader, streamArn: string) {
  const shards: Shard[] = [];
  let exclusiveStart: string | undefined;
  let description;
  do {
    const page = await context.aws.dynamodbStreams.send(
      new DescribeStreamCommand({ StreamArn: streamArn, ...(exclusiveStart ? { ExclusiveStartShardId: exclusiveStart } : {}) }),
      { abortSignal: context.signal },
    );
    description = page.StreamDescription;
    shards.push(...(description?.Shards ?? []));
    exclusiveStart = description?.LastEvaluatedShardId;
  } while (exclusiveStart);
  return { description, shards };
}

async function readShard(context: Reader, streamArn: string, shard: Shard, maxReads: number): Promise<{ records: TableStreamRecordView[]; more: boolean }> {
  const { ShardIterator } = await context.aws.dynamodbStreams.send(
    new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }),
    { abortSignal: context.signal },
  );
  const records: TableStreamRecordView[] = [];
  let iterator = ShardIterator;
  for (let read = 0; iterator; read++) {
    if (read === maxReads) return { records, more: true };
    const page = await context.aws.dynamodbStreams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }), { abortSignal: context.signal });
    const got: _Record[] = page.Records ?? [];
    records.push(...got.map((r) => recordView(r as StreamRecordLike)));
    iterator = page.NextShardIterator;
    if (got.length === 0) break;
  }
  return { records, more: false };
}

/** The table's stream: status, view type, shards and the newest records of each. */
export async function readTableStream(context: Reader, tableName: string, options: TableStreamReadOptions = {}): Promise<TableStreamView> {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  let table;
  try {
    ({ Table: table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: tableName }), { abortSignal: context.signal }));
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return { kind: "dynamodb", tableName, status: "MISSING", keySchema: [], shards: [] };
    throw error;
  }
  const keySchema = (table?.KeySchema ?? []).map((k) => ({ name: k.AttributeName ?? "", type: (k.KeyType ?? "HASH") as "HASH" | "RANGE" }));
  const streamArn = table?.LatestStreamArn;
  if (!streamArn) return { kind: "dynamodb", tableName, status: "NO_STREAM", keySchema, shards: [] };

  const { description, shards } = await describeAllShards(context, streamArn);
  const base = {
    kind: "dynamodb" as const,
    tableName,
    status: (description?.StreamStatus ?? "ENABLED") as TableStreamView["status"],
    streamArn,
    ...(description?.StreamLabel ? { streamLabel: description.StreamLabel } : {}),
    ...(description?.StreamViewType ? { viewType: description.StreamViewType } : {}),
    keySchema,
  };

  const perShard = new Map<string, { records: TableStreamRecordView[]; more: boolean }>();
  const throttled: string[] = [];
  if (canInspect(context)) {
    const inspected = await readInspection<{ records: Array<{ streamArn: string; shardId: string; record: StreamRecordLike }> }>(context, "dynamodb/stream-records", { table: tableName });
    for (const entry of inspected.records) {
      if (entry.streamArn !== streamArn) continue;
      const bucket = perShard.get(entry.shardId) ?? { records: [], more: false };
      bucket.records.push(recordView(entry.record));
      perShard.set(entry.shardId, bucket);
    }
  } else {
    const maxReads = Math.max(1, options.maxReadsPerShard ?? 3);
    await Promise.all(
      shards.map(async (shard) => {
        try {
          perShard.set(shard.ShardId ?? "", await readShard(context, streamArn, shard, maxReads));
        } catch (error) {
          if (translateAwsError(error).family !== "throttled") throw error;
          throttled.push(shard.ShardId ?? "");
        }
      }),
    );
  }

  const shardViews: TableStreamShardView[] = shards.map((shard) => {
    const read = perShard.get(shard.ShardId ?? "") ?? { records: [], more: false };
    const ordered = [...read.records].sort(bySequence);
    return {
      shardId: shard.ShardId ?? "",
      ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
      open: !shard.SequenceNumberRange?.EndingSequenceNumber,
      ...(shard.SequenceNumberRange?.StartingSequenceNumber ? { startingSequenceNumber: shard.SequenceNumberRange.StartingSequenceNumber } : {}),
      recordCount: ordered.length,
      records: ordered.slice(-limit).reverse(),
      more: read.more || ordered.length > limit,
    };
  });
  return {
    ...base,
    shards: shardViews,
    ...(throttled.length ? { note: `DynamoDB Streams refused reads of ${throttled.join(", ")} just now (a shard serves two readers at once); they are read again on the next refresh.` } : {}),
  };
}
