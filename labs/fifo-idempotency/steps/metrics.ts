/**
 * Step 6: the consumer's counters in CloudWatch, graphed, and checked against the table and the
 * queues.
 */
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import type { CheckResult, GraphMetric, GraphSpec, JsonValue } from "@/lib/lab-framework/types";
import { consumerMetricSums } from "../consumer-metric-sums";
import { DEFAULT_METRICS_NAMESPACE } from "../handlers/consumer-settings";
import { METRIC_DIMENSION, type ConsumerMetric } from "../handlers/consumer-metrics";
import { queueCounts } from "../live";
import { compareCounts, uncountedSteps, type Agreement } from "../metric-agreement";
import { describeTable, type FifoContext } from "../provision";
import { MetricsPanel } from "../panels/metrics-panel";
import type { FifoResources } from "../resources";
import { readSavedMessages } from "../saved-messages";

function consumerMetric(id: string, metricName: ConsumerMetric, label = metricName): GraphMetric<FifoResources> {
  return { id, label, namespace: DEFAULT_METRICS_NAMESPACE, metricName, stat: "Sum", dimensions: (c) => [{ Name: METRIC_DIMENSION, Value: c.names.ordersQueue }] };
}

export const graphs: Record<string, GraphSpec<FifoResources>> = {
  "consumer-flow": {
    title: "What the consumer did with each delivery",
    healthy: "Saved follows what was sent; skipped rises only with duplicate sends and redeliveries; invalid stays at 0.",
    unit: "messages",
    metrics: [
      consumerMetric("saved", "MessagesSaved"),
      consumerMetric("duplicates", "DuplicateMessages"),
      consumerMetric("invalid", "InvalidMessages"),
      consumerMetric("deleted", "MessagesDeleted"),
    ],
  },
  "consumer-errors": {
    title: "Errors by kind",
    healthy: "All at 0. A crash between save and delete shows as a function error, with no error counter of its own.",
    unit: "count",
    metrics: [
      consumerMetric("saveerrors", "DynamoDBSaveError"),
      consumerMetric("urlerrors", "SQSGetURLError"),
      consumerMetric("deleteerrors", "SQSDeleteError"),
      {
        id: "crashes",
        label: "Function errors (crashes)",
        namespace: "MessagingLabs/Functions",
        metricName: "Errors",
        stat: "Sum",
        dimensions: (c) => [{ Name: "FunctionName", Value: c.names.consumer }],
      },
    ],
  },
};

export interface CountsComparison extends Agreement {
  since: string;
  metrics: Record<ConsumerMetric, number>;
}

/** The counters since the table was created, beside the table and the queues. */
export async function compareNow(context: FifoContext): Promise<CountsComparison | null> {
  const table = await describeTable(context);
  if (!table?.CreationDateTime) return null;
  const [metrics, { messages }, queue, dlq] = await Promise.all([
    consumerMetricSums(context, table.CreationDateTime),
    readSavedMessages(context),
    queueCounts(context, context.names.ordersQueue),
    queueCounts(context, context.names.ordersDlq),
  ]);
  const agreement = compareCounts({
    metrics,
    table: {
      items: messages.length,
      skippedDuplicates: messages.reduce((n, m) => n + m.skippedDuplicates, 0),
      skippedRedeliveries: messages.reduce((n, m) => n + m.skippedRedeliveries, 0),
    },
    queue,
    dlq,
  });
  return { ...agreement, since: table.CreationDateTime.toISOString(), metrics };
}

export async function checkCountsAgree(context: FifoContext): Promise<CheckResult> {
  const comparison = await compareNow(context);
  if (!comparison) return { passed: false, reason: `The table ${context.names.processedTable} does not exist: run step 1 first.` };
  const details = comparison.rows.map((r) => `${r.metric} ${r.metricValue} ${r.agrees ? "=" : "≠"} ${r.source}`);
  if (!comparison.quiet) return { passed: false, reason: "Messages are still in the queue, so the counters are still moving: let the consumer finish (fast-forward past any visibility timeout), then check again.", details };
  const uncounted = uncountedSteps(comparison.metrics);
  if (uncounted.length) {
    const names = uncounted.map((u) => u.metric);
    const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    return {
      passed: false,
      reason: `${listed} ${names.length === 1 ? "is" : "are"} 0 in CloudWatch, so there is nothing to compare yet: do the steps before this one (on AWS new data points can take a minute or two to appear).`,
      details: [...uncounted.map((u) => `${u.metric} counts ${u.from}.`), ...details],
    };
  }
  const off = comparison.rows.filter((r) => !r.agrees);
  if (off.length) {
    return {
      passed: false,
      reason: `${off.map((r) => r.metric).join(", ")} ${off.length === 1 ? "does" : "do"} not match the table and the queues yet. On AWS new data points can take a minute or two to appear; check again.`,
      details,
    };
  }
  return { passed: true, reason: "Every counter in CloudWatch agrees with the table and the queues.", details };
}

