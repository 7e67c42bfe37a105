import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { graphData } from "@/lib/lab-framework/inspect/metric-graphs";
import type { AnyLab } from "@/lib/lab-framework/types";
import { graphs } from "../graphs";
import { MetricsPanel } from "../panels/metrics-panel";
import type { CafeResources } from "../resources";

const WINDOW_MINUTES = 180;

function total(points: Array<[number, number]> | undefined): number {
  return (points ?? []).reduce((sum, [, v]) => sum + v, 0);
}

export const metricsStep = defineStep<CafeResources>({
  id: "metrics",
  title: "Metrics",
  explanation: [
    "Logs tell you about one order; metrics tell you whether the pipeline is healthy. SQS publishes a queue's metrics to CloudWatch once a minute (on AWS they can show up a few minutes late). The write-up watches four:",
    "- **NumberOfMessagesSent** goes up with every order the API accepts.\n- **NumberOfMessagesReceived** goes up as the worker (or anyone) receives them — more than sent means retries.\n- **NumberOfMessagesDeleted** goes up as the worker finishes them: it should match sent.\n- **ApproximateNumberOfMessagesVisible** is the backlog: near 0 when the worker keeps up.",
    "The worker's **Invocations** and **Errors** come from the workbook's runtime (Lambda publishes the same in `AWS/Lambda`). If received and deleted rise with sent and errors stay flat, the pipeline is healthy. The forced failures show up as extra receives and errors. On the local cloud, fast-forward a minute to see the next point.",
  ].join("\n\n"),
  panel: MetricsPanel,
  actions: [
    defineAction<CafeResources>({
      id: "publish-worker-metrics",
      label: "Publish the worker's metrics now",
      tone: "secondary",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        await context.runtime.flushMetrics();
        return { message: "Published the worker's metrics (the runtime also does so every 15 seconds)." };
      },
    }),
  ],
  async check(context) {
    const lab = { graphs } as unknown as AnyLab;
    const [traffic, worker] = await Promise.all([graphData(context, lab, "queue-traffic", WINDOW_MINUTES), graphData(context, lab, "worker-health", WINDOW_MINUTES)]);
    const sent = total(traffic?.series.find((s) => s.id === "sent")?.points);
    const received = total(traffic?.series.find((s) => s.id === "received")?.points);
    const deleted = total(traffic?.series.find((s) => s.id === "deleted")?.points);
    const invocations = total(worker?.series.find((s) => s.id === "invocations")?.points);
    const errors = total(worker?.series.find((s) => s.id === "errors")?.points);
    const details = [`Sent ${sent}, received ${received}, deleted ${deleted} in the last 3 hours.`, `Worker: ${invocations} invocations, ${errors} errors.`];
    if (sent === 0) return { passed: false, reason: "CloudWatch has no sent messages for the queue yet. Metrics come once a minute: fast-forward a minute on the local cloud, or wait up to 5 minutes on AWS.", details };
    if (deleted === 0 || invocations === 0) return { passed: false, reason: "Orders were sent but CloudWatch shows none processed yet: is the trigger on? Give the metrics a minute.", details };
    return { passed: true, reason: "CloudWatch shows orders sent, received and deleted, and the worker's invocations.", details };
  },
  cli: (c) =>
    [
      "aws cloudwatch get-metric-statistics --namespace AWS/SQS --metric-name NumberOfMessagesSent \\",
      `  --dimensions Name=QueueName,Value=${c.names.ordersQueue} --statistics Sum --period 60 \\`,
      '  --start-time "$(date -u -d "-1 hour" +%Y-%m-%dT%H:%M:%SZ)" --end-time "$(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    ].join("\n"),
  sdk: (c) =>
    [
      'import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";',
      "",
      `const cloudwatch = new CloudWatchClient({ region: "${c.region}" });`,
      "const metric = (id, name) => ({ Id: id, MetricStat: { Period: 60, Stat: \"Sum\",",
      `  Metric: { Namespace: "AWS/SQS", MetricName: name, Dimensions: [{ Name: "QueueName", Value: "${c.names.ordersQueue}" }] } } });`,
      "const { MetricDataResults } = await cloudwatch.send(new GetMetricDataCommand({",
      "  StartTime: new Date(Date.now() - 3600_000), EndTime: new Date(),",
      '  MetricDataQueries: [metric("sent", "NumberOfMessagesSent"), metric("received", "NumberOfMessagesReceived"), metric("deleted", "NumberOfMessagesDeleted")],',
      "}));",
    ].join("\n"),
});
