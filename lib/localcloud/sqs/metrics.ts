/**
 * The AWS/SQS metrics AWS emits each minute for every active queue (one holding messages or named
 * by a call within six hours), with AWS's names and units, sent through `links.metrics`
 * (CloudWatch) when that service runs. Counters cover the minute that just ended; the
 * Approximate* gauges are sampled at its end.
 */
import type { Links, MetricDatum } from "../core/links";
import { emptyStats } from "./model/queue";
import type { SqsModel } from "./model/sqs-model";

export function emitQueueMetrics(model: SqsModel, links: Links, minuteStart: number): void {
  const now = model.clock.now();
  const byRegion = new Map<string, MetricDatum[]>();
  for (const queue of model.allQueues()) {
    const stats = queue.stats;
    queue.stats = emptyStats();
    if (!links.metrics) continue;
    queue.processDue(now);
    if (!queue.isActive(now)) continue;
    const dimensions = [{ Name: "QueueName", Value: queue.name }];
    const datum = (metricName: string, value: number, unit: string): MetricDatum => ({
      namespace: "AWS/SQS",
      metricName,
      dimensions,
      value,
      unit,
      timestamp: minuteStart,
    });
    const data = [
      datum("NumberOfMessagesSent", stats.sent, "Count"),
      datum("NumberOfMessagesReceived", stats.received, "Count"),
      datum("NumberOfMessagesDeleted", stats.deleted, "Count"),
      datum("NumberOfEmptyReceives", stats.emptyReceives, "Count"),
      datum("ApproximateNumberOfMessagesVisible", queue.visibleCount, "Count"),
      datum("ApproximateNumberOfMessagesNotVisible", queue.inflightCount, "Count"),
      datum("ApproximateNumberOfMessagesDelayed", queue.delayedCount, "Count"),
      datum("ApproximateAgeOfOldestMessage", queue.oldestAgeSeconds(now), "Seconds"),
    ];
    if (stats.sizeCount > 0) {
      data.push({
        ...datum("SentMessageSize", 0, "Bytes"),
        statisticValues: { sampleCount: stats.sizeCount, sum: stats.sizeSum, min: stats.sizeMin, max: stats.sizeMax },
      });
    }
    let list = byRegion.get(queue.region);
    if (!list) {
      list = [];
      byRegion.set(queue.region, list);
    }
    list.push(...data);
  }
  for (const [region, data] of byRegion) links.metrics?.put(region, data);
}
