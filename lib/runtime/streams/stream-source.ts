/**
 * What a stream mapping needs from a stream, whether Kinesis or DynamoDB Streams: its shards
 * (with their parents, for lineage) and, per shard, a reader that returns records in order as
 * Lambda-shaped event records.
 */
import type { DynamoDBRecord, KinesisStreamRecord } from "aws-lambda";

export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
  adjacentParentShardId?: string;
  /** The shard has an ending sequence number: no record will be added to it. */
  closed: boolean;
}

export type ShardPosition =
  | { type: "TRIM_HORIZON" }
  | { type: "LATEST" }
  | { type: "AT_TIMESTAMP"; timestamp: number }
  | { type: "AFTER_SEQUENCE_NUMBER"; sequenceNumber: string };

export type StreamEventRecord = KinesisStreamRecord | DynamoDBRecord;

export interface StreamRecord<E extends StreamEventRecord = StreamEventRecord> {
  sequenceNumber: string;
  /** When the record reached the stream (epoch ms): its age is measured from here. */
  arrivalMs: number;
  /** What the record adds to an invocation payload. */
  sizeBytes: number;
  event: E;
}

export interface ShardRead<E extends StreamEventRecord = StreamEventRecord> {
  records: StreamRecord<E>[];
  /** The shard is closed and every record has been read. */
  ended: boolean;
}

export interface ShardReader<E extends StreamEventRecord = StreamEventRecord> {
  read(limit: number, signal: AbortSignal): Promise<ShardRead<E>>;
}

export interface StreamSource<E extends StreamEventRecord = StreamEventRecord> {
  readonly eventSource: "aws:kinesis" | "aws:dynamodb";
  /** The key of the batch description in an on-failure destination record. */
  readonly batchInfoKey: "KinesisBatchInfo" | "DDBStreamBatchInfo";
  readonly streamArn: string;
  /** Most records one GetRecords may return. */
  readonly maxReadLimit: number;
  /** How long an idle shard waits between reads (Lambda polls Kinesis shards once a second). */
  readonly idlePollMs: number;
  /** Shortest time between two reads of one shard (Kinesis allows 5 GetRecords a second). */
  readonly minReadIntervalMs: number;
  listShards(signal: AbortSignal): Promise<ShardInfo[]>;
  openShard(shardId: string, position: ShardPosition, signal: AbortSignal): Promise<ShardReader<E>>;
}

/** AWS errors a shard reader meets that mean "too fast, wait and try again". */
export function isThroughputError(code: string): boolean {
  return code === "ProvisionedThroughputExceededException" || code === "LimitExceededException" || code === "ThrottlingException";
}
