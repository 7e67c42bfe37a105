/**
 * One Kinesis data stream and its shards: the records each shard holds, in order, with the
 * throughput each shard has seen recently. Status is derived from the clock (CREATING until
 * `activeAt`, DELETING until `goneAt`), so it is exact after a fast-forward or a restart.
 */
import { evenHashKeyRanges, type HashKeyRange } from "./hash-keys";
import { compareSequenceNumbers, makeSequenceNumber } from "./sequence-numbers";
import { SlidingWindow } from "./throughput";

export type StreamStatus = "CREATING" | "ACTIVE" | "DELETING" | "UPDATING";
export type StreamMode = "PROVISIONED" | "ON_DEMAND";

export interface StoredRecord {
  sequenceNumber: string;
  partitionKey: string;
  data: Buffer;
  arrivalMs: number;
}

export class Shard {
  readonly id: string;
  /** Records still within retention, oldest first. */
  records: StoredRecord[] = [];
  /** Highest sequence number ever issued (survives trimming), for LATEST. */
  lastSequenceNumber: string | null = null;
  counter = 0;
  readonly writes = new SlidingWindow(1_000);
  readonly readCalls = new SlidingWindow(1_000);
  readonly readBytes = new SlidingWindow(5_000);

  constructor(
    readonly index: number,
    readonly range: HashKeyRange,
    readonly startingSequenceNumber: string,
  ) {
    this.id = shardIdOf(index);
  }

  append(partitionKey: string, data: Buffer, arrivalMs: number): StoredRecord {
    this.counter += 1;
    const record = { sequenceNumber: this.sequenceNumberAt(arrivalMs), partitionKey, data, arrivalMs };
    this.records.push(record);
    this.lastSequenceNumber = record.sequenceNumber;
    return record;
  }

  private prefixMs = -1;
  private prefix = "";

  /** The next sequence number; the part that depends on the time is built once per millisecond. */
  private sequenceNumberAt(arrivalMs: number): string {
    if (arrivalMs !== this.prefixMs) {
      this.prefixMs = arrivalMs;
      this.prefix = makeSequenceNumber(arrivalMs, this.index, 0).slice(0, -32);
    }
    return this.prefix + String(this.counter).padStart(32, "0");
  }

  /** Drops records that arrived before `cutoffMs`; returns them (oldest first). */
  trim(cutoffMs: number): StoredRecord[] {
    let drop = 0;
    while (drop < this.records.length && this.records[drop].arrivalMs < cutoffMs) drop++;
    return drop > 0 ? this.records.splice(0, drop) : [];
  }

  /** Index of the first record whose sequence number is >= (or > when `after`) the given one. */
  indexFrom(sequenceNumber: string, after: boolean): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareSequenceNumbers(this.records[mid].sequenceNumber, sequenceNumber);
      if (c < 0 || (after && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first record that arrived at or after `timestampMs`. */
  indexFromTimestamp(timestampMs: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid].arrivalMs < timestampMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, "0")}`;
}

/** Seconds CreateStream takes before the stream is ACTIVE, and DeleteStream before it is gone. */
export const CREATING_MS = 3_000;
export const DELETING_MS = 2_000;
export const ON_DEMAND_SHARDS = 4;

export class Stream {
  shards: Shard[];
  tags = new Map<string, string>();
  retentionHours = 24;
  goneAt: number | null = null;
  /** Told of the records retention drops (the model deletes their saved records). */
  onTrim: ((shard: Shard, dropped: StoredRecord[]) => void) | null = null;

  constructor(
    readonly region: string,
    readonly name: string,
    readonly arn: string,
    readonly createdAt: number,
    readonly activeAt: number,
    public mode: StreamMode,
    shardCount: number,
  ) {
    this.shards = evenHashKeyRanges(shardCount).map(
      (range, index) => new Shard(index, range, makeSequenceNumber(createdAt, index, 0)),
    );
  }

  status(now: number): StreamStatus {
    if (this.goneAt !== null) return "DELETING";
    return now < this.activeAt ? "CREATING" : "ACTIVE";
  }

  get retentionMs(): number {
    return this.retentionHours * 3_600_000;
  }

  /** The shard whose hash key range holds the key (ranges are contiguous and sorted). */
  shardForHashKey(hashKey: bigint): Shard {
    let lo = 0;
    let hi = this.shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.shards[mid].range.start <= hashKey) lo = mid;
      else hi = mid - 1;
    }
    return this.shards[lo];
  }

  /** Drops records past retention in every shard; true when any were dropped. */
  trim(now: number): boolean {
    let trimmed = false;
    for (const shard of this.shards) {
      const dropped = shard.trim(now - this.retentionMs);
      if (dropped.length === 0) continue;
      trimmed = true;
      this.onTrim?.(shard, dropped);
    }
    return trimmed;
  }
}
