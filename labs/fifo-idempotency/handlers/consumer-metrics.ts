/**
 * The consumer's counters for one invocation, published to CloudWatch in one PutMetricData call
 * when the invocation ends (also when it crashes), with the queue's name as the dimension.
 */
import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum } from "@aws-sdk/client-cloudwatch";

/** Published on every invocation (zero included), so the graphs show quiet minutes as 0. */
export const FLOW_METRICS = ["MessagesSaved", "DuplicateMessages", "InvalidMessages", "MessagesDeleted"] as const;
/** Published only when they happen. */
export const ERROR_METRICS = ["DynamoDBSaveError", "SQSGetURLError", "SQSDeleteError"] as const;

export type FlowMetric = (typeof FLOW_METRICS)[number];
export type ErrorMetric = (typeof ERROR_METRICS)[number];
export type ConsumerMetric = FlowMetric | ErrorMetric;

export const METRIC_DIMENSION = "QueueName";

export class ConsumerCounters {
  private readonly counts = new Map<ConsumerMetric, number>();

  add(metric: ConsumerMetric, value = 1): void {
    this.counts.set(metric, (this.counts.get(metric) ?? 0) + value);
  }

  get(metric: ConsumerMetric): number {
    return this.counts.get(metric) ?? 0;
  }

  /** The data to publish: every flow metric, and the error metrics that are not zero. */
  data(queueName: string): MetricDatum[] {
    const dimensions = [{ Name: METRIC_DIMENSION, Value: queueName }];
    const names: ConsumerMetric[] = [...FLOW_METRICS, ...ERROR_METRICS.filter((m) => this.get(m) > 0)];
    return names.map((name) => ({ MetricName: name, Dimensions: dimensions, Unit: "Count", Value: this.get(name) }));
  }

  async publish(cloudwatch: CloudWatchClient, namespace: string, queueName: string): Promise<void> {
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: this.data(queueName) }));
  }
}
