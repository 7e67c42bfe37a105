/**
 * AWS/Lambda metrics, per function (dimension FunctionName): what happened in each virtual minute
 * is counted as it happens and emitted when the minute ends, stamped with the minute's start.
 */
import type { Links, MetricDatum } from "../core/links";

interface MinuteCounts {
  region: string;
  name: string;
  invocations: number;
  errors: number;
  throttles: number;
  durations: number[];
  /** Most invocations in flight at once during the minute. */
  concurrent: number;
}

const NAMESPACE = "AWS/Lambda";

export class LambdaMetrics {
  /** minute start → region/name → counts. */
  private readonly minutes = new Map<number, Map<string, MinuteCounts>>();

  constructor(private readonly now: () => number) {}

  invoked(region: string, name: string, outcome: { durationMs: number; error: boolean; concurrent: number }): void {
    const counts = this.countsFor(region, name);
    counts.invocations += 1;
    if (outcome.error) counts.errors += 1;
    counts.durations.push(outcome.durationMs);
    counts.concurrent = Math.max(counts.concurrent, outcome.concurrent);
  }

  throttled(region: string, name: string): void {
    this.countsFor(region, name).throttles += 1;
  }

  /** Emits (and forgets) the minute that starts at `minuteStart` and everything before it. */
  emit(links: Links, minuteStart: number): void {
    for (const [start, byFunction] of [...this.minutes]) {
      if (start > minuteStart) continue;
      this.minutes.delete(start);
      const byRegion = new Map<string, MetricDatum[]>();
      for (const counts of byFunction.values()) {
        const data = byRegion.get(counts.region) ?? [];
        byRegion.set(counts.region, data);
        const dimensions = [{ Name: "FunctionName", Value: counts.name }];
        const datum = (metricName: string, value: number, unit = "Count"): MetricDatum => ({ namespace: NAMESPACE, metricName, dimensions, value, unit, timestamp: start });
        if (counts.invocations > 0) {
          data.push(datum("Invocations", counts.invocations), datum("Errors", counts.errors), datum("ConcurrentExecutions", counts.concurrent));
          const { durations } = counts;
          data.push({
            ...datum("Duration", 0, "Milliseconds"),
            statisticValues: { sampleCount: durations.length, sum: durations.reduce((a, b) => a + b, 0), min: Math.min(...durations), max: Math.max(...durations) },
          });
        }
        if (counts.throttles > 0) data.push(datum("Throttles", counts.throttles));
      }
      for (const [region, data] of byRegion) if (data.length > 0) links.metrics?.put(region, data);
    }
  }

  private countsFor(region: string, name: string): MinuteCounts {
    const minute = Math.floor(this.now() / 60_000) * 60_000;
    let byFunction = this.minutes.get(minute);
    if (!byFunction) {
      byFunction = new Map();
      this.minutes.set(minute, byFunction);
    }
    const key = `${region}/${name}`;
    let counts = byFunction.get(key);
    if (!counts) {
      counts = { region, name, invocations: 0, errors: 0, throttles: 0, durations: [], concurrent: 0 };
      byFunction.set(key, counts);
    }
    return counts;
  }
}
