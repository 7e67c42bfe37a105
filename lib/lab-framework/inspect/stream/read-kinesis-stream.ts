/**
 * Reads a Kinesis stream's shards and records for the inspector (server side). On a local cloud
 * with inspection routes it reads them there, which changes nothing; elsewhere (real AWS) it
 * reads each shard from its oldest record with GetShardIterator and GetRecords, which is free
 * and changes no data but counts toward the shard's five reads a second and the stream's
 * GetRecords metrics.
 */
import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type Shard,
} from "@aws-sdk/client-kinesis";
import type { LabContext } from "@/lib/lab-framework/types";
import { translateAwsError } from "@/lib/aws/errors";
import { inRange } from "./hash-key-space";
import { canInspect, readInspection } from "./local-cloud-inspection";
import { routePartitionKey } from "./partition-key-hash";
import type { KinesisRecordView, KinesisShardView, KinesisStreamView, StreamStatus } from "./stream-views";

export interface KinesisReadOptions {
  /** Newest records kept per shard (default 50, at most 500). */
  limit?: number;
  /** GetRecords calls per shard and read, on connections without inspection (default 3). */
  maxReadsPerShard?: number;
}

type Reader = Pick<LabContext, "aws" | "connection" | "region" | "signal">;

interface InspectedStream {
  status: StreamStatus;
  shards: Array<{
    shardId: string;
    hashKeyRange: { start: string; end: string };
    recordCount: number;
    truncated: boolean;
    records: Array<{ sequenceNumber: string; partitionKey: string; approximateArrivalTimestamp: string; sizeBytes: number; dataBase64: string; text: string | null }>;
  }>;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

function clampLimit(limit: number | undefined): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit ?? DEFAULT_LIMIT)));
}

function recordView(
  raw: { sequenceNumber: string; partitionKey: string; arrivedAt: string; data: Uint8Array | null; dataBase64?: string; text?: string | null },
  range: { start: string; end: string },
): KinesisRecordView {
  const routing = routePartitionKey(raw.partitionKey);
  const bytes = raw.data ?? Buffer.from(raw.dataBase64 ?? "", "base64");
  const text = raw.text !== undefined ? raw.text : utf8(bytes);
  return {
    sequenceNumber: raw.sequenceNumber,
    partitionKey: raw.partitionKey,
    md5: routing.md5,
    hashKey: routing.hashKey,
    routedByPartitionKey: inRange(routing.hashKey, range),
    arrivedAt: raw.arrivedAt,
    sizeBytes: bytes.length,
    data: text ?? Buffer.from(bytes).toString("base64"),
    encoding: text === null ? "base64" : "utf8",
  };
}

function utf8(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString("utf8");
  return Buffer.from(text, "utf8").equals(buffer) ? text : null;
}

async function listShards(context: Reader, streamName: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let nextToken: string | undefined;
  do {
    const page = await context.aws.kinesis.send(
      new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: streamName }),
      { abortSignal: context.signal },
    );
    shards.push(...(page.Shards ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return shards;
}

async function readShard(context: Reader, streamName: string, shard: Shard, limit: number, maxReads: number): Promise<KinesisShardView> {
  const range = { start: shard.HashKeyRange?.StartingHashKey ?? "0", end: shard.HashKeyRange?.EndingHashKey ?? "0" };
  const { ShardIterator } = await context.aws.kinesis.send(
    new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }),
    { abortSignal: context.signal },
  );
  let iterator = ShardIterator;
  let kept: KinesisRecordView[] = [];
  let count = 0;
  let more = false;
  for (let read = 0; iterator; read++) {
    if (read === maxReads) {
      more = true;
      break;
    }
    const page = await context.aws.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }), { abortSignal: context.signal });
    for (const record of page.Records ?? []) {
      count += 1;
      kept.push(
        recordView(
          {
            sequenceNumber: record.SequenceNumber ?? "",
            partitionKey: record.PartitionKey ?? "",
            arrivedAt: (record.ApproximateArrivalTimestamp ?? new Date(0)).toISOString(),
            data: record.Data ?? new Uint8Array(),
          },
          range,
        ),
      );
    }
    if (kept.length > limit * 2) kept = kept.slice(-limit);
    iterator = page.NextShardIterator;
    if ((page.MillisBehindLatest ?? 0) === 0) break;
  }
  return {
    shardId: shard.ShardId ?? "",
    hashKeyRange: range,
    open: !shard.SequenceNumberRange?.EndingSequenceNumber,
    ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
    recordCount: count,
    records: kept.slice(-limit).reverse(),
    more,
  };
}

async function readThroughInspection(context: Reader, streamName: string, limit: number, retentionHours: number | undefined): Promise<KinesisStreamView> {
  const inspected = await readInspection<InspectedStream>(context, "kinesis/records", { stream: streamName });
  return {
    kind: "kinesis",
    streamName,
    status: inspected.status,
    ...(retentionHours !== undefined ? { retentionHours } : {}),
    shards: inspected.shards.map((shard) => ({
      shardId: shard.shardId,
      hashKeyRange: shard.hashKeyRange,
      open: true,
      recordCount: shard.recordCount,
      records: shard.records
        .slice(-limit)
        .reverse()
        .map((r) =>
          recordView(
            { sequenceNumber: r.sequenceNumber, partitionKey: r.partitionKey, arrivedAt: r.approximateArrivalTimestamp, data: null, dataBase64: r.dataBase64, text: r.text },
            shard.hashKeyRange,
          ),
        ),
      more: shard.truncated && shard.recordCount > limit,
    })),
  };
}

/** The stream's status, shards (with hash key ranges) and newest records per shard. */
export async function readKinesisStream(context: Reader, streamName: string, options: KinesisReadOptions = {}): Promise<KinesisStreamView> {
  const limit = clampLimit(options.limit);
  let summary;
  try {
    ({ StreamDescriptionSummary: summary } = await context.aws.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }), {
      abortSignal: context.signal,
    }));
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return { kind: "kinesis", streamName, status: "MISSING", shards: [] };
    throw error;
  }
  const status = (summary?.StreamStatus ?? "ACTIVE") as StreamStatus;
  const retentionHours = summary?.RetentionPeriodHours;
  if (status === "CREATING" || status === "DELETING") return { kind: "kinesis", streamName, status, retentionHours, shards: [] };
  if (canInspect(context)) return readThroughInspection(context, streamName, limit, retentionHours);

  const shards = await listShards(context, streamName);
  const maxReads = Math.max(1, options.maxReadsPerShard ?? 3);
  const failures: string[] = [];
  const views = await Promise.all(
    shards.map(async (shard): Promise<KinesisShardView> => {
      try {
        return await readShard(context, streamName, shard, limit, maxReads);
      } catch (error) {
        const friendly = translateAwsError(error, { region: context.region });
        if (friendly.family !== "throttled") throw error;
        failures.push(shard.ShardId ?? "");
        return {
          shardId: shard.ShardId ?? "",
          hashKeyRange: { start: shard.HashKeyRange?.StartingHashKey ?? "0", end: shard.HashKeyRange?.EndingHashKey ?? "0" },
          open: !shard.SequenceNumberRange?.EndingSequenceNumber,
          recordCount: 0,
          records: [],
          more: true,
        };
      }
    }),
  );
  return {
    kind: "kinesis",
    streamName,
    status,
    retentionHours,
    shards: views,
    ...(failures.length ? { note: `Kinesis refused more reads of ${failures.join(", ")} this second (5 reads a second per shard, shared with the consumers); they are read again on the next refresh.` } : {}),
  };
}
