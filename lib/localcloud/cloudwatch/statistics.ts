/**
 * What CloudWatch keeps per time bucket (count, sum, min, max and, while they fit, the distinct
 * values for percentiles) and how a statistic (Sum, Average, p99...) is read from it.
 */

export interface Aggregate {
  sampleCount: number;
  sum: number;
  min: number;
  max: number;
  /**
   * Distinct values with their counts, sorted by value, when there are two or more. Absent when
   * every value is the same (min === max tells it, and most buckets are like that), and when a
   * statistic set with a spread arrived or too many values did (then percentiles are unknown).
   */
  samples?: Array<[value: number, count: number]>;
}

/** Beyond this many distinct values in one bucket, percentiles are no longer exact and are dropped. */
const MAX_SAMPLES_PER_BUCKET = 5_000;

export const BASIC_STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;
export type BasicStatistic = (typeof BASIC_STATISTICS)[number];

const PERCENTILE = /^p(\d{1,2}(\.\d{1,10})?|100(\.0{1,10})?)$/;

export function isBasicStatistic(name: string): name is BasicStatistic {
  return (BASIC_STATISTICS as readonly string[]).includes(name);
}

export function isPercentile(name: string): boolean {
  return PERCENTILE.test(name);
}

/** True for every statistic this local cloud computes: the five basic ones and pNN(.NN). */
export function isSupportedStatistic(name: string): boolean {
  return isBasicStatistic(name) || isPercentile(name);
}

export function aggregateOfValues(values: number[], counts?: number[]): Aggregate {
  const samples = new Map<number, number>();
  let sampleCount = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  values.forEach((value, i) => {
    const count = counts?.[i] ?? 1;
    if (count <= 0) return;
    samples.set(value, (samples.get(value) ?? 0) + count);
    sampleCount += count;
    sum += value * count;
    min = Math.min(min, value);
    max = Math.max(max, value);
  });
  return { sampleCount, sum, min, max, samples: samples.size > 1 ? sortedSamples(samples) : undefined };
}

export function aggregateOfStatisticSet(set: { sampleCount: number; sum: number; min: number; max: number }): Aggregate {
  return { sampleCount: set.sampleCount, sum: set.sum, min: set.min, max: set.max };
}

export function emptyAggregate(): Aggregate {
  return { sampleCount: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, samples: undefined };
}

/** The aggregate's values with their counts, or undefined when only a statistic set is known. */
function distribution(aggregate: Aggregate): Array<[number, number]> | undefined {
  if (aggregate.samples) return aggregate.samples;
  if (aggregate.sampleCount === 0) return [];
  return aggregate.min === aggregate.max ? [[aggregate.min, aggregate.sampleCount]] : undefined;
}

/** Adds `from` into `into` (mutating `into`). */
export function mergeInto(into: Aggregate, from: Aggregate): void {
  if (from.sampleCount === 0) return;
  const intoValues = distribution(into);
  const fromValues = distribution(from);
  into.sampleCount += from.sampleCount;
  into.sum += from.sum;
  into.min = Math.min(into.min, from.min);
  into.max = Math.max(into.max, from.max);
  if (!intoValues || !fromValues) {
    into.samples = undefined;
    return;
  }
  // `into` owns its list (a bucket's or a query's scratch aggregate), so it grows in place.
  const merged = into.samples === intoValues ? intoValues : intoValues.map(([v, c]) => [v, c] as [number, number]);
  for (const [value, count] of fromValues) addSample(merged, value, count);
  into.samples = merged.length > 1 && merged.length <= MAX_SAMPLES_PER_BUCKET ? merged : undefined;
}

/** Adds `count` of `value` to a list sorted by value (binary search; pairs are replaced, never changed). */
function addSample(samples: Array<[number, number]>, value: number, count: number): void {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid][0] < value) lo = mid + 1;
    else hi = mid;
  }
  if (lo < samples.length && samples[lo][0] === value) samples[lo] = [value, samples[lo][1] + count];
  else samples.splice(lo, 0, [value, count]);
}

export function cloneAggregate(aggregate: Aggregate): Aggregate {
  return {
    sampleCount: aggregate.sampleCount,
    sum: aggregate.sum,
    min: aggregate.min,
    max: aggregate.max,
    samples: aggregate.samples?.map(([v, c]) => [v, c] as [number, number]),
  };
}

/** The statistic's value, or undefined when it cannot be computed (a percentile of a statistic set). */
export function statisticValue(aggregate: Aggregate, statistic: string): number | undefined {
  switch (statistic) {
    case "SampleCount":
      return aggregate.sampleCount;
    case "Sum":
      return aggregate.sum;
    case "Minimum":
      return aggregate.min;
    case "Maximum":
      return aggregate.max;
    case "Average":
      return aggregate.sampleCount === 0 ? undefined : aggregate.sum / aggregate.sampleCount;
  }
  const samples = distribution(aggregate);
  if (!isPercentile(statistic) || !samples || aggregate.sampleCount === 0) return undefined;
  const p = Number(statistic.slice(1));
  const rank = Math.max(1, Math.ceil((p / 100) * aggregate.sampleCount));
  let seen = 0;
  for (const [value, count] of samples) {
    seen += count;
    if (seen >= rank) return value;
  }
  return aggregate.max;
}

function sortedSamples(samples: Map<number, number>): Array<[number, number]> {
  return [...samples.entries()].sort((a, b) => a[0] - b[0]);
}
