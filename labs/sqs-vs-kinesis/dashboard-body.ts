/**
 * The lab's CloudWatch dashboard: the order queue (sent, received, visible) and its DLQ, the
 * stream (records in, and records read out), and both processors (invocations, errors,
 * duration). The processors run in the workbook's runtime, which publishes Lambda's metric names
 * under MessagingLabs/Functions; deployed to Lambda they would be under AWS/Lambda.
 */
import { FUNCTION_METRICS_NAMESPACE } from "@/lib/runtime/metrics/function-metrics";
import type { KinesisLabSnippets } from "./resources";

type Metric = Array<string | Record<string, string | number | boolean>>;

export interface DashboardBody {
  start: string;
  widgets: Array<{ type: "metric"; x: number; y: number; width: number; height: number; properties: Record<string, unknown> }>;
}

export const DASHBOARD_TITLES = { queue: "SQS: order queue", stream: "Kinesis: analytics stream", workers: "Processors" } as const;

export function messagingDashboard(c: Pick<KinesisLabSnippets, "names" | "region">): DashboardBody {
  const queue = ["AWS/SQS", "NumberOfMessagesSent", "QueueName", c.names.orderQueue];
  const sqsMetrics: Metric[] = [
    [...queue, { label: "sent", stat: "Sum" }],
    [".", "NumberOfMessagesReceived", ".", ".", { label: "received", stat: "Sum" }],
    [".", "ApproximateNumberOfMessagesVisible", ".", ".", { label: "visible", stat: "Average" }],
    ["...", c.names.orderDlq, { label: "visible in the DLQ", stat: "Maximum" }],
  ];
  const streamMetrics: Metric[] = [
    ["AWS/Kinesis", "IncomingRecords", "StreamName", c.names.analyticsStream, { label: "records in", stat: "Sum" }],
    [".", "GetRecords.Records", ".", ".", { label: "records read (GetRecords.Records)", stat: "Sum" }],
  ];
  const fn = (metricName: string, name: string, label: string, stat: string): Metric => [FUNCTION_METRICS_NAMESPACE, metricName, "FunctionName", name, { label, stat }];
  const workerMetrics: Metric[] = [
    fn("Invocations", c.names.queueProcessor, "queue: invocations", "Sum"),
    fn("Errors", c.names.queueProcessor, "queue: errors", "Sum"),
    fn("Duration", c.names.queueProcessor, "queue: duration ms", "Average"),
    fn("Invocations", c.names.streamProcessor, "stream: invocations", "Sum"),
    fn("Errors", c.names.streamProcessor, "stream: errors", "Sum"),
    fn("Duration", c.names.streamProcessor, "stream: duration ms", "Average"),
  ];
  const common = { region: c.region, period: 60 };
  return {
    start: "-PT1H",
    widgets: [
      { type: "metric", x: 0, y: 0, width: 12, height: 6, properties: { ...common, title: DASHBOARD_TITLES.queue, view: "timeSeries", stat: "Sum", metrics: sqsMetrics } },
      { type: "metric", x: 12, y: 0, width: 12, height: 6, properties: { ...common, title: DASHBOARD_TITLES.stream, view: "timeSeries", stat: "Sum", metrics: streamMetrics } },
      { type: "metric", x: 0, y: 6, width: 24, height: 4, properties: { ...common, title: DASHBOARD_TITLES.workers, view: "singleValue", setPeriodToTimeRange: true, stat: "Sum", metrics: workerMetrics } },
    ],
  };
}

/** The body as a file a person can read: one line per widget's settings, one per metric. */
export function dashboardFile(body: DashboardBody): string {
  const lines = [`{"start":${JSON.stringify(body.start)},"widgets":[`];
  body.widgets.forEach((widget, i) => {
    const { metrics, ...properties } = widget.properties as { metrics: unknown[] } & Record<string, unknown>;
    const head = JSON.stringify({ ...widget, properties: { ...properties, metrics: [] } }).replace(/\]\}\}$/, "");
    lines.push(`  ${head}`);
    metrics.forEach((metric, j) => lines.push(`    ${JSON.stringify(metric)}${j < metrics.length - 1 ? "," : ""}`));
    lines.push(`  ]}}${i < body.widgets.length - 1 ? "," : ""}`);
  });
  lines.push("]}");
  return lines.join("\n");
}
