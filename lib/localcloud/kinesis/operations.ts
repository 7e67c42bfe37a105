/**
 * Kinesis's operations: each reads its JSON input, calls the model and returns the output in
 * the SDK's shape (on the wire).
 */
import type {
  DescribeStreamOutput,
  DescribeStreamSummaryOutput,
  GetRecordsOutput,
  GetShardIteratorOutput,
  ListShardsOutput,
  ListStreamsOutput,
  ListTagsForResourceOutput,
  ListTagsForStreamOutput,
  PutRecordOutput,
  PutRecordsOutput,
  Shard as ShardShape,
} from "@aws-sdk/client-kinesis";
import { AwsError } from "../core/errors";
import { kinesisErrors } from "./errors";
import { parseExplicitHashKey } from "./hash-keys";
import {
  optionalInteger,
  optionalString,
  optionalStringList,
  optionalStringMap,
  optionalTimestamp,
  requiredBlob,
  requiredInteger,
  requiredList,
  requiredString,
  type JsonInput,
} from "./input";
import type { IteratorType, KinesisModel, RecordInput } from "./model";
import { isSequenceNumber } from "./sequence-numbers";
import { ON_DEMAND_SHARDS, type Shard, type Stream, type StreamMode } from "./stream";
import { epochSeconds, type Wire } from "./wire";

export interface OperationContext {
  model: KinesisModel;
  region: string;
  input: JsonInput;
}

type Operation = (context: OperationContext) => unknown;
/** Operations whose output has no members. */
type Empty = Record<string, never>;

const STREAM_NAME = { min: 1, max: 128, pattern: /^[a-zA-Z0-9_.-]+$/ };
const STREAM_ARN = { min: 1, max: 2048, pattern: /^arn:aws.*:kinesis:.*:\d{12}:stream\/\S+$/ };
const SHARD_ID = { min: 1, max: 128, pattern: /^[a-zA-Z0-9_.-]+$/ };
const PARTITION_KEY = { min: 1, max: 256 };
const MAX_RECORD_BYTES = 1024 * 1024;
const MAX_PUT_RECORDS_BYTES = 5 * 1024 * 1024;
const ITERATOR_TYPES: IteratorType[] = ["TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "AT_TIMESTAMP"];
const TAG_KEY = { min: 1, max: 128 };
const TAG_VALUE = { min: 0, max: 256 };

/** The stream a request names, by StreamName, StreamARN or both (which must agree). */
function streamNameOf({ input, region, model }: OperationContext): string {
  const name = optionalString(input, "StreamName", STREAM_NAME);
  const arn = optionalString(input, "StreamARN", STREAM_ARN);
  if (arn !== undefined) {
    const fromArn = nameFromArn(arn, region, model.accountId);
    if (name !== undefined && name !== fromArn) {
      throw kinesisErrors.invalidArgument(`StreamARN ${arn} and StreamName ${name} do not refer to the same stream.`);
    }
    return fromArn;
  }
  if (name === undefined) throw kinesisErrors.invalidArgument("Either StreamName or StreamARN should be provided.");
  return name;
}

function nameFromArn(arn: string, region: string, accountId: string): string {
  const match = /^arn:aws[a-z-]*:kinesis:([a-z0-9-]*):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})$/.exec(arn);
  if (!match) throw kinesisErrors.invalidArgument(`StreamARN ${arn} is not a valid Kinesis stream ARN.`);
  if (match[1] !== region || match[2] !== accountId) throw kinesisErrors.streamNotFound(match[3], accountId);
  return match[3];
}

function streamOfResourceArn(context: OperationContext): Stream {
  const arn = requiredString(context.input, "ResourceARN", { min: 1, max: 2048 });
  const name = nameFromArn(arn, context.region, context.model.accountId);
  return context.model.require(context.region, name);
}

function readTags(input: JsonInput, member: string, required: boolean): Record<string, string> {
  const tags = optionalStringMap(input, member);
  if (tags === undefined) {
    if (required) throw kinesisErrors.constraint(member.charAt(0).toLowerCase() + member.slice(1), undefined, "Member must not be null");
    return {};
  }
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < TAG_KEY.min || key.length > TAG_KEY.max) throw kinesisErrors.invalidArgument(`Tag key ${key} must be between 1 and 128 characters.`);
    if (value.length > TAG_VALUE.max) throw kinesisErrors.invalidArgument(`Tag value for key ${key} must be at most 256 characters.`);
  }
  return tags;
}

function shardShape(shard: Shard): Wire<ShardShape> {
  return {
    ShardId: shard.id,
    HashKeyRange: { StartingHashKey: shard.range.start.toString(), EndingHashKey: shard.range.end.toString() },
    SequenceNumberRange: { StartingSequenceNumber: shard.startingSequenceNumber },
  };
}

