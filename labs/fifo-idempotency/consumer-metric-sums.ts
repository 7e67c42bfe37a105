/**
 * The consumer's counters as CloudWatch holds them: the sum of each metric for this student's
 * queue since a moment (the table's creation, so an earlier run of the lab is not counted), read
 * with one GetMetricData call. "Now" is the connection's clock: a local cloud may run ahead.
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { readClock } from "@/lib/aws/capabilities";
import { DEFAULT_METRICS_NAMESPACE } from "./handlers/consumer-settings";
import { ERROR_METRICS, FLOW_METRICS, METRIC_DIMENSION, type ConsumerMetric } from "./handlers/consumer-metrics";
import type { FifoContext } from "./provision";

export const ALL_METRICS: ConsumerMetric[] = [...FLOW_METRICS, ...ERROR_METRICS];

export async function cloudNow(context: FifoContext): Promise<number> {
  if (!context.connection.capabilities.clock) return Date.now();
  const clock = await readClock(context.aws.connection).catch(() => null);
  return clock?.nowMs ?? Date.now();
}

export async function consumerMetricSums(context: FifoContext, since: Date, namespace = DEFAULT_METRICS_NAMESPACE): Promise<Record<ConsumerMetric, number>> {
  const start = Math.floor(since.getTime() / 60_000) * 60_000;
  const end = (Math.floor((await cloudNow(context)) / 60_000) + 2) * 60_000;
  const period = Math.max(60, Math.ceil((end - start) / 60_000) * 60);
  const { MetricDataResults = [] } = await context.aws.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(start),
      EndTime: new Date(end),
      MetricDataQueries: ALL_METRICS.map((name, i) => ({
        Id: `m${i}`,
        MetricStat: {
          Metric: { Namespace: namespace, MetricName: name, Dimensions: [{ Name: METRIC_DIMENSION, Value: context.names.ordersQueue }] },
          Period: period,
          Stat: "Sum",
        },
      })),
    }),
    { abortSignal: context.signal },
  );
  const sums = {} as Record<ConsumerMetric, number>;
  ALL_METRICS.forEach((name, i) => {
    sums[name] = (MetricDataResults.find((r) => r.Id === `m${i}`)?.Values ?? []).reduce((a, b) => a + b, 0);
  });
  return sums;
}
