/**
 * AWS/SNS metrics. Each publish and delivery outcome is counted in the virtual minute it happened;
 * when the clock finishes a minute, that minute's counts go to CloudWatch (dimension TopicName),
 * stamped with the minute's start. Like AWS, a topic with no activity in a minute emits nothing.
 */
import type { MetricDatum, MetricsLink } from "../core/links";

export type FilteredOutReason = "MessageAttributes" | "MessageBody" | "NoMessageAttributes" | "InvalidAttributes" | "InvalidMessageBody";

interface TopicCounters {
  published: number;
  publishSize: { count: number; sum: number; min: number; max: number };
  delivered: number;
  failed: number;
  filteredOut: number;
  filteredOutBy: Partial<Record<FilteredOutReason, number>>;
  redrivenToDlq: number;
  failedToRedriveToDlq: number;
}

export type SnsEvent =
  | { kind: "published"; size: number }
  | { kind: "delivered" }
  | { kind: "failed" }
  | { kind: "filteredOut"; reason: FilteredOutReason }
  | { kind: "redrivenToDlq" }
  | { kind: "failedToRedriveToDlq" };

function emptyCounters(): TopicCounters {
  return {
    published: 0,
    publishSize: { count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY },
    delivered: 0,
    failed: 0,
    filteredOut: 0,
    filteredOutBy: {},
    redrivenToDlq: 0,
    failedToRedriveToDlq: 0,
  };
}

export class SnsMetrics {
  /** minute start → `region\u0000topicName` → counters. */
  private minutes = new Map<number, Map<string, TopicCounters>>();

  record(now: number, region: string, topicName: string, event: SnsEvent): void {
    const minute = Math.floor(now / 60_000) * 60_000;
    let topics = this.minutes.get(minute);
    if (!topics) {
      topics = new Map();
      this.minutes.set(minute, topics);
    }
    const key = `${region}\u0000${topicName}`;
    let counters = topics.get(key);
    if (!counters) {
      counters = emptyCounters();
      topics.set(key, counters);
    }
    switch (event.kind) {
      case "published": {
        counters.published += 1;
        const size = counters.publishSize;
        size.count += 1;
        size.sum += event.size;
        size.min = Math.min(size.min, event.size);
        size.max = Math.max(size.max, event.size);
        break;
      }
      case "delivered":
        counters.delivered += 1;
        break;
      case "failed":
        counters.failed += 1;
        break;
      case "filteredOut":
        counters.filteredOut += 1;
        counters.filteredOutBy[event.reason] = (counters.filteredOutBy[event.reason] ?? 0) + 1;
        break;
      case "redrivenToDlq":
        counters.redrivenToDlq += 1;
        break;
      case "failedToRedriveToDlq":
        counters.failedToRedriveToDlq += 1;
        break;
    }
  }

  /** Sends every finished minute up to and including `minuteStart` to CloudWatch. */
  emit(minuteStart: number, metrics: MetricsLink | undefined): void {
    for (const [minute, topics] of [...this.minutes.entries()].sort((a, b) => a[0] - b[0])) {
      if (minute > minuteStart) continue;
      this.minutes.delete(minute);
      if (!metrics) continue;
      const byRegion = new Map<string, MetricDatum[]>();
      for (const [key, counters] of topics) {
        const [region, topicName] = key.split("\u0000");
        const data = byRegion.get(region) ?? [];
        data.push(...datums(topicName, minute, counters));
        byRegion.set(region, data);
      }
      for (const [region, data] of byRegion) metrics.put(region, data);
    }
  }
}

function datums(topicName: string, timestamp: number, c: TopicCounters): MetricDatum[] {
  const dimensions = [{ Name: "TopicName", Value: topicName }];
  const count = (metricName: string, value: number): MetricDatum => ({
    namespace: "AWS/SNS",
    metricName,
    dimensions,
    value,
    unit: "Count",
    timestamp,
  });
  const data: MetricDatum[] = [];
  if (c.published > 0) {
    data.push(count("NumberOfMessagesPublished", c.published));
    data.push({
      namespace: "AWS/SNS",
      metricName: "PublishSize",
      dimensions,
      value: c.publishSize.sum / c.publishSize.count,
      unit: "Bytes",
      timestamp,
      statisticValues: { sampleCount: c.publishSize.count, sum: c.publishSize.sum, min: c.publishSize.min, max: c.publishSize.max },
    });
  }
  if (c.delivered > 0) data.push(count("NumberOfNotificationsDelivered", c.delivered));
  if (c.failed > 0) data.push(count("NumberOfNotificationsFailed", c.failed));
  if (c.filteredOut > 0) data.push(count("NumberOfNotificationsFilteredOut", c.filteredOut));
  for (const [reason, n] of Object.entries(c.filteredOutBy)) data.push(count(`NumberOfNotificationsFilteredOut-${reason}`, n));
  if (c.redrivenToDlq > 0) data.push(count("NumberOfNotificationsRedrivenToDlq", c.redrivenToDlq));
  if (c.failedToRedriveToDlq > 0) data.push(count("NumberOfNotificationsFailedToRedriveToDlq", c.failedToRedriveToDlq));
  return data;
}
