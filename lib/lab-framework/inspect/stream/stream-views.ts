/**
 * What the stream inspectors show, as plain JSON: a Kinesis stream's shards with their hash key
 * ranges and records, and a DynamoDB table's stream records with keys, images and sequence
 * numbers. The server readers build these; the client components render them.
 */
import type { HashKeyRange } from "./hash-key-space";
import type { DynamoAttributeValue, DynamoItem } from "@/lib/localcloud/core/links";

export interface KinesisRecordView {
  sequenceNumber: string;
  partitionKey: string;
  /** MD5 of the partition key (hex) and the hash key it makes (decimal). */
  md5: string;
  hashKey: string;
  /** False when the record sits in a shard whose range does not hold its key's hash (an ExplicitHashKey put it there). */
  routedByPartitionKey: boolean;
  arrivedAt: string;
  sizeBytes: number;
  /** The data as UTF-8 text, when it is text; otherwise base64. */
  data: string;
  encoding: "utf8" | "base64";
}

export interface KinesisShardView {
  shardId: string;
  hashKeyRange: HashKeyRange;
  /** A shard stays open until a reshard closes it. */
  open: boolean;
  parentShardId?: string;
  /** Records read from this shard (its oldest retained record on). */
  recordCount: number;
  /** The newest records, newest first, at most the reader's limit. */
  records: KinesisRecordView[];
  /** True when the reader stopped before the shard's tip (more records than it reads at once). */
  more: boolean;
}

export type StreamStatus = "MISSING" | "CREATING" | "ACTIVE" | "UPDATING" | "DELETING";

export interface KinesisStreamView {
  kind: "kinesis";
  streamName: string;
  status: StreamStatus;
  retentionHours?: number;
  shards: KinesisShardView[];
  /** Why some shards could not be read this time (the read limit, say); what is shown may be older. */
  note?: string;
}

/** A DynamoDB attribute value and item as JSON (binary values in base64), exactly as the stream carries them. */
export type AttributeJson = DynamoAttributeValue;
export type ItemJson = DynamoItem;

export interface TableStreamRecordView {
  eventID: string;
  eventName: "INSERT" | "MODIFY" | "REMOVE";
  sequenceNumber: string;
  approximateCreationDateTime: string;
  keys: ItemJson;
  newImage?: ItemJson;
  oldImage?: ItemJson;
  sizeBytes: number;
  /** Deleted by DynamoDB's time to live, not by a request. */
  byTimeToLive: boolean;
}

export interface TableStreamShardView {
  shardId: string;
  parentShardId?: string;
  open: boolean;
  startingSequenceNumber?: string;
  recordCount: number;
  /** Newest first. */
  records: TableStreamRecordView[];
  more: boolean;
}

export interface TableStreamView {
  kind: "dynamodb";
  tableName: string;
  /** NO_STREAM: the table exists without a stream. */
  status: "MISSING" | "NO_STREAM" | "ENABLING" | "ENABLED" | "DISABLING" | "DISABLED";
  streamArn?: string;
  streamLabel?: string;
  viewType?: "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";
  keySchema: Array<{ name: string; type: "HASH" | "RANGE" }>;
  shards: TableStreamShardView[];
  note?: string;
}

export type StreamResourceView = KinesisStreamView | TableStreamView;