function asJson(comparison: CountsComparison): JsonValue {
  return JSON.parse(JSON.stringify(comparison)) as JsonValue;
}

export const metricsStep = defineStep<FifoResources>({
  id: "metrics",
  title: "The counters in CloudWatch",
  explanation: [
    "At the end of every invocation the consumer publishes its counters with one `PutMetricData` call, in the namespace `MessagingLabs/FifoConsumer` (the workbook's IAM policy allows custom metrics only under `MessagingLabs/*`), with the queue's name as the dimension:",
    "- **MessagesSaved**: conditional writes that succeeded.\n- **DuplicateMessages**: deliveries skipped because the message_id was saved already.\n- **InvalidMessages**: messages that cannot be read, counted once each (on their first delivery).\n- **MessagesDeleted**: deletes that succeeded.\n- **DynamoDBSaveError**, **SQSGetURLError**, **SQSDeleteError**: failures, by the call that failed. Each leaves the message in the queue for another try.",
    "The write-up this lab starts from also counts `DynamoDBCheckError`, for a read before the write. This consumer has no such read (the conditional write is the check), so there is nothing left to count under that name.",
    "The counters must agree with what the table and the queues hold. Once the queue is empty: MessagesSaved = items in the table; DuplicateMessages = the skips noted on the items; MessagesDeleted = items + duplicate sends (a redelivery is the same SQS message, deleted once); InvalidMessages = messages in the dead-letter queue. A crash shows up as saved + skipped − deleted: work done, delete never sent.",
  ].join("\n\n"),
  actions: [
    defineAction<FifoResources>({
      id: "compare",
      label: "Compare the counters with the table and the queues",
      panelOnly: true,
      async run(context) {
        const comparison = await compareNow(context);
        if (!comparison) return { message: `The table ${context.names.processedTable} does not exist: run step 1 first.` };
        const verdict = !comparison.quiet ? "Messages are still being processed." : comparison.agrees ? "Everything agrees." : "Some counters do not agree yet.";
        return { message: verdict, data: asJson(comparison) };
      },
    }),
  ],
  panel: MetricsPanel,
  check: checkCountsAgree,
  cli: (c) =>
    [
      "# The sum of each counter over the last 3 hours (GNU date; on macOS use gdate):",
      "aws cloudwatch get-metric-data \\",
      '  --start-time "$(date -u -d \'-3 hours\' +%Y-%m-%dT%H:%M:%SZ)" --end-time "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \\',
      "  --metric-data-queries '[",
      ...["MessagesSaved", "DuplicateMessages", "InvalidMessages", "MessagesDeleted"].map(
        (name, i, all) =>
          `    {"Id":"m${i}","MetricStat":{"Metric":{"Namespace":"${DEFAULT_METRICS_NAMESPACE}","MetricName":"${name}","Dimensions":[{"Name":"${METRIC_DIMENSION}","Value":"${c.names.ordersQueue}"}]},"Period":10800,"Stat":"Sum"}}${i < all.length - 1 ? "," : ""}`,
      ),
      "  ]'",
      "",
      "# What they must agree with:",
      `aws dynamodb scan --table-name ${c.names.processedTable} --select COUNT`,
      `aws sqs get-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.ordersDlq} --query QueueUrl --output text)" --attribute-names ApproximateNumberOfMessages`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";',
      "",
      `const cloudwatch = new CloudWatchClient({ region: "${c.region}" });`,
      "",
      "// In the consumer, once per invocation (also when it fails):",
      "await cloudwatch.send(new PutMetricDataCommand({",
      `  Namespace: "${DEFAULT_METRICS_NAMESPACE}",`,
      "  MetricData: [",
      `    { MetricName: "MessagesSaved", Unit: "Count", Value: saved, Dimensions: [{ Name: "${METRIC_DIMENSION}", Value: "${c.names.ordersQueue}" }] },`,
      "    // ...DuplicateMessages, InvalidMessages, MessagesDeleted, and any error counter above 0",
      "  ],",
      "}));",
    ].join("\n"),
});
