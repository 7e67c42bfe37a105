/**
 * Step: the topic's CloudWatch metrics (published, delivered, filtered out) and the queues' counts.
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { defineStep } from "@/lib/lab-framework/define";
import { cloudNow } from "@/lib/lab-framework/inspect/metric-graphs";
import type { GraphSpec } from "@/lib/lab-framework/types";
import { MetricsPanel } from "../panels/metrics-panel";
import type { Context } from "../provision";
import type { Resources } from "../resources";

const TOPIC_METRICS = ["NumberOfMessagesPublished", "NumberOfNotificationsDelivered", "NumberOfNotificationsFilteredOut"] as const;

export const graphs: Record<string, GraphSpec<Resources>> = {
  "topic-deliveries": {
    title: "OrderTopic: published, delivered, filtered out",
    healthy: "Delivered is published × subscribers, minus what the filter dropped; failed stays at zero.",
    unit: "messages per minute",
    metrics: [
      { id: "published", label: "Published", namespace: "AWS/SNS", metricName: "NumberOfMessagesPublished", stat: "Sum", dimensions: (c) => [{ Name: "TopicName", Value: c.names.orderTopic }] },
      { id: "delivered", label: "Delivered", namespace: "AWS/SNS", metricName: "NumberOfNotificationsDelivered", stat: "Sum", dimensions: (c) => [{ Name: "TopicName", Value: c.names.orderTopic }] },
      { id: "filtered", label: "Filtered out", namespace: "AWS/SNS", metricName: "NumberOfNotificationsFilteredOut", stat: "Sum", dimensions: (c) => [{ Name: "TopicName", Value: c.names.orderTopic }] },
      { id: "failed", label: "Failed", namespace: "AWS/SNS", metricName: "NumberOfNotificationsFailed", stat: "Sum", dimensions: (c) => [{ Name: "TopicName", Value: c.names.orderTopic }] },
    ],
  },
  "queue-depths": {
    title: "Messages waiting in each queue",
    healthy: "OrderQueue drains to zero; OrderDLQ stays at zero until something truly fails.",
    unit: "messages",
    metrics: [
      { id: "orders", label: "OrderQueue", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", stat: "Maximum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.orderQueue }] },
      { id: "dlq", label: "OrderDLQ", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", stat: "Maximum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.orderDlq }] },
      { id: "analytics", label: "AnalyticsQueue", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", stat: "Maximum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.analyticsQueue }] },
      { id: "large", label: "HighQuantityQueue", namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", stat: "Maximum", dimensions: (c) => [{ Name: "QueueName", Value: c.names.highQuantityQueue }] },
    ],
  },
};

/** The topic's three counters summed over the last three hours. */
async function topicTotals(context: Context): Promise<Record<(typeof TOPIC_METRICS)[number], number>> {
  // The local cloud's clock may run ahead of the wall clock after a fast-forward.
  const end = new Date(await cloudNow(context));
  const start = new Date(end.getTime() - 3 * 3600_000);
  const { MetricDataResults = [] } = await context.aws.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: start,
      EndTime: end,
      MetricDataQueries: TOPIC_METRICS.map((metricName, i) => ({
        Id: `m${i}`,
        MetricStat: {
          Metric: { Namespace: "AWS/SNS", MetricName: metricName, Dimensions: [{ Name: "TopicName", Value: context.names.orderTopic }] },
          Period: 60,
          Stat: "Sum",
        },
      })),
    }),
    { abortSignal: context.signal },
  );
  const totals = { NumberOfMessagesPublished: 0, NumberOfNotificationsDelivered: 0, NumberOfNotificationsFilteredOut: 0 };
  MetricDataResults.forEach((result) => {
    const metric = TOPIC_METRICS[Number(result.Id?.slice(1))];
    if (metric) totals[metric] = (result.Values ?? []).reduce((sum, v) => sum + v, 0);
  });
  return totals;
}

export const metricsStep = defineStep<Resources>({
  id: "metrics",
  title: "Watch the topic and the queues",
  explanation: [
    "SNS reports each topic's traffic to CloudWatch every minute (namespace `AWS/SNS`, dimension `TopicName`). Three metrics tell the fan-out's story:",
    "- **NumberOfMessagesPublished**: publishes the topic accepted.\n- **NumberOfNotificationsDelivered**: copies handed to subscribers, one per subscriber per publish. With three subscribers it runs up to three times the publishes.\n- **NumberOfNotificationsFilteredOut**: copies a filter policy dropped. Delivered plus filtered out is published times subscribers.",
    "A publish that reaches no one is not an error to SNS, so a missing queue policy shows up as **NumberOfNotificationsFailed**, not as a failed publish. The queues' own metric, ApproximateNumberOfMessagesVisible, shows where copies pile up: OrderQueue should drain while the processor runs, and OrderDLQ should stay at zero unless something truly failed. An alarm on OrderDLQ being above zero is how a team finds out.",
    "The metrics arrive once a minute (on AWS a few minutes late): publish some orders, then wait a minute, or fast-forward the local cloud's clock.",
  ].join("\n\n"),
  panel: MetricsPanel,
  actions: [],
  async check(context) {
    const totals = await topicTotals(context);
    if (totals.NumberOfMessagesPublished < 1) {
      return { passed: false, reason: `CloudWatch has no publishes for ${context.names.orderTopic} in the last three hours yet: publish an order, then wait a minute (or fast-forward) and check again.` };
    }
    return {
      passed: true,
      reason: `CloudWatch counted ${totals.NumberOfMessagesPublished} publishes to ${context.names.orderTopic}: ${totals.NumberOfNotificationsDelivered} copies delivered, ${totals.NumberOfNotificationsFilteredOut} filtered out.`,
    };
  },
  cli: (c) =>
    [
      "aws cloudwatch get-metric-statistics --namespace AWS/SNS \\",
      `  --metric-name NumberOfNotificationsFilteredOut --dimensions Name=TopicName,Value=${c.names.orderTopic} \\`,
      '  --start-time "$(date -u -d \'-1 hour\' +%Y-%m-%dT%H:%M:%SZ)" --end-time "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \\',
      "  --period 60 --statistics Sum",
      "",
      "aws cloudwatch get-metric-statistics --namespace AWS/SQS \\",
      `  --metric-name ApproximateNumberOfMessagesVisible --dimensions Name=QueueName,Value=${c.names.orderDlq} \\`,
      '  --start-time "$(date -u -d \'-1 hour\' +%Y-%m-%dT%H:%M:%SZ)" --end-time "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \\',
      "  --period 60 --statistics Maximum",
    ].join("\n"),
  sdk: (c) =>
    [
      'import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";',
      "",
      `const cloudwatch = new CloudWatchClient({ region: "${c.region}" });`,
      "const topic = (MetricName) => ({",
      `  MetricStat: { Metric: { Namespace: "AWS/SNS", MetricName, Dimensions: [{ Name: "TopicName", Value: "${c.names.orderTopic}" }] }, Period: 60, Stat: "Sum" },`,
      "});",
      "const { MetricDataResults } = await cloudwatch.send(new GetMetricDataCommand({",
      "  StartTime: new Date(Date.now() - 3600_000), EndTime: new Date(),",
      "  MetricDataQueries: [",
      '    { Id: "published", ...topic("NumberOfMessagesPublished") },',
      '    { Id: "delivered", ...topic("NumberOfNotificationsDelivered") },',
      '    { Id: "filtered", ...topic("NumberOfNotificationsFilteredOut") },',
      "  ],",
      "}));",
    ].join("\n"),
});
