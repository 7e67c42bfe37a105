/**
 * CloudWatch's metric data, per region: one series per metric (namespace, name and dimension
 * set, in any order), each a time-sorted list of buckets. Standard-resolution data is kept in
 * one-minute buckets and high-resolution data in one-second buckets; like AWS, one-second data
 * is rolled up into minutes after three hours, and everything is dropped after fifteen days.
 *
 * Persisted one record per region and minute (`cloudwatch/<region>/metrics/<yyyy-mm-ddThh-mm>`),
 * so a new data point rewrites only its minute's record, whatever the store holds. Hour records of
 * the earlier format (`.../<yyyy-mm-ddThh>`) are read and rewritten as minutes on start.
 */
import { keySegment, type StateStore } from "../core/persistence";
import { BucketColumns, type DataPoint, type Resolution } from "./bucket-columns";
import { cloneAggregate, type Aggregate } from "./statistics";

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricIdentity {
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
}

export type { DataPoint, Resolution };

export function dataPoint(timestamp: number, resolution: Resolution, unit: string, aggregate: Aggregate): DataPoint {
  const copy = cloneAggregate(aggregate);
  return {
    timestamp,
    resolution,
    unit,
    sampleCount: copy.sampleCount,
    sum: copy.sum,
    min: copy.min,
    max: copy.max,
    samples: copy.samples,
  };
}

export interface Series extends MetricIdentity {
  key: string;
  /** The buckets, time-sorted. */
  buckets: BucketColumns;
  /** Latest time a data point arrived for this series (for ListMetrics' RecentlyActive). */
  lastPutAt: number;
}

/** AWS keeps one-minute data for 15 days. */
export const RETENTION_MS = 15 * 24 * 3600_000;
/** AWS keeps one-second data for 3 hours, then only its one-minute roll-up. */
export const HIGH_RESOLUTION_RETENTION_MS = 3 * 3600_000;
const HOUR_MS = 3600_000;
const CHUNK_MS = 60_000;

type StoredPoint = [timestamp: number, resolution: Resolution, unit: string, count: number, sum: number, min: number, max: number, samples?: Array<[number, number]>];
interface StoredChunk {
  series: Array<{ namespace: string; metricName: string; dimensions: Dimension[]; points: StoredPoint[] }>;
}

export type StoredPart = { key: string; data: unknown };

const CHUNK_KEY = /^cloudwatch\/([^/]+)\/metrics\/(\d{4}-\d{2}-\d{2}T\d{2})(?:-(\d{2}))?$/;

export function seriesKey(metric: MetricIdentity): string {
  const dims = [...metric.dimensions]
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
    .map((d) => `${d.Name}\u0001${d.Value}`)
    .join("\u0002");
  return `${metric.namespace}\u0000${metric.metricName}\u0000${dims}`;
}

export function bucketStart(timestamp: number, resolution: Resolution): number {
  const size = resolution * 1000;
  return Math.floor(timestamp / size) * size;
}

/** The buckets with start in [start, end). */
export function pointsBetween(series: Series, start: number, end: number): DataPoint[] {
  return series.buckets.between(start, end);
}

export class MetricStore {
  private regions = new Map<string, Map<string, Series>>();
  /** Minutes (epoch ms of their start) holding data, per region, so expired records can be removed. */
  private chunks = new Map<string, Set<number>>();

  constructor(private readonly store: StateStore) {}

  /** Restores from the stored parts under `cloudwatch/` (read once by the service). */
  restore(parts: StoredPart[], now: number): void {
    const cutoff = now - RETENTION_MS;
    for (const { key, data } of parts) {
      const match = CHUNK_KEY.exec(key);
      if (!match) continue;
      const region = decodeURIComponent(match[1].replace(/_/g, "%"));
      const legacyHour = match[3] === undefined;
      const start = Date.parse(`${match[2]}:${match[3] ?? "00"}:00Z`);
      if (start + (legacyHour ? HOUR_MS : CHUNK_MS) <= cutoff) {
        this.store.remove(key);
        continue;
      }
      const chunk = data as StoredChunk;
      for (const stored of chunk.series ?? []) {
        const series = this.seriesFor(region, stored);
        for (const [timestamp, resolution, unit, sampleCount, sum, min, max, samples] of stored.points) {
          if (timestamp < cutoff) continue;
          series.buckets.add(dataPoint(timestamp, resolution, unit, { sampleCount, sum, min, max, samples }));
          series.lastPutAt = Math.max(series.lastPutAt, timestamp);
          if (legacyHour) this.markChunkDirty(region, timestamp);
        }
      }
      if (legacyHour) this.store.remove(key);
      else this.chunksOf(region).add(start);
    }
  }