function modeDetails(stream: Stream) {
  return { StreamMode: stream.mode };
}

function readRecord(raw: unknown, index: number): RecordInput {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new AwsError("SerializationException", `Member Records.${index} must be a structure.`);
  }
  const entry = raw as JsonInput;
  const data = requiredBlob(entry, "Data", MAX_RECORD_BYTES, `records.${index + 1}.member.data`);
  const partitionKey = requiredString(entry, "PartitionKey", PARTITION_KEY, `records.${index + 1}.member.partitionKey`);
  const explicitHashKey = optionalString(entry, "ExplicitHashKey", { pattern: /^(0|[1-9]\d{0,38})$/ }, `records.${index + 1}.member.explicitHashKey`);
  return checkRecord({ data, partitionKey, explicitHashKey, size: data.length + Buffer.byteLength(partitionKey, "utf8") });
}

function checkRecord(record: RecordInput): RecordInput {
  if (record.explicitHashKey !== undefined && parseExplicitHashKey(record.explicitHashKey) === undefined) {
    throw kinesisErrors.invalidArgument(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${record.explicitHashKey}`);
  }
  if (record.size > MAX_RECORD_BYTES) {
    throw kinesisErrors.invalidArgument(`Record size, including the partition key, exceeds the limit of ${MAX_RECORD_BYTES} bytes.`);
  }
  return record;
}

/** ListShards / ListStreams NextTokens: opaque, carrying where the next page starts. */
function encodeToken(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64");
}

function decodeToken(token: string): Record<string, string | number> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, string | number>;
  } catch {
    // fall through
  }
  throw kinesisErrors.invalidArgument("Invalid NextToken.");
}

export const operations: Record<string, Operation> = {
  CreateStream(context): Empty {
    const { input, model, region } = context;
    const name = requiredString(input, "StreamName", STREAM_NAME);
    const modeDetailsInput = input.StreamModeDetails as { StreamMode?: unknown } | undefined;
    const shardCount = optionalInteger(input, "ShardCount", { min: 1 });
    // Neither a mode nor a shard count: AWS creates an on-demand stream (4 shards to begin with).
    const mode = (modeDetailsInput?.StreamMode ?? (shardCount === undefined ? "ON_DEMAND" : "PROVISIONED")) as StreamMode;
    if (mode !== "PROVISIONED" && mode !== "ON_DEMAND") {
      throw kinesisErrors.constraint("streamModeDetails.streamMode", mode, "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
    }
    if (mode === "PROVISIONED" && shardCount === undefined) {
      throw kinesisErrors.invalidArgument("ShardCount is required for a stream in PROVISIONED mode.");
    }
    if (mode === "ON_DEMAND" && shardCount !== undefined) {
      throw kinesisErrors.validation("ShardCount is not expected when StreamMode=ON_DEMAND");
    }
    model.createStream(region, name, mode, shardCount ?? ON_DEMAND_SHARDS, readTags(input, "Tags", false));
    return {};
  },

  DeleteStream(context): Empty {
    context.model.deleteStream(context.region, streamNameOf(context));
    return {};
  },

  DescribeStream(context): Wire<DescribeStreamOutput> {
    const { input, model, region } = context;
    const stream = model.require(region, streamNameOf(context));
    const limit = optionalInteger(input, "Limit", { min: 1, max: 10000 }) ?? 100;
    const exclusiveStart = optionalString(input, "ExclusiveStartShardId", SHARD_ID);
    const status = stream.status(model.now());
    const all = status === "CREATING" ? [] : stream.shards;
    const from = exclusiveStart === undefined ? all : all.filter((s) => s.id > exclusiveStart);
    const page = from.slice(0, limit);
    return {
      StreamDescription: {
        StreamName: stream.name,
        StreamARN: stream.arn,
        StreamStatus: status,
        StreamModeDetails: modeDetails(stream),
        Shards: page.map(shardShape),
        HasMoreShards: from.length > page.length,
        RetentionPeriodHours: stream.retentionHours,
        StreamCreationTimestamp: epochSeconds(stream.createdAt),
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        EncryptionType: "NONE",
      },
    };
  },

  DescribeStreamSummary(context): Wire<DescribeStreamSummaryOutput> {
    const { model, region } = context;
    const stream = model.require(region, streamNameOf(context));
    const status = stream.status(model.now());
    return {
      StreamDescriptionSummary: {
        StreamName: stream.name,
        StreamARN: stream.arn,
        StreamStatus: status,
        StreamModeDetails: modeDetails(stream),
        RetentionPeriodHours: stream.retentionHours,
        StreamCreationTimestamp: epochSeconds(stream.createdAt),
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        EncryptionType: "NONE",
        OpenShardCount: status === "CREATING" ? 0 : stream.shards.length,
        ConsumerCount: 0,
      },
    };
  },

  ListStreams(context): Wire<ListStreamsOutput> {
    const { input, model, region } = context;
    const limit = optionalInteger(input, "Limit", { min: 1, max: 10000 }) ?? 100;
    const nextToken = optionalString(input, "NextToken", { min: 1, max: 1048576 });
    let after = optionalString(input, "ExclusiveStartStreamName", STREAM_NAME);
    if (nextToken !== undefined) after = String(decodeToken(nextToken).after ?? "");
    const now = model.now();
    const all = model.listStreams(region).filter((s) => after === undefined || s.name > after);
    const page = all.slice(0, limit);
    const hasMore = all.length > page.length;
    return {
      StreamNames: page.map((s) => s.name),
      HasMoreStreams: hasMore,
      NextToken: hasMore ? encodeToken({ after: page[page.length - 1].name }) : undefined,
      StreamSummaries: page.map((s) => ({
        StreamName: s.name,
        StreamARN: s.arn,
        StreamStatus: s.status(now),
        StreamModeDetails: modeDetails(s),
        StreamCreationTimestamp: epochSeconds(s.createdAt),
      })),
    };
  },

  ListShards(context): Wire<ListShardsOutput> {
    const { input, model, region } = context;
    const nextToken = optionalString(input, "NextToken", { min: 1, max: 1048576 });
    const maxResults = optionalInteger(input, "MaxResults", { min: 1, max: 10000 }) ?? 1000;
    let name: string;
    let after: string | undefined;
    if (nextToken !== undefined) {
      if (input.StreamName !== undefined || input.ExclusiveStartShardId !== undefined) {
        throw kinesisErrors.invalidArgument("NextToken and StreamName cannot be provided together.");
      }
      const token = decodeToken(nextToken);
      name = String(token.stream ?? "");
      after = String(token.after ?? "");
    } else {
      name = streamNameOf(context);
      after = optionalString(input, "ExclusiveStartShardId", SHARD_ID);
    }
    const stream = model.requireActive(region, name);
    const all = stream.shards.filter((s) => after === undefined || s.id > after);
    const page = all.slice(0, maxResults);
    const hasMore = all.length > page.length;
    return {
      Shards: page.map(shardShape),
      NextToken: hasMore ? encodeToken({ stream: stream.name, after: page[page.length - 1].id }) : undefined,
    };
  },

  IncreaseStreamRetentionPeriod(context): Empty {
    const hours = requiredInteger(context.input, "RetentionPeriodHours");
    context.model.setRetention(context.region, streamNameOf(context), hours, "increase");
    return {};
  },

  DecreaseStreamRetentionPeriod(context): Empty {
    const hours = requiredInteger(context.input, "RetentionPeriodHours");
    context.model.setRetention(context.region, streamNameOf(context), hours, "decrease");
    return {};
  },

  AddTagsToStream(context): Empty {
    const tags = readTags(context.input, "Tags", true);
    const stream = context.model.requireActive(context.region, streamNameOf(context));
    context.model.addTags(stream, tags);
    return {};
  },

  RemoveTagsFromStream(context): Empty {
    const keys = optionalStringList(context.input, "TagKeys");
    if (keys === undefined) throw kinesisErrors.constraint("tagKeys", undefined, "Member must not be null");
    const stream = context.model.requireActive(context.region, streamNameOf(context));
    context.model.removeTags(stream, keys);
    return {};
  },

  ListTagsForStream(context): Wire<ListTagsForStreamOutput> {
    const { input, model, region } = context;
    const stream = model.require(region, streamNameOf(context));
    const limit = optionalInteger(input, "Limit", { min: 1, max: 50 }) ?? 50;
    const after = optionalString(input, "ExclusiveStartTagKey", TAG_KEY);
    const all = [...stream.tags.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).filter(([key]) => after === undefined || key > after);
    const page = all.slice(0, limit);
    return { Tags: page.map(([Key, Value]) => ({ Key, Value })), HasMoreTags: all.length > page.length };
  },

  TagResource(context): Empty {
    const tags = readTags(context.input, "Tags", true);
    context.model.addTags(streamOfResourceArn(context), tags);
    return {};
  },

  UntagResource(context): Empty {
    const keys = optionalStringList(context.input, "TagKeys");
    if (keys === undefined) throw kinesisErrors.constraint("tagKeys", undefined, "Member must not be null");
    context.model.removeTags(streamOfResourceArn(context), keys);
    return {};
  },

  ListTagsForResource(context): Wire<ListTagsForResourceOutput> {
    const stream = streamOfResourceArn(context);
    return { Tags: [...stream.tags.entries()].map(([Key, Value]) => ({ Key, Value })) };
  },

  PutRecord(context): Wire<PutRecordOutput> {
    const { input, model, region } = context;
    const name = streamNameOf(context);
    const data = requiredBlob(input, "Data", MAX_RECORD_BYTES);
    const partitionKey = requiredString(input, "PartitionKey", PARTITION_KEY);
    const record = checkRecord({
      data,
      partitionKey,
      explicitHashKey: optionalString(input, "ExplicitHashKey", { pattern: /^(0|[1-9]\d{0,38})$/ }),
      size: data.length + Buffer.byteLength(partitionKey, "utf8"),
    });
    // Records are appended in arrival order, which already honours SequenceNumberForOrdering.
    optionalString(input, "SequenceNumberForOrdering", { pattern: /^(0|[1-9]\d{0,128})$/ });
    const outcome = model.putRecord(region, name, record);
    return { ShardId: outcome.shardId, SequenceNumber: outcome.sequenceNumber };
  },

  PutRecords(context): Wire<PutRecordsOutput> {
    const { input, model, region } = context;
    const raw = requiredList(input, "Records");
    if (raw.length < 1) throw kinesisErrors.constraint("records", undefined, "Member must have length greater than or equal to 1");
    if (raw.length > 500) {
      throw kinesisErrors.validation("1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to 500");
    }
    const records = raw.map(readRecord);
    const total = records.reduce((sum, r) => sum + r.size, 0);
    if (total > MAX_PUT_RECORDS_BYTES) throw kinesisErrors.invalidArgument("Records size exceeds 5 MB limit");
    const outcomes = model.putRecords(region, streamNameOf(context), records);
    const failed = outcomes.filter((o) => !o.ok).length;
    return {
      FailedRecordCount: failed,
      Records: outcomes.map((o) =>
        o.ok ? { ShardId: o.shardId, SequenceNumber: o.sequenceNumber } : { ErrorCode: o.errorCode, ErrorMessage: o.errorMessage },
      ),
    };
  },

  GetShardIterator(context): Wire<GetShardIteratorOutput> {
    const { input, model, region } = context;
    const name = streamNameOf(context);
    const shardId = requiredString(input, "ShardId", SHARD_ID);
    const type = requiredString(input, "ShardIteratorType") as IteratorType;
    if (!ITERATOR_TYPES.includes(type)) {
      throw kinesisErrors.constraint("shardIteratorType", type, `Member must satisfy enum value set: [${ITERATOR_TYPES.join(", ")}]`);
    }
    const sequenceNumber = optionalString(input, "StartingSequenceNumber");
    const timestampMs = optionalTimestamp(input, "Timestamp");
    if (type === "AT_SEQUENCE_NUMBER" || type === "AFTER_SEQUENCE_NUMBER") {
      if (sequenceNumber === undefined) {
        throw kinesisErrors.invalidArgument(`The StartingSequenceNumber parameter is required for ShardIteratorType ${type}.`);
      }
      if (!isSequenceNumber(sequenceNumber)) {
        throw kinesisErrors.constraint("startingSequenceNumber", sequenceNumber, "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})");
      }
    } else if (sequenceNumber !== undefined) {
      throw kinesisErrors.invalidArgument(`The StartingSequenceNumber parameter must not be set for ShardIteratorType ${type}.`);
    }
    if (type === "AT_TIMESTAMP") {
      if (timestampMs === undefined) throw kinesisErrors.invalidArgument("The Timestamp parameter is required for ShardIteratorType AT_TIMESTAMP.");
      if (timestampMs > model.now()) {
        throw kinesisErrors.invalidArgument(`The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${timestampMs}, currentTimestampInMillis: ${model.now()}`);
      }
    }
    return { ShardIterator: model.getShardIterator(region, name, shardId, type, { sequenceNumber, timestampMs }) };
  },

  GetRecords(context): Wire<GetRecordsOutput> {
    const { input, model, region } = context;
    const iterator = requiredString(input, "ShardIterator", { min: 1, max: 512 });
    const limit = optionalInteger(input, "Limit", { min: 1, max: 10000 }) ?? 10000;
    const result = model.getRecords(region, iterator, limit);
    return {
      Records: result.records.map((r) => ({
        SequenceNumber: r.sequenceNumber,
        ApproximateArrivalTimestamp: epochSeconds(r.arrivalMs),
        Data: r.data.toString("base64"),
        PartitionKey: r.partitionKey,
      })),
      NextShardIterator: result.nextShardIterator,
      MillisBehindLatest: result.millisBehindLatest,
    };
  },
};
