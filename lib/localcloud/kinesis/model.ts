/**
 * Kinesis Data Streams' state and semantics: streams per region, records routed to shards by
 * hash key, per-shard throughput limits, iterators, retention and metrics, all on the virtual
 * clock. No HTTP here: operations.ts maps the API onto these methods.
 */
import type { VirtualClock } from "../core/clock";
import type { Links } from "../core/links";
import { keySegment, type StateStore } from "../core/persistence";
import { kinesisErrors } from "./errors";
import { hashKeyOfPartitionKey, parseExplicitHashKey } from "./hash-keys";
import { StreamMetrics } from "./metrics";
import { compareSequenceNumbers, shardIndexOfSequenceNumber } from "./sequence-numbers";
import {
  decodeShardIterator,
  encodeShardIterator,
  ITERATOR_LIFETIME_MS,
  type IteratorPosition,
} from "./shard-iterator";
import { CREATING_MS, DELETING_MS, Stream, type StreamMode, type StoredRecord } from "./stream";
import {
  READ_BYTES_PER_FIVE_SECONDS,
  READ_CALLS_PER_SECOND,
  WRITE_BYTES_PER_SECOND,
  WRITE_RECORDS_PER_SECOND,
} from "./throughput";

export const MAX_SHARDS_PER_REGION = 500;
const MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;

export interface RecordInput {
  data: Buffer;
  partitionKey: string;
  explicitHashKey?: string;
  /** Data plus partition key, in bytes: what the per-shard write limit counts. */
  size: number;
}

export type PutOutcome =
  | { ok: true; shardId: string; sequenceNumber: string }
  | { ok: false; errorCode: "ProvisionedThroughputExceededException" | "InternalFailure"; errorMessage: string };

export type IteratorType = "TRIM_HORIZON" | "LATEST" | "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER" | "AT_TIMESTAMP";

export interface ReadResult {
  records: StoredRecord[];
  nextShardIterator: string;
  millisBehindLatest: number;
}

interface ModelOptions {
  clock: VirtualClock;
  store: StateStore;
  accountId: string;
  links: Links;
}

export class KinesisModel {
  private readonly clock: VirtualClock;
  private readonly store: StateStore;
  readonly accountId: string;
  private readonly links: Links;
  /** region → name → stream. */
  private readonly regions = new Map<string, Map<string, Stream>>();
  private readonly metrics = new Map<Stream, StreamMetrics>();
  private stopMinutes: (() => void) | null = null;

  constructor(options: ModelOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.accountId = options.accountId;
    this.links = options.links;
    this.restore();
    this.stopMinutes = this.clock.everyMinute((minuteStart) => this.onMinute(minuteStart));
  }

  close(): void {
    this.stopMinutes?.();
  }

  arnOf(region: string, name: string): string {
    return `arn:aws:kinesis:${region}:${this.accountId}:stream/${name}`;
  }

  // ----- streams -----

  createStream(region: string, name: string, mode: StreamMode, shardCount: number, tags: Record<string, string>): Stream {
    const streams = this.streamsIn(region);
    const existing = this.lookup(region, name);
    if (existing) throw kinesisErrors.streamExists(name, this.accountId);
    const openShards = [...streams.values()].reduce((sum, s) => sum + s.shards.length, 0);
    if (openShards + shardCount > MAX_SHARDS_PER_REGION) {
      throw kinesisErrors.limitExceeded(
        `This request would exceed the shard limit for the account ${this.accountId} in ${region}. Current shard count for the account: ${openShards}. Limit: ${MAX_SHARDS_PER_REGION}. Number of additional shards that would have resulted from this request: ${shardCount}.`,
      );
    }
    const now = this.clock.now();
    const stream = new Stream(region, name, this.arnOf(region, name), now, now + CREATING_MS, mode, shardCount);
    for (const [key, value] of Object.entries(tags)) stream.tags.set(key, value);
    streams.set(name, stream);
    this.metrics.set(stream, new StreamMetrics());
    this.track(stream);
    this.saveStream(stream, true);
    return stream;
  }

