/**
 * DynamoDB Streams' state and semantics, without HTTP: one stream per enabling of a table's
 * stream, its shards (a shard is closed and a child opened every few hours, as on AWS), the
 * records in each shard with increasing sequence numbers, 24 h retention and the 15 minute life
 * of a shard iterator, all on the virtual clock.
 *
 * The table service appends records (`append`) while it holds the table's write lock, so the
 * order of records is the order of writes. One instance per local cloud (`streamsFor`), shared by
 * the DynamoDB service (which writes) and the Streams service (which reads).
 */
import { randomBytes } from "node:crypto";
import type { VirtualClock } from "../core/clock";
import { AwsError } from "../core/errors";
import type {
  DynamoStreamDescription,
  DynamoStreamPosition,
  DynamoStreamRecord,
  DynamoStreamShard,
  DynamoStreamViewType,
  Links,
} from "../core/links";
import { keySegment, type StateStore } from "../core/persistence";
import type { ServiceContext } from "../core/service";
import { buildStreamRecord, type ItemChange } from "./stream-record";

export const RETENTION_MS = 24 * 3600 * 1000;
export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;
/** AWS closes a stream's open shard and starts a child about every four hours. */
export const SHARD_ROLLOVER_MS = 4 * 3600 * 1000;
/** How long a newly enabled stream says ENABLING (and a disabled one DISABLING). */
export const STREAM_STATUS_CHANGE_MS = 500;
export const MAX_GET_RECORDS = 1000;

interface StoredShard {
  shardId: string;
  parentShardId?: string;
  createdAt: number;
  startingSequenceNumber: string;
  endingSequenceNumber?: string;
  /** Sequence numbers below this were trimmed (retention); starts at the shard's first. */
  trimmedBelow: string;
  records: DynamoStreamRecord[];
}

interface StoredStream {
  arn: string;
  label: string;
  region: string;
  tableName: string;
  keySchema: Array<{ AttributeName: string; KeyType: "HASH" | "RANGE" }>;
  viewType: DynamoStreamViewType;
  createdAt: number;
  disabledAt?: number;
  nextSequenceNumber: string;
  shards: StoredShard[];
}

export interface StreamSummary {
  StreamArn: string;
  TableName: string;
  StreamLabel: string;
}

interface IteratorState {
  arn: string;
  shardId: string;
  /** The lowest sequence number the next read may return. */
  from: string;
  issuedAt: number;
}

const STORE_PREFIX = "dynamodbstreams";