  /** Adds one data point (already validated) to its bucket, creating the metric if new. */
  put(region: string, metric: MetricIdentity, point: DataPoint, receivedAt: number): void {
    const series = this.seriesFor(region, metric);
    // The point is the caller's own fresh object (from validation or the link); only its time moves.
    const bucketed: DataPoint = { ...point, timestamp: bucketStart(point.timestamp, point.resolution) };
    series.buckets.add(bucketed);
    series.lastPutAt = Math.max(series.lastPutAt, receivedAt);
    this.markChunkDirty(region, bucketed.timestamp);
  }

  find(region: string, metric: MetricIdentity): Series | undefined {
    return this.regions.get(region)?.get(seriesKey(metric));
  }

  /** Every metric of the region that still holds data. */
  list(region: string): Series[] {
    return [...(this.regions.get(region)?.values() ?? [])].filter((s) => s.buckets.length > 0);
  }

  /** Drops data past retention and rolls one-second data older than three hours up into minutes. */
  sweep(now: number): void {
    const cutoff = now - RETENTION_MS;
    const highResCutoff = now - HIGH_RESOLUTION_RETENTION_MS;
    for (const [region, seriesByKey] of this.regions) {
      for (const [key, series] of seriesByKey) {
        const firstKept = series.buckets.lowerBound(cutoff);
        if (firstKept > 0) series.buckets.takeFront(firstKept);
        this.rollUpHighResolution(region, series, highResCutoff);
        if (series.buckets.length === 0) seriesByKey.delete(key);
      }
      const chunks = this.chunksOf(region);
      for (const start of chunks) {
        if (start + CHUNK_MS <= cutoff) {
          chunks.delete(start);
          this.store.remove(this.chunkKey(region, start));
        }
      }
    }
  }

  private rollUpHighResolution(region: string, series: Series, before: number): void {
    const buckets = series.buckets;
    if (buckets.highResolution === 0) return;
    const end = buckets.lowerBound(before);
    let first = 0;
    while (first < end && buckets.at(first).resolution === 60) first++;
    if (first === end) return;
    // The range from the first old one-second bucket is taken out and put back, its seconds as minutes.
    for (const point of buckets.removeRange(first, end)) {
      buckets.add(point.resolution === 60 ? point : dataPoint(bucketStart(point.timestamp, 60), 60, point.unit, point));
      this.markChunkDirty(region, point.timestamp);
    }
  }

  private seriesFor(region: string, metric: MetricIdentity): Series {
    let seriesByKey = this.regions.get(region);
    if (!seriesByKey) {
      seriesByKey = new Map();
      this.regions.set(region, seriesByKey);
    }
    const key = seriesKey(metric);
    let series = seriesByKey.get(key);
    if (!series) {
      series = {
        key,
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensions: metric.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
        buckets: new BucketColumns(),
        lastPutAt: 0,
      };
      seriesByKey.set(key, series);
    }
    return series;
  }

  private chunksOf(region: string): Set<number> {
    let chunks = this.chunks.get(region);
    if (!chunks) {
      chunks = new Set();
      this.chunks.set(region, chunks);
    }
    return chunks;
  }

  private markChunkDirty(region: string, timestamp: number): void {
    if (!this.store.persistent) return;
    const start = Math.floor(timestamp / CHUNK_MS) * CHUNK_MS;
    this.chunksOf(region).add(start);
    this.store.markDirty(this.chunkKey(region, start), () => this.snapshotChunk(region, start));
  }

  private chunkKey(region: string, start: number): string {
    return `cloudwatch/${keySegment(region)}/metrics/${new Date(start).toISOString().slice(0, 16).replace(":", "-")}`;
  }

  private snapshotChunk(region: string, start: number): StoredChunk {
    const series: StoredChunk["series"] = [];
    for (const s of this.regions.get(region)?.values() ?? []) {
      const points = pointsBetween(s, start, start + CHUNK_MS);
      if (points.length === 0) continue;
      series.push({
        namespace: s.namespace,
        metricName: s.metricName,
        dimensions: s.dimensions,
        points: points.map((p) => {
          const stored: StoredPoint = [p.timestamp, p.resolution, p.unit, p.sampleCount, p.sum, p.min, p.max];
          if (p.samples) stored.push(p.samples);
          return stored;
        }),
      });
    }
    return { series };
  }
}