  deleteStream(region: string, name: string): void {
    const stream = this.require(region, name);
    if (stream.goneAt !== null) throw kinesisErrors.streamNotFound(name, this.accountId);
    stream.goneAt = this.clock.now() + DELETING_MS;
    this.removeStored(stream);
  }

  /** Every stream in the region that still exists (CREATING, ACTIVE or DELETING), by name. */
  listStreams(region: string): Stream[] {
    const streams = [...this.streamsIn(region).keys()].map((name) => this.lookup(region, name));
    return streams.filter((s): s is Stream => s !== undefined).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The stream, whatever its status; ResourceNotFoundException when there is none. */
  require(region: string, name: string): Stream {
    const stream = this.lookup(region, name);
    if (!stream) throw kinesisErrors.streamNotFound(name, this.accountId);
    return stream;
  }

  /** The stream, which must be ACTIVE (ResourceInUseException otherwise). */
  requireActive(region: string, name: string): Stream {
    const stream = this.require(region, name);
    const status = stream.status(this.clock.now());
    if (status !== "ACTIVE") throw kinesisErrors.streamNotActive(name, this.accountId, status);
    return stream;
  }

  /** For data operations, AWS answers a stream that is not ACTIVE as if it did not exist. */
  private requireReadable(region: string, name: string): Stream {
    const stream = this.require(region, name);
    if (stream.status(this.clock.now()) !== "ACTIVE") throw kinesisErrors.streamNotFound(name, this.accountId);
    return stream;
  }

  now(): number {
    return this.clock.now();
  }

  setRetention(region: string, name: string, hours: number, direction: "increase" | "decrease"): void {
    const stream = this.requireActive(region, name);
    if (hours < 24) {
      throw kinesisErrors.invalidArgument(`Minimum allowed retention period is 24 hours. Requested retention period (${hours} hours) is too short.`);
    }
    if (hours > 8760) {
      throw kinesisErrors.invalidArgument(`Maximum allowed retention period is 8760 hours. Requested retention period (${hours} hours) is too long.`);
    }
    if (direction === "increase" && hours < stream.retentionHours) {
      throw kinesisErrors.invalidArgument(
        `Requested retention period (${hours} hours) for stream ${name} can not be shorter than existing retention period (${stream.retentionHours} hours). Use DecreaseRetentionPeriod API.`,
      );
    }
    if (direction === "decrease" && hours > stream.retentionHours) {
      throw kinesisErrors.invalidArgument(
        `Requested retention period (${hours} hours) for stream ${name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`,
      );
    }
    stream.retentionHours = hours;
    stream.trim(this.clock.now());
    this.saveStream(stream, true);
  }

  addTags(stream: Stream, tags: Record<string, string>): void {
    const keys = new Set([...stream.tags.keys(), ...Object.keys(tags)]);
    if (keys.size > 50) {
      throw kinesisErrors.invalidArgument(`Failed to add tags to stream ${stream.name} under account ${this.accountId} because a given stream cannot have more than 50 tags.`);
    }
    for (const [key, value] of Object.entries(tags)) stream.tags.set(key, value);
    this.saveStream(stream, false);
  }

  removeTags(stream: Stream, keys: string[]): void {
    for (const key of keys) stream.tags.delete(key);
    this.saveStream(stream, false);
  }

  // ----- writes -----

  putRecord(region: string, name: string, input: RecordInput): PutOutcome & { ok: true } {
    const stream = this.requireReadable(region, name);
    const metrics = this.metricsOf(stream);
    const outcome = this.append(stream, input, this.clock.now());
    metrics.writeCalls += 1;
    metrics.putRecordSuccess.add(outcome.ok ? 1 : 0);
    if (!outcome.ok) {
      metrics.writeThrottled += 1;
      throw kinesisErrors.writeThrottled(this.shardFor(stream, input).id, name, this.accountId);
    }
    const bytes = input.data.length;
    metrics.incomingRecords += 1;
    metrics.incomingBytes += bytes;
    metrics.putRecordBytes.add(bytes);
    this.saveShard(stream, outcome.shardId);
    return outcome;
  }

  putRecords(region: string, name: string, inputs: RecordInput[]): PutOutcome[] {
    const stream = this.requireReadable(region, name);
    const metrics = this.metricsOf(stream);
    const now = this.clock.now();
    const outcomes = inputs.map((input) => this.append(stream, input, now));
    let successful = 0;
    let bytes = 0;
    const touched = new Set<string>();
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) {
        successful += 1;
        bytes += inputs[i].data.length;
        touched.add(outcome.shardId);
      }
    });
    const throttled = outcomes.length - successful;
    metrics.writeCalls += 1;
    metrics.putRecordsSuccess.add(throttled === 0 ? 1 : 0);
    metrics.putRecordsTotal.add(outcomes.length);
    metrics.putRecordsSuccessful.add(successful);
    metrics.putRecordsFailed.add(0);
    metrics.putRecordsThrottled.add(throttled);
    metrics.putRecordsBytes.add(bytes);
    metrics.writeThrottled += throttled;
    metrics.incomingRecords += successful;
    metrics.incomingBytes += bytes;
    for (const shardId of touched) this.saveShard(stream, shardId);
    return outcomes;
  }

  private shardFor(stream: Stream, input: RecordInput) {
    const hashKey =
      input.explicitHashKey !== undefined
        ? (parseExplicitHashKey(input.explicitHashKey) as bigint)
        : hashKeyOfPartitionKey(input.partitionKey);
    return stream.shardForHashKey(hashKey);
  }

  private append(stream: Stream, input: RecordInput, now: number): PutOutcome {
    const shard = this.shardFor(stream, input);
    const size = input.size;
    const recent = shard.writes.totals(now);
    if (recent.count + 1 > WRITE_RECORDS_PER_SECOND || recent.bytes + size > WRITE_BYTES_PER_SECOND) {
      return {
        ok: false,
        errorCode: "ProvisionedThroughputExceededException",
        errorMessage: `Rate exceeded for shard ${shard.id} in stream ${stream.name} under account ${this.accountId}.`,
      };
    }
    shard.writes.add(now, 1, size);
    const record = shard.append(input.partitionKey, input.data, now);
    if (this.store.persistent) this.store.put(this.recordKey(stream, shard.id, record.sequenceNumber), [record.partitionKey, record.data.toString("base64"), record.arrivalMs]);
    return { ok: true, shardId: shard.id, sequenceNumber: record.sequenceNumber };
  }

  // ----- reads -----

  getShardIterator(
    region: string,
    name: string,
    shardId: string,
    type: IteratorType,
    options: { sequenceNumber?: string; timestampMs?: number },
  ): string {
    const stream = this.requireReadable(region, name);
    const shard = stream.shards.find((s) => s.id === shardId);
    if (!shard) throw kinesisErrors.shardNotFound(shardId, name, this.accountId);
    const now = this.clock.now();
    stream.trim(now);
    let position: IteratorPosition;
    switch (type) {
      case "TRIM_HORIZON":
        position = { mode: "at", sequenceNumber: "0" };
        break;
      case "LATEST":
        position = { mode: "after", sequenceNumber: shard.lastSequenceNumber ?? shard.startingSequenceNumber };
        break;
      case "AT_SEQUENCE_NUMBER":
      case "AFTER_SEQUENCE_NUMBER": {
        const sequenceNumber = options.sequenceNumber as string;
        const issuedBy = shardIndexOfSequenceNumber(sequenceNumber);
        if (issuedBy !== undefined && issuedBy !== shard.index) {
          throw kinesisErrors.invalidArgument(
            `Invalid StartingSequenceNumber. It encodes ${stream.shards[issuedBy]?.id ?? `shardId-${String(issuedBy).padStart(12, "0")}`}, while it was used in a call to a shard with ${shard.id}`,
          );
        }
        if (shard.lastSequenceNumber === null || compareSequenceNumbers(sequenceNumber, shard.lastSequenceNumber) > 0) {
          if (compareSequenceNumbers(sequenceNumber, shard.startingSequenceNumber) !== 0) {
            throw kinesisErrors.invalidArgument(
              `StartingSequenceNumber ${sequenceNumber} used in GetShardIterator on shard ${shard.id} in stream ${name} under account ${this.accountId} is invalid because it did not come from this stream.`,
            );
          }
        }
        position = { mode: type === "AT_SEQUENCE_NUMBER" ? "at" : "after", sequenceNumber };
        break;
      }
      case "AT_TIMESTAMP": {
        const index = shard.indexFromTimestamp(options.timestampMs as number);
        const record = shard.records[index];
        position = record
          ? { mode: "at", sequenceNumber: record.sequenceNumber }
          : { mode: "after", sequenceNumber: shard.lastSequenceNumber ?? shard.startingSequenceNumber };
        break;
      }
    }
    return encodeShardIterator({
      region,
      streamName: name,
      streamCreatedAt: stream.createdAt,
      shardIndex: shard.index,
      issuedAt: now,
      ...position,
    });
  }

  getRecords(region: string, iterator: string, limit: number): ReadResult {
    const state = decodeShardIterator(iterator);
    const now = this.clock.now();
    if (state.region !== region) throw kinesisErrors.invalidIterator();
    if (now - state.issuedAt > ITERATOR_LIFETIME_MS) throw kinesisErrors.expiredIterator(state.issuedAt, now);
    const stream = this.requireReadable(region, state.streamName);
    if (stream.createdAt !== state.streamCreatedAt) throw kinesisErrors.streamNotFound(state.streamName, this.accountId);
    const shard = stream.shards[state.shardIndex];
    if (!shard) throw kinesisErrors.invalidIterator();
    const metrics = this.metricsOf(stream);

    const calls = shard.readCalls.totals(now);
    const bytesRead = shard.readBytes.totals(now);
    if (calls.count >= READ_CALLS_PER_SECOND || bytesRead.bytes >= READ_BYTES_PER_FIVE_SECONDS) {
      metrics.readThrottled += 1;
      metrics.getRecordsSuccess.add(0);
      throw kinesisErrors.readThrottled(shard.id, stream.name, this.accountId);
    }

    stream.trim(now);
    const start = shard.indexFrom(state.sequenceNumber, state.mode === "after");
    const records: StoredRecord[] = [];
    let bytes = 0;
    for (let i = start; i < shard.records.length && records.length < limit; i++) {
      const record = shard.records[i];
      const size = record.data.length + Buffer.byteLength(record.partitionKey, "utf8");
      if (records.length > 0 && bytes + size > MAX_GET_RECORDS_BYTES) break;
      records.push(record);
      bytes += size;
    }
    shard.readCalls.add(now, 1, 0);
    shard.readBytes.add(now, 0, bytes);

    const last = records[records.length - 1];
    const nextPosition: IteratorPosition = last
      ? { mode: "after", sequenceNumber: last.sequenceNumber }
      : { mode: state.mode, sequenceNumber: state.sequenceNumber };
    const firstUnread = shard.records[start + records.length];
    const millisBehindLatest = firstUnread ? Math.max(0, now - firstUnread.arrivalMs) : 0;

    metrics.getRecordsSuccess.add(1);
    metrics.getRecordsRecords.add(records.length);
    metrics.getRecordsBytes.add(bytes);
    metrics.iteratorAge.add(last ? Math.max(0, now - last.arrivalMs) : 0);

    return {
      records,
      millisBehindLatest,
      nextShardIterator: encodeShardIterator({
        region,
        streamName: stream.name,
        streamCreatedAt: stream.createdAt,
        shardIndex: shard.index,
        issuedAt: now,
        ...nextPosition,
      }),
    };
  }

  // ----- inspection -----

  /** Every region's streams (for inspection), without side effects. */
  streamsOf(region: string): Stream[] {
    const now = this.clock.now();
    return [...(this.regions.get(region)?.values() ?? [])].filter((s) => s.goneAt === null || s.goneAt > now);
  }

  // ----- internals -----

  private streamsIn(region: string): Map<string, Stream> {
    let streams = this.regions.get(region);
    if (!streams) {
      streams = new Map();
      this.regions.set(region, streams);
    }
    return streams;
  }

  /** The stream by name, dropping it first if its deletion has finished. */
  private lookup(region: string, name: string): Stream | undefined {
    const streams = this.regions.get(region);
    const stream = streams?.get(name);
    if (stream && stream.goneAt !== null && this.clock.now() >= stream.goneAt) {
      streams?.delete(name);
      this.metrics.delete(stream);
      return undefined;
    }
    return stream;
  }

  private metricsOf(stream: Stream): StreamMetrics {
    let metrics = this.metrics.get(stream);
    if (!metrics) {
      metrics = new StreamMetrics();
      this.metrics.set(stream, metrics);
    }
    return metrics;
  }

  private onMinute(minuteStart: number): void {
    const now = this.clock.now();
    for (const [region, streams] of this.regions) {
      const data = [];
      for (const name of [...streams.keys()]) {
        const stream = this.lookup(region, name);
        if (!stream || stream.goneAt !== null) continue;
        stream.trim(now);
        if (stream.status(now) !== "ACTIVE") continue;
        data.push(...this.metricsOf(stream).drain(stream.name, minuteStart));
      }
      if (data.length > 0) this.links.metrics?.put(region, data);
    }
  }

  // ----- persistence: a record for the stream, one per shard's counters, one per data record -----
  //   kinesis/<region>/<stream>/stream                      name, mode, shard count, retention, tags
  //   kinesis/<region>/<stream>/<shardId>                   the shard's sequence counter and last sequence number
  //   kinesis/<region>/<stream>/<shardId>/r/<sequence no.>  one data record (sequence numbers sort in order)
  // A put writes its data records and the shard's counters in the same batch, so they agree after a crash.

  private baseKey(stream: Stream): string {
    return `kinesis/${keySegment(stream.region)}/${safeSegment(stream.name)}`;
  }

  private recordKey(stream: Stream, shardId: string, sequenceNumber: string): string {
    return `${this.baseKey(stream)}/${shardId}/r/${sequenceNumber}`;
  }

  /** Deletes the saved records retention drops. */
  private track(stream: Stream): void {
    if (!this.store.persistent) return;
    stream.onTrim = (shard, dropped) => {
      for (const record of dropped) this.store.delete(this.recordKey(stream, shard.id, record.sequenceNumber));
    };
  }

  private saveStream(stream: Stream, withShards: boolean): void {
    if (!this.store.persistent) return;
    const saved: StoredStream = {
      region: stream.region,
      name: stream.name,
      createdAt: stream.createdAt,
      activeAt: stream.activeAt,
      mode: stream.mode,
      shardCount: stream.shards.length,
      retentionHours: stream.retentionHours,
      tags: Object.fromEntries(stream.tags),
    };
    this.store.put(`${this.baseKey(stream)}/stream`, saved);
    if (withShards) this.saveShards(stream);
  }

  private saveShards(stream: Stream): void {
    for (const shard of stream.shards) this.saveShard(stream, shard.id);
  }

  private saveShard(stream: Stream, shardId: string): void {
    if (!this.store.persistent) return;
    const shard = stream.shards.find((s) => s.id === shardId);
    if (!shard) return;
    const saved: StoredShard = { counter: shard.counter, lastSequenceNumber: shard.lastSequenceNumber };
    this.store.put(`${this.baseKey(stream)}/${shard.id}`, saved);
  }

  private removeStored(stream: Stream): void {
    for (const key of this.store.keysUnder(`${this.baseKey(stream)}/`)) this.store.delete(key);
  }

  private restore(): void {
    const byBase = new Map<string, { meta?: StoredStream; shards: Map<string, StoredShard>; records: Map<string, Array<{ key: string; record: StoredRecordValue }>> }>();
    for (const { key, data } of this.store.readAll("kinesis/")) {
      const record = key.lastIndexOf("/r/");
      if (record !== -1 && key.indexOf("/", record + 3) === -1) {
        // kinesis/<region>/<stream>/<shardId>/r/<sequence number>, the common case, without splitting
        const shardStart = key.lastIndexOf("/", record - 1);
        const base = key.slice(0, shardStart);
        const shardId = key.slice(shardStart + 1, record);
        let saved = byBase.get(base);
        if (!saved) {
          saved = { shards: new Map(), records: new Map() };
          byBase.set(base, saved);
        }
        let list = saved.records.get(shardId);
        if (!list) {
          list = [];
          saved.records.set(shardId, list);
        }
        list.push({ key: key.slice(record + 3), record: data as StoredRecordValue });
        continue;
      }
      const segments = key.split("/");
      const base = segments.slice(0, 3).join("/");
      let saved = byBase.get(base);
      if (!saved) {
        saved = { shards: new Map(), records: new Map() };
        byBase.set(base, saved);
      }
      if (segments.length === 4 && segments[3] === "stream") saved.meta = data as StoredStream;
      else if (segments.length === 4) saved.shards.set(segments[3], data as StoredShard);
      else if (segments.length === 6 && segments[4] === "r") {
        const list = saved.records.get(segments[3]) ?? [];
        list.push({ key: segments[5], record: data as StoredRecordValue });
        saved.records.set(segments[3], list);
      } else console.error(`[localcloud] ignoring unrecognised Kinesis record ${key}`);
    }
    for (const saved of byBase.values()) {
      const meta = saved.meta;
      if (!meta || typeof meta.name !== "string" || typeof meta.region !== "string") continue;
      const stream = new Stream(meta.region, meta.name, this.arnOf(meta.region, meta.name), meta.createdAt, meta.activeAt, meta.mode, meta.shardCount);
      stream.retentionHours = meta.retentionHours;
      for (const [key, value] of Object.entries(meta.tags ?? {})) stream.tags.set(key, value);
      for (const shard of stream.shards) {
        const state = saved.shards.get(shard.id);
        if (!state) continue;
        shard.counter = state.counter;
        shard.lastSequenceNumber = state.lastSequenceNumber;
        shard.records = (saved.records.get(shard.id) ?? []).map(({ key, record: [partitionKey, data, arrivalMs] }) => ({
          sequenceNumber: key,
          partitionKey,
          data: Buffer.from(data, "base64"),
          arrivalMs,
        }));
        if (state.records && state.records.length > 0) {
          // The earlier format (a migrated folder) kept the shard's records in its part: write them as records.
          for (const [sequenceNumber, partitionKey, data, arrivalMs] of state.records) {
            shard.records.push({ sequenceNumber, partitionKey, data: Buffer.from(data, "base64"), arrivalMs });
            this.store.put(this.recordKey(stream, shard.id, sequenceNumber), [partitionKey, data, arrivalMs]);
          }
          this.saveShard(stream, shard.id);
        }
      }
      this.streamsIn(stream.region).set(stream.name, stream);
      this.metrics.set(stream, new StreamMetrics());
      this.track(stream);
    }
  }
}

interface StoredStream {
  region: string;
  name: string;
  createdAt: number;
  activeAt: number;
  mode: StreamMode;
  shardCount: number;
  retentionHours: number;
  tags?: Record<string, string>;
}

interface StoredShard {
  counter: number;
  lastSequenceNumber: string | null;
  /** Only in the earlier format: [sequence number, partition key, base64 data, arrival ms]. */
  records?: Array<[string, string, string, number]>;
}

/** One data record: [partition key, base64 data, arrival ms] (its sequence number is in the key). */
type StoredRecordValue = [string, string, number];

/** A stream name as one state key segment (names may be `.` or `..`, which paths cannot). */
function safeSegment(name: string): string {
  const segment = keySegment(name);
  return /^\.+$/.test(segment) ? segment.replace(/\./g, "_2E") : segment;
}