export class TableStreams {
  private streams = new Map<string, StoredStream>();
  private listeners = new Set<(streamArn: string) => void>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly store: StateStore,
  ) {
    this.restore();
  }

  /**
   * Saved as a record per stream (its shards without their records) and one per stream record,
   * `<stream key>/r/<shard id>/<sequence number>`, so an append costs one small write. A stream
   * saved in the earlier format (records inside the stream's part) is rewritten as records.
   */
  private restore(): void {
    const records = new Map<string, DynamoStreamRecord[]>();
    const streams: Array<{ key: string; stream: StoredStream }> = [];
    for (const { key, data } of this.store.readAll(`${STORE_PREFIX}/`)) {
      const segments = key.split("/");
      if (segments.length === 4) {
        const stream = data as StoredStream;
        if (stream?.arn) streams.push({ key, stream });
        continue;
      }
      if (segments.length !== 7 || segments[4] !== "r") {
        console.error(`[localcloud] ignoring unrecognised DynamoDB Streams record ${key}`);
        continue;
      }
      const shardKey = `${segments.slice(0, 4).join("/")}\u0000${segments[5]}`;
      const list = records.get(shardKey) ?? [];
      list.push(data as DynamoStreamRecord);
      records.set(shardKey, list);
    }
    for (const { key, stream } of streams) {
      let legacy = false;
      for (const shard of stream.shards) {
        if (shard.records.length > 0) {
          legacy = true;
          for (const record of shard.records) this.store.put(recordKey(stream, shard.shardId, record), record);
        }
        shard.records = [...shard.records, ...(records.get(`${key}\u0000${keySegment(shard.shardId)}`) ?? [])];
      }
      this.streams.set(stream.arn, stream);
      if (legacy) this.save(stream);
    }
  }

  /** Starts a new stream for a table; its label is the time it was enabled. */
  enable(input: {
    region: string;
    tableArn: string;
    tableName: string;
    keySchema: StoredStream["keySchema"];
    viewType: DynamoStreamViewType;
  }): { arn: string; label: string } {
    let createdAt = this.clock.now();
    let label = streamLabel(createdAt);
    while (this.streams.has(`${input.tableArn}/stream/${label}`)) label = streamLabel(++createdAt);
    const arn = `${input.tableArn}/stream/${label}`;
    const first = (BigInt(createdAt) * 100_000_000n).toString();
    const stream: StoredStream = {
      arn,
      label,
      region: input.region,
      tableName: input.tableName,
      keySchema: input.keySchema,
      viewType: input.viewType,
      createdAt,
      nextSequenceNumber: first,
      shards: [newShard(createdAt, first)],
    };
    this.streams.set(arn, stream);
    this.save(stream);
    return { arn, label };
  }

  /** Stops a stream taking records; it stays readable for 24 hours. */
  disable(arn: string): void {
    const stream = this.streams.get(arn);
    if (!stream || stream.disabledAt !== undefined) return;
    stream.disabledAt = this.clock.now();
    const open = openShard(stream);
    if (open) closeShard(stream, open);
    this.save(stream);
  }

  /** Appends the record a write makes, if it changed the item. Returns the record or null. */
  append(arn: string, change: ItemChange): DynamoStreamRecord | null {
    const stream = this.streams.get(arn);
    if (!stream || stream.disabledAt !== undefined) return null;
    const now = this.clock.now();
    this.trim(stream, now);
    let shard = openShard(stream) as StoredShard;
    if (now - shard.createdAt >= SHARD_ROLLOVER_MS && shard.records.length > 0) {
      closeShard(stream, shard);
      const child = newShard(now, stream.nextSequenceNumber, shard.shardId);
      stream.shards.push(child);
      shard = child;
    }
    const record = buildStreamRecord(change, {
      region: stream.region,
      viewType: stream.viewType,
      keyAttributes: stream.keySchema.map((k) => k.AttributeName),
      sequenceNumber: stream.nextSequenceNumber,
      now,
    });
    if (!record) return null;
    stream.nextSequenceNumber = (BigInt(stream.nextSequenceNumber) + 1n).toString();
    shard.records.push(record);
    this.store.put(recordKey(stream, shard.shardId, record), record);
    this.save(stream);
    for (const listener of this.listeners) {
      try {
        listener(arn);
      } catch (error) {
        console.error("[localcloud] a DynamoDB stream listener failed:", error);
      }
    }
    return record;
  }

  onRecords(listener: (streamArn: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(region: string, tableName?: string): StreamSummary[] {
    const now = this.clock.now();
    return [...this.streams.values()]
      .filter((s) => s.region === region && (!tableName || s.tableName === tableName) && this.alive(s, now))
      .sort((a, b) => a.createdAt - b.createdAt || a.arn.localeCompare(b.arn))
      .map((s) => ({ StreamArn: s.arn, TableName: s.tableName, StreamLabel: s.label }));
  }

  describe(arn: string): DynamoStreamDescription {
    const stream = this.get(arn);
    const now = this.clock.now();
    this.trim(stream, now);
    return {
      StreamArn: stream.arn,
      StreamLabel: stream.label,
      StreamStatus: this.status(stream, now),
      StreamViewType: stream.viewType,
      TableName: stream.tableName,
      KeySchema: stream.keySchema,
      CreationRequestDateTime: stream.createdAt / 1000,
      Shards: stream.shards.filter((s) => visibleShard(s, now)).map(describeShard),
    };
  }

  getShardIterator(arn: string, shardId: string, type: string, sequenceNumber?: string): string {
    const stream = this.get(arn);
    const shard = this.shard(stream, shardId);
    const from = this.resolve(stream, shard, positionOf(type, sequenceNumber));
    return encodeIterator({ arn, shardId, from, issuedAt: this.clock.now() });
  }

  getRecords(iterator: string, limit = MAX_GET_RECORDS): { Records: DynamoStreamRecord[]; NextShardIterator?: string } {
    const state = decodeIterator(iterator);
    const now = this.clock.now();
    if (now - state.issuedAt > ITERATOR_LIFETIME_MS) {
      throw new AwsError("ExpiredIteratorException", "Iterator expired");
    }
    const stream = this.streams.get(state.arn);
    if (!stream || !this.alive(stream, now)) throw streamNotFound(state.arn);
    const shard = stream.shards.find((s) => s.shardId === state.shardId);
    if (!shard) throw shardNotFound();
    const read = this.read(stream, shard, state.from, limit);
    const result: { Records: DynamoStreamRecord[]; NextShardIterator?: string } = { Records: read.records };
    if (!read.shardEnded) result.NextShardIterator = encodeIterator({ ...state, from: read.next, issuedAt: now });
    return result;
  }

  /** The in-process read the DynamoStreamsLink offers (no iterator, no expiry). */
  readFrom(
    arn: string,
    shardId: string,
    position: DynamoStreamPosition,
    limit = MAX_GET_RECORDS,
  ): { records: DynamoStreamRecord[]; next: DynamoStreamPosition; shardEnded: boolean } {
    const stream = this.get(arn);
    const shard = this.shard(stream, shardId);
    const from = this.resolve(stream, shard, position);
    const read = this.read(stream, shard, from, limit);
    const last = read.records[read.records.length - 1];
    const next: DynamoStreamPosition = last
      ? { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: last.dynamodb.SequenceNumber }
      : { type: "AT_SEQUENCE_NUMBER", sequenceNumber: read.next };
    return { records: read.records, next, shardEnded: read.shardEnded };
  }

  /** Every retained record of a table's streams, oldest first (inspection; changes nothing). */
  recordsOfTable(region: string, tableName: string): Array<{ streamArn: string; shardId: string; record: DynamoStreamRecord }> {
    const now = this.clock.now();
    const out: Array<{ streamArn: string; shardId: string; record: DynamoStreamRecord }> = [];
    for (const stream of this.streams.values()) {
      if (stream.region !== region || stream.tableName !== tableName || !this.alive(stream, now)) continue;
      for (const shard of stream.shards) {
        for (const record of shard.records) {
          if (now - record.dynamodb.ApproximateCreationDateTime * 1000 < RETENTION_MS + 1000) {
            out.push({ streamArn: stream.arn, shardId: shard.shardId, record });
          }
        }
      }
    }
    return out;
  }

  /** A table was deleted: its stream stops, and is readable for 24 hours more. */
  tableDeleted(region: string, tableName: string): void {
    for (const stream of this.streams.values()) {
      if (stream.region === region && stream.tableName === tableName) this.disable(stream.arn);
    }
  }

  private read(stream: StoredStream, shard: StoredShard, from: string, limit: number) {
    const now = this.clock.now();
    this.trim(stream, now);
    const fromN = BigInt(from);
    if (fromN < BigInt(shard.trimmedBelow)) {
      throw new AwsError(
        "TrimmedDataAccessException",
        "The operation attempted to read past the oldest stream record in a shard.",
      );
    }
    const max = Math.min(Math.max(1, limit), MAX_GET_RECORDS);
    const start = firstIndexAtOrAfter(shard.records, fromN);
    const records = shard.records.slice(start, start + max);
    const last = records[records.length - 1];
    const next = last ? (BigInt(last.dynamodb.SequenceNumber) + 1n).toString() : from;
    const ended =
      shard.endingSequenceNumber !== undefined && start + records.length >= shard.records.length;
    return { records, next, shardEnded: ended };
  }

  private resolve(stream: StoredStream, shard: StoredShard, position: DynamoStreamPosition): string {
    this.trim(stream, this.clock.now());
    switch (position.type) {
      case "TRIM_HORIZON":
        return shard.trimmedBelow;
      case "LATEST":
        return shard.endingSequenceNumber !== undefined
          ? (BigInt(shard.endingSequenceNumber) + 1n).toString()
          : stream.nextSequenceNumber;
      case "AT_SEQUENCE_NUMBER":
      case "AFTER_SEQUENCE_NUMBER": {
        const value = parseSequenceNumber(position.sequenceNumber);
        if (value < BigInt(shard.startingSequenceNumber) || (shard.endingSequenceNumber !== undefined && value > BigInt(shard.endingSequenceNumber) + 1n)) {
          throw new AwsError(
            "ValidationException",
            `Invalid SequenceNumber ${position.sequenceNumber} for shard ${shard.shardId}.`,
          );
        }
        if (value < BigInt(shard.trimmedBelow)) {
          throw new AwsError(
            "TrimmedDataAccessException",
            "The operation attempted to read past the oldest stream record in a shard.",
          );
        }
        return (position.type === "AFTER_SEQUENCE_NUMBER" ? value + 1n : value).toString();
      }
    }
  }

  /** Drops records older than 24 hours and shards with nothing left that closed over 24 hours ago. */
  private trim(stream: StoredStream, now: number): void {
    let changed = false;
    for (const shard of stream.shards) {
      let drop = 0;
      while (drop < shard.records.length && now - shard.records[drop].dynamodb.ApproximateCreationDateTime * 1000 >= RETENTION_MS) drop++;
      if (drop > 0) {
        const lastDropped = shard.records[drop - 1];
        shard.trimmedBelow = (BigInt(lastDropped.dynamodb.SequenceNumber) + 1n).toString();
        for (let i = 0; i < drop; i++) this.store.delete(recordKey(stream, shard.shardId, shard.records[i]));
        shard.records = shard.records.slice(drop);
        changed = true;
      }
    }
    if (changed) this.save(stream);
  }

  private status(stream: StoredStream, now: number): DynamoStreamDescription["StreamStatus"] {
    if (stream.disabledAt !== undefined) return now - stream.disabledAt < STREAM_STATUS_CHANGE_MS ? "DISABLING" : "DISABLED";
    return now - stream.createdAt < STREAM_STATUS_CHANGE_MS ? "ENABLING" : "ENABLED";
  }

  private alive(stream: StoredStream, now: number): boolean {
    if (stream.disabledAt === undefined || now - stream.disabledAt < RETENTION_MS) return true;
    this.streams.delete(stream.arn);
    this.store.remove(storeKey(stream));
    for (const key of this.store.keysUnder(`${storeKey(stream)}/`)) this.store.delete(key);
    return false;
  }

  private get(arn: string): StoredStream {
    const stream = this.streams.get(arn);
    if (!stream || !this.alive(stream, this.clock.now())) throw streamNotFound(arn);
    return stream;
  }

  private shard(stream: StoredStream, shardId: string): StoredShard {
    const shard = stream.shards.find((s) => s.shardId === shardId);
    if (!shard || !visibleShard(shard, this.clock.now())) throw shardNotFound();
    return shard;
  }

  /** The stream and its shards, without their records (each has its own). */
  private save(stream: StoredStream): void {
    if (!this.store.persistent) return;
    this.store.put(storeKey(stream), { ...stream, shards: stream.shards.map((shard) => ({ ...shard, records: [] })) });
  }
}

const registry = new WeakMap<Links, TableStreams>();

/** The one TableStreams of the local cloud a service context belongs to. */
export function streamsFor(context: ServiceContext): TableStreams {
  let streams = registry.get(context.links);
  if (!streams) {
    streams = new TableStreams(context.clock, context.store);
    registry.set(context.links, streams);
  }
  return streams;
}

function storeKey(stream: StoredStream): string {
  return `${STORE_PREFIX}/${stream.region}/${keySegment(stream.tableName)}/${keySegment(stream.label)}`;
}

/** Sequence numbers are decimal; padded so that keys sort in their order. */
function recordKey(stream: StoredStream, shardId: string, record: DynamoStreamRecord): string {
  return `${storeKey(stream)}/r/${keySegment(shardId)}/${record.dynamodb.SequenceNumber.padStart(30, "0")}`;
}

/** AWS labels a stream with the time it was enabled, e.g. `2026-03-01T12:30:05.123`. */
function streamLabel(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "");
}

