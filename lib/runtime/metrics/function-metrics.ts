/**
 * Each function's metrics, under AWS/Lambda's names (Invocations, Errors, Throttles, Duration,
 * ConcurrentExecutions, IteratorAge), published to CloudWatch under the workbook's own namespace
 * with the dimension FunctionName, so a dashboard graphs the workers the same way on the local
 * cloud and on AWS.
 *
 * Samples are summed per function and per minute (of the runtime's clock) and sent with
 * PutMetricData as statistic sets: one request per flush, and none while nothing ran.
 */
import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum, type StandardUnit } from "@aws-sdk/client-cloudwatch";
import type { RuntimeClock } from "../runtime-clock";

export const FUNCTION_METRICS_NAMESPACE = "MessagingLabs/Functions";
export const DEFAULT_METRICS_INTERVAL_MS = 15_000;
/** Data points per PutMetricData request; well under every endpoint's limit. */
const DATA_PER_REQUEST = 20;

interface StatisticSet {
  count: number;
  sum: number;
  min: number;
  max: number;
}

interface MinuteOfFunction {
  invocations: number;
  errors: number;
  throttles: number;
  duration: StatisticSet | null;
  concurrency: number;
  iteratorAge: StatisticSet | null;
}

function addSample(set: StatisticSet | null, value: number): StatisticSet {
  if (!set) return { count: 1, sum: value, min: value, max: value };
  return { count: set.count + 1, sum: set.sum + value, min: Math.min(set.min, value), max: Math.max(set.max, value) };
}

/** Publishes one request's data points somewhere else than a CloudWatch client (the local cloud's own metrics store). */
export type MetricsSink = (namespace: string, data: MetricDatum[]) => Promise<void> | void;

export interface FunctionMetricsOptions {
  /** The CloudWatch client of the connection the metrics belong to (undefined: keep nothing). */
  cloudwatch: () => CloudWatchClient | undefined;
  /** Used instead of the CloudWatch client when given. */
  sink?: MetricsSink;
  clock: RuntimeClock;
  namespace?: string;
  intervalMs?: number;
  /** Told when a PutMetricData fails (the data of that flush is dropped). */
  onError?: (error: unknown) => void;
}

export class FunctionMetrics {
  private buckets = new Map<string, MinuteOfFunction>();
  private readonly namespace: string;
  private readonly intervalMs: number;
  private loop: AbortController | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly options: FunctionMetricsOptions) {
    this.namespace = options.namespace ?? FUNCTION_METRICS_NAMESPACE;
    this.intervalMs = options.intervalMs ?? DEFAULT_METRICS_INTERVAL_MS;
  }

  recordInvocation(functionName: string, sample: { durationMs: number; failed: boolean; concurrency: number }): void {
    const minute = this.minute(functionName);
    minute.invocations += 1;
    if (sample.failed) minute.errors += 1;
    minute.duration = addSample(minute.duration, sample.durationMs);
    minute.concurrency = Math.max(minute.concurrency, sample.concurrency);
  }

  recordThrottle(functionName: string): void {
    this.minute(functionName).throttles += 1;
  }

  /** The age of the last record of a batch when it was sent to the function (stream sources). */
  recordIteratorAge(functionName: string, ageMs: number): void {
    const minute = this.minute(functionName);
    minute.iteratorAge = addSample(minute.iteratorAge, Math.max(0, ageMs));
  }

  /** Starts publishing every interval. */
  start(): void {
    if (this.loop) return;
    const loop = new AbortController();
    this.loop = loop;
    void (async () => {
      while (!loop.signal.aborted) {
        await this.options.clock.sleep(this.intervalMs, loop.signal);
        if (!loop.signal.aborted) await this.flush();
      }
    })();
  }

  /** Stops the loop and publishes what is left. */
  async stop(): Promise<void> {
    this.loop?.abort();
    this.loop = null;
    await this.flush();
  }

  /** Publishes everything recorded so far. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buckets.size === 0) return;
    const buckets = this.buckets;
    this.buckets = new Map();
    const client = this.options.cloudwatch();
    const sink = this.options.sink;
    const send: MetricsSink | undefined = sink ?? (client && (async (namespace, data) => void (await client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data })))));
    if (!send) return;
    const data = [...buckets].flatMap(([key, minute]) => {
      const [functionName, minuteStart] = splitKey(key);
      return toMetricData(functionName, new Date(minuteStart), minute);
    });
    const run = (async () => {
      for (let i = 0; i < data.length; i += DATA_PER_REQUEST) {
        try {
          await send(this.namespace, data.slice(i, i + DATA_PER_REQUEST));
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    })();
    this.flushing = run;
    try {
      await run;
    } finally {
      this.flushing = null;
    }
  }

  private minute(functionName: string): MinuteOfFunction {
    const minuteStart = Math.floor(this.options.clock.now() / 60_000) * 60_000;
    const key = `${functionName}\u0000${minuteStart}`;
    let minute = this.buckets.get(key);
    if (!minute) {
      minute = { invocations: 0, errors: 0, throttles: 0, duration: null, concurrency: 0, iteratorAge: null };
      this.buckets.set(key, minute);
    }
    return minute;
  }
}

function splitKey(key: string): [string, number] {
  const at = key.lastIndexOf("\u0000");
  return [key.slice(0, at), Number(key.slice(at + 1))];
}

function toMetricData(functionName: string, timestamp: Date, minute: MinuteOfFunction): MetricDatum[] {
  const dimensions = [{ Name: "FunctionName", Value: functionName }];
  const count = (name: string, value: number, unit: StandardUnit = "Count"): MetricDatum => ({
    MetricName: name,
    Dimensions: dimensions,
    Timestamp: timestamp,
    Value: value,
    Unit: unit,
  });
  const stats = (name: string, set: StatisticSet, unit: StandardUnit): MetricDatum => ({
    MetricName: name,
    Dimensions: dimensions,
    Timestamp: timestamp,
    StatisticValues: { SampleCount: set.count, Sum: set.sum, Minimum: set.min, Maximum: set.max },
    Unit: unit,
  });
  const data: MetricDatum[] = [];
  if (minute.invocations > 0 || minute.throttles > 0) {
    data.push(count("Invocations", minute.invocations), count("Errors", minute.errors), count("Throttles", minute.throttles));
  }
  if (minute.duration) data.push(stats("Duration", minute.duration, "Milliseconds"));
  if (minute.concurrency > 0) data.push(count("ConcurrentExecutions", minute.concurrency));
  if (minute.iteratorAge) data.push(stats("IteratorAge", minute.iteratorAge, "Milliseconds"));
  return data;
}
