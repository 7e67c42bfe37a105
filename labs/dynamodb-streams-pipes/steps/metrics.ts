import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { MetricsPanel } from "../panels/metrics-panel";
import { graphs } from "../graphs";
import { options, type StreamsContext } from "../provision/context";
import type { StreamsResources } from "../resources";

/** The sum of a metric over the last hours, or null when CloudWatch has no data point for it. */
async function recentTotal(context: StreamsContext, graphId: string, metricId: string, hours = 3): Promise<number | null> {
  const metric = graphs[graphId].metrics.find((m) => m.id === metricId);
  if (!metric) return null;
  const end = new Date(Date.now() + 3600_000);
  const { MetricDataResults = [] } = await context.aws.cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(end.getTime() - (hours + 1) * 3600_000),
      EndTime: end,
      MetricDataQueries: [{ Id: metric.id, MetricStat: { Metric: { Namespace: metric.namespace, MetricName: metric.metricName, Dimensions: metric.dimensions(context) }, Period: 60, Stat: metric.stat } }],
    }),
    options(context),
  );
  const values = MetricDataResults[0]?.Values ?? [];
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

export const metricsStep = defineStep<StreamsResources>({
  id: "metrics",
  title: "Read the metrics",
  explanation: [
    "Everything you did left a trace in CloudWatch, at one-minute resolution. Read the graphs against what you know happened:",
    "- **DLQ depth** rose when the FAIL orders arrived and fell when you emptied the queue: the alarm watches exactly this line.",
    "- **Processing queue traffic**: every order is sent once, but a FAIL order is received three times and never deleted. Received above deleted is the signature of retries.",
    "- **Worker invocations and errors**: one error per receive of a FAIL order. Business-rule failures are not errors: the function succeeded in deciding FAILED.",
    "- **The pipes' events**: what each pipe passed on (on the local cloud, the events its filter kept: one per high-value order on the stream). None of Pipes' metrics is named for the events a filter drops, which is why the lab counted those from the table.",
    "SQS and Pipes publish their metrics themselves. The functions' metrics come from the workbook's runtime, under `MessagingLabs/Functions` with Lambda's names; on Lambda they would be in `AWS/Lambda`. On AWS, a new data point can take a few minutes to appear.",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources>({
      id: "publish-function-metrics",
      label: "Publish the functions' metrics now",
      panelOnly: true,
      tone: "secondary",
      description: "The runtime sends them every 15 seconds; this sends what it has at once.",
      async run(context) {
        await context.runtime.flushMetrics();
        return { message: "Published the functions' metrics; the graphs show them at their next refresh." };
      },
    }),
  ],
  panel: MetricsPanel,
  async check(context) {
    const [dlq, received, invocations] = await Promise.all([
      recentTotal(context, "dlq-depth", "dlq"),
      recentTotal(context, "processing-queue", "received"),
      recentTotal(context, "worker-errors", "invocations"),
    ]);
    const missing = [
      dlq === null ? `the DLQ's ApproximateNumberOfMessagesVisible` : null,
      received === null ? "the processing queue's NumberOfMessagesReceived" : null,
      invocations === null ? "the worker's Invocations (publish the functions' metrics)" : null,
    ].filter((m): m is string => m !== null);
    if (missing.length) return { passed: false, reason: `CloudWatch has no data yet for ${missing.join(", ")}; on AWS allow a few minutes, then check again.` };
    return { passed: true, reason: `CloudWatch has the lab's metrics: ${received} receives on the processing queue and ${invocations} worker invocations in the last hours.` };
  },
  cli: (c) =>
    [
      `aws cloudwatch get-metric-data --start-time "$(date -u -d '-3 hours' +%FT%TZ)" --end-time "$(date -u +%FT%TZ)" --metric-data-queries '[`,
      `  {"Id":"dlq","MetricStat":{"Metric":{"Namespace":"AWS/SQS","MetricName":"ApproximateNumberOfMessagesVisible","Dimensions":[{"Name":"QueueName","Value":"${c.names.processingDlq}"}]},"Period":60,"Stat":"Maximum"}},`,
      `  {"Id":"errors","MetricStat":{"Metric":{"Namespace":"MessagingLabs/Functions","MetricName":"Errors","Dimensions":[{"Name":"FunctionName","Value":"${c.names.orderWorker}"}]},"Period":60,"Stat":"Sum"}},`,
      `  {"Id":"pipe","MetricStat":{"Metric":{"Namespace":"AWS/EventBridge/Pipes","MetricName":"EventCount","Dimensions":[{"Name":"PipeName","Value":"${c.names.streamPipe}"}]},"Period":60,"Stat":"Sum"}}]'`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";',
      "",
      `const { MetricDataResults } = await new CloudWatchClient({ region: "${c.region}" }).send(new GetMetricDataCommand({`,
      "  StartTime: new Date(Date.now() - 3 * 3600_000), EndTime: new Date(),",
      "  MetricDataQueries: [{",
      '    Id: "dlq",',
      `    MetricStat: { Metric: { Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible", Dimensions: [{ Name: "QueueName", Value: "${c.names.processingDlq}" }] }, Period: 60, Stat: "Maximum" },`,
      "  }],",
      "}));",
    ].join("\n"),
});
