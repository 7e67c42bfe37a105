/**
 * A series' buckets in columns (typed arrays), time-sorted: about 45 bytes a bucket instead of
 * the ~120 a bucket object costs, which matters when every queue emits eight metrics a minute
 * for fifteen days. Reading returns plain DataPoint objects built on demand.
 *
 * Live buckets are [head, head + length) of the arrays: dropping the oldest (retention, every
 * minute) only moves `head`; the arrays are compacted when the dead space grows large.
 */
import type { Aggregate } from "./statistics";
import { mergeInto } from "./statistics";

export type Resolution = 1 | 60;

/** One bucket: its aggregate and where it sits. */
export interface DataPoint extends Aggregate {
  /** Start of the bucket, epoch ms. */
  timestamp: number;
  resolution: Resolution;
  unit: string;
}

/** Units by index (a bucket keeps one byte for its unit). */
const unitNames: string[] = [];
const unitIndexes = new Map<string, number>();

function unitIndex(unit: string): number {
  let index = unitIndexes.get(unit);
  if (index === undefined) {
    index = unitNames.length;
    if (index > 255) throw new Error("Too many distinct units.");
    unitNames.push(unit);
    unitIndexes.set(unit, index);
  }
  return index;
}

const INITIAL_CAPACITY = 8;

export class BucketColumns {
  private head = 0;
  private size = 0;
  private time = new Float64Array(INITIAL_CAPACITY);
  private resolution = new Uint8Array(INITIAL_CAPACITY);
  private unit = new Uint8Array(INITIAL_CAPACITY);
  private count = new Float64Array(INITIAL_CAPACITY);
  private sum = new Float64Array(INITIAL_CAPACITY);
  private min = new Float64Array(INITIAL_CAPACITY);
  private max = new Float64Array(INITIAL_CAPACITY);
  /** Distinct values of the few buckets that have a spread of them (see Aggregate.samples). */
  private samples: Array<Array<[number, number]> | undefined> = [];
  /** How many one-second buckets are live (most series have none, so their sweep is skipped). */
  highResolution = 0;

  get length(): number {
    return this.size;
  }

  /** The bucket at live position `i`, as an object. */
  at(i: number): DataPoint {
    const j = this.head + i;
    return {
      timestamp: this.time[j],
      resolution: this.resolution[j] as Resolution,
      unit: unitNames[this.unit[j]],
      sampleCount: this.count[j],
      sum: this.sum[j],
      min: this.min[j],
      max: this.max[j],
      samples: this.samples[j],
    };
  }

  timeAt(i: number): number {
    return this.time[this.head + i];
  }

  /** Live position of the first bucket at or after `timestamp`. */
  lowerBound(timestamp: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time[this.head + mid] < timestamp) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The buckets starting in [start, end). */
  between(start: number, end: number): DataPoint[] {
    const from = this.lowerBound(start);
    const to = this.lowerBound(end);
    const points: DataPoint[] = [];
    for (let i = from; i < to; i++) points.push(this.at(i));
    return points;
  }

  /** Merges the point into the bucket with its time, unit and resolution, or inserts it in order. */
  add(point: DataPoint): void {
    let i = this.lowerBound(point.timestamp);
    const unit = unitIndex(point.unit);
    for (; i < this.size && this.time[this.head + i] === point.timestamp; i++) {
      const j = this.head + i;
      if (this.unit[j] === unit && this.resolution[j] === point.resolution) {
        const merged = this.at(i);
        mergeInto(merged, point);
        this.write(j, merged, unit);
        return;
      }
    }
    this.openGap(i);
    this.write(this.head + i, point, unit);
    if (point.resolution === 1) this.highResolution += 1;
  }

  /** Removes the buckets at live positions [0, end) and returns them. */
  takeFront(end: number): DataPoint[] {
    return this.removeRange(0, end);
  }

  /** Removes the buckets at live positions [from, to) and returns them. */
  removeRange(from: number, to: number): DataPoint[] {
    const taken: DataPoint[] = [];
    for (let i = from; i < to; i++) {
      const point = this.at(i);
      if (point.resolution === 1) this.highResolution -= 1;
      taken.push(point);
    }
    const count = to - from;
    if (count <= 0) return taken;
    if (from === 0) {
      for (let j = this.head; j < this.head + count; j++) this.samples[j] = undefined;
      this.head += count;
    } else {
      const start = this.head + from;
      const end = this.head + this.size;
      for (const column of [this.time, this.resolution, this.unit, this.count, this.sum, this.min, this.max]) column.copyWithin(start, start + count, end);
      this.samples.splice(start, count);
    }
    this.size -= count;
    if (this.size === 0) this.head = 0;
    else if (this.head > this.size && this.head > 64) this.compact(this.time.length);
    return taken;
  }

  private write(j: number, point: Aggregate & { timestamp: number; resolution: Resolution }, unit: number): void {
    this.time[j] = point.timestamp;
    this.resolution[j] = point.resolution;
    this.unit[j] = unit;
    this.count[j] = point.sampleCount;
    this.sum[j] = point.sum;
    this.min[j] = point.min;
    this.max[j] = point.max;
    this.samples[j] = point.samples;
  }

  /** Makes room at live position `i` (appending is the common case). */
  private openGap(i: number): void {
    if (this.head + this.size === this.time.length) {
      this.compact(this.head > this.size ? this.time.length : Math.ceil(this.time.length * 1.5));
    }
    const at = this.head + i;
    const end = this.head + this.size;
    if (at < end) {
      for (const column of [this.time, this.resolution, this.unit, this.count, this.sum, this.min, this.max]) column.copyWithin(at + 1, at, end);
      this.samples.splice(at, 0, undefined);
      this.samples.length = Math.min(this.samples.length, this.time.length);
    }
    this.size += 1;
  }

  /** Moves the live buckets to the start of arrays of `capacity`. */
  private compact(capacity: number): void {
    const from = this.head;
    const to = this.head + this.size;
    const move = <T extends Float64Array | Uint8Array>(column: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(column.subarray(from, to));
      return next;
    };
    this.time = move(this.time, (n) => new Float64Array(n));
    this.resolution = move(this.resolution, (n) => new Uint8Array(n));
    this.unit = move(this.unit, (n) => new Uint8Array(n));
    this.count = move(this.count, (n) => new Float64Array(n));
    this.sum = move(this.sum, (n) => new Float64Array(n));
    this.min = move(this.min, (n) => new Float64Array(n));
    this.max = move(this.max, (n) => new Float64Array(n));
    this.samples = this.samples.slice(from, to);
    this.head = 0;
  }
}