function newShard(createdAt: number, startingSequenceNumber: string, parentShardId?: string): StoredShard {
  const shard: StoredShard = {
    shardId: `shardId-${String(createdAt).padStart(20, "0")}-${randomBytes(4).toString("hex")}`,
    createdAt,
    startingSequenceNumber,
    trimmedBelow: startingSequenceNumber,
    records: [],
  };
  if (parentShardId) shard.parentShardId = parentShardId;
  return shard;
}

function openShard(stream: StoredStream): StoredShard | undefined {
  const last = stream.shards[stream.shards.length - 1];
  return last && last.endingSequenceNumber === undefined ? last : undefined;
}

function closeShard(stream: StoredStream, shard: StoredShard): void {
  const last = shard.records[shard.records.length - 1];
  shard.endingSequenceNumber = last
    ? last.dynamodb.SequenceNumber
    : (BigInt(stream.nextSequenceNumber) - 1n).toString();
}

function visibleShard(shard: StoredShard, now: number): boolean {
  return shard.endingSequenceNumber === undefined || shard.records.length > 0 || now - shard.createdAt < RETENTION_MS;
}

function describeShard(shard: StoredShard): DynamoStreamShard {
  const out: DynamoStreamShard = {
    ShardId: shard.shardId,
    SequenceNumberRange: { StartingSequenceNumber: shard.startingSequenceNumber },
  };
  if (shard.endingSequenceNumber !== undefined) out.SequenceNumberRange.EndingSequenceNumber = shard.endingSequenceNumber;
  if (shard.parentShardId) out.ParentShardId = shard.parentShardId;
  return out;
}

