/**
 * Reading a metric back as a time series: the buckets of one series are grouped into periods on
 * a grid that starts at a given time, and one statistic is read from each period that has data.
 * GetMetricStatistics, GetMetricData and alarm evaluation all go through here.
 */
import { pointsBetween, type DataPoint, type Series } from "./metric-store";
import { emptyAggregate, mergeInto, type Aggregate } from "./statistics";

/** A time series: ascending timestamps (epoch ms) with one value each. */
export interface TimeSeries {
  timestamps: number[];
  values: number[];
}

export interface PeriodAggregate {
  start: number;
  aggregate: Aggregate;
  /** The single unit of the period's data, or "None" when none or mixed. */
  unit: string;
}

/** Valid periods: 1, 5, 10, 20, 30 or any multiple of 60 seconds. */
export function isValidPeriod(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds > 0 && (seconds % 60 === 0 || [1, 5, 10, 20, 30].includes(seconds));
}

/** CloudWatch rounds a query's start down: to the period below a minute, else to the minute. */
export function alignStart(startMs: number, periodSeconds: number): number {
  const step = periodSeconds < 60 ? periodSeconds * 1000 : 60_000;
  return Math.floor(startMs / step) * step;
}

/** The periods of [start, end) that hold data for `series`, each with its merged aggregate. */
export function aggregateByPeriod(
  series: Series | undefined,
  start: number,
  end: number,
  periodSeconds: number,
  unit?: string,
): PeriodAggregate[] {
  if (!series || end <= start) return [];
  const periodMs = periodSeconds * 1000;
  const byIndex = new Map<number, { aggregate: Aggregate; units: Set<string> }>();
  const points: DataPoint[] = pointsBetween(series, start, end);
  for (const point of points) {
    if (unit !== undefined && point.unit !== unit) continue;
    const index = Math.floor((point.timestamp - start) / periodMs);
    let entry = byIndex.get(index);
    if (!entry) {
      entry = { aggregate: emptyAggregate(), units: new Set() };
      byIndex.set(index, entry);
    }
    mergeInto(entry.aggregate, point);
    entry.units.add(point.unit);
  }
  return [...byIndex.entries()]
    .sort((a, b) => a[0] - b[0])
    .filter(([, entry]) => entry.aggregate.sampleCount > 0)
    .map(([index, entry]) => ({
      start: start + index * periodMs,
      aggregate: entry.aggregate,
      unit: entry.units.size === 1 ? [...entry.units][0] : "None",
    }));
}

/** The start of every period of the grid [start, end). */
export function periodGrid(start: number, end: number, periodSeconds: number): number[] {
  const grid: number[] = [];
  for (let t = start; t < end; t += periodSeconds * 1000) grid.push(t);
  return grid;
}