function firstIndexAtOrAfter(records: DynamoStreamRecord[], from: bigint): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (BigInt(records[mid].dynamodb.SequenceNumber) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function positionOf(type: string, sequenceNumber: string | undefined): DynamoStreamPosition {
  if (type === "TRIM_HORIZON" || type === "LATEST") {
    return { type };
  }
  if (type === "AT_SEQUENCE_NUMBER" || type === "AFTER_SEQUENCE_NUMBER") {
    if (!sequenceNumber) {
      throw new AwsError("ValidationException", `SequenceNumber is required for ShardIteratorType ${type}.`);
    }
    return { type, sequenceNumber };
  }
  throw new AwsError(
    "ValidationException",
    `1 validation error detected: Value '${type}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]`,
  );
}

function parseSequenceNumber(value: string): bigint {
  if (!/^\d{1,40}$/.test(value)) {
    throw new AwsError("ValidationException", `Invalid SequenceNumber ${value}.`);
  }
  return BigInt(value);
}

function encodeIterator(state: IteratorState): string {
  const payload = Buffer.from(JSON.stringify([state.shardId, state.from, state.issuedAt])).toString("base64url");
  return `${state.arn}|1|${payload}`;
}

function decodeIterator(iterator: string): IteratorState {
  const invalid = () => new AwsError("ValidationException", "Invalid ShardIterator");
  const cut = iterator.lastIndexOf("|1|");
  if (cut === -1) throw invalid();
  try {
    const [shardId, from, issuedAt] = JSON.parse(Buffer.from(iterator.slice(cut + 3), "base64url").toString("utf8")) as [string, string, number];
    if (typeof shardId !== "string" || !/^\d+$/.test(from) || typeof issuedAt !== "number") throw invalid();
    return { arn: iterator.slice(0, cut), shardId, from, issuedAt };
  } catch {
    throw invalid();
  }
}

function streamNotFound(arn: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Requested resource not found: Stream: ${arn} not found`);
}

function shardNotFound(): AwsError {
  return new AwsError("ResourceNotFoundException", "Requested resource not found: Shard does not exist");
}
