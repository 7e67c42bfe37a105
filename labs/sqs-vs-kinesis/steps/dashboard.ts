/**
 * Step 8: one CloudWatch dashboard for the queue, the stream and both processors, drawn again on
 * the page from the dashboard's own body.
 */
import { GetDashboardCommand, PutDashboardCommand } from "@aws-sdk/client-cloudwatch";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { parseDashboardBody } from "@/lib/lab-framework/inspect/dashboard/dashboard-body";
import { translateAwsError } from "@/lib/aws/errors";
import { FUNCTION_METRICS_NAMESPACE } from "@/lib/runtime";
import { dashboardFile, messagingDashboard } from "../dashboard-body";
import { DashboardPanel } from "../panels/dashboard-panel";
import type { KinesisLabContext, KinesisLabResources } from "../resources";

/** The metrics the dashboard must show, as "namespace metric dimension=value". */
function expectedMetrics(context: Pick<KinesisLabContext, "names">): string[] {
  const { names } = context;
  const fns = [names.queueProcessor, names.streamProcessor];
  return [
    ...["NumberOfMessagesSent", "NumberOfMessagesReceived", "ApproximateNumberOfMessagesVisible"].map((m) => `AWS/SQS ${m} QueueName=${names.orderQueue}`),
    ...["IncomingRecords", "GetRecords.Records"].map((m) => `AWS/Kinesis ${m} StreamName=${names.analyticsStream}`),
    ...fns.flatMap((fn) => ["Invocations", "Errors", "Duration"].map((m) => `${FUNCTION_METRICS_NAMESPACE} ${m} FunctionName=${fn}`)),
  ];
}

export async function dashboardProblems(context: KinesisLabContext): Promise<string[]> {
  let body: string;
  try {
    ({ DashboardBody: body = "" } = await context.aws.cloudwatch.send(new GetDashboardCommand({ DashboardName: context.names.dashboard }), { abortSignal: context.signal }));
  } catch (error) {
    if (translateAwsError(error).family === "not-found") return [`${context.names.dashboard} does not exist yet.`];
    throw error;
  }
  const parsed = parseDashboardBody(body);
  const shown = new Set(
    parsed.widgets.flatMap((w) => (w.kind === "metric" ? w.metrics.flatMap((m) => (m.metric ? [`${m.metric.namespace} ${m.metric.metricName} ${m.metric.dimensions.map((d) => `${d.Name}=${d.Value}`).join(",")}`] : [])) : [])),
  );
  return expectedMetrics(context)
    .filter((m) => !shown.has(m))
    .map((m) => `The dashboard does not show ${m.replace(/ (\S+)=/, " for $1 ")}.`);
}

export const dashboardStep = defineStep<KinesisLabResources>({
  id: "dashboard",
  title: "One dashboard for both paths",
  explanation: [
    "A CloudWatch dashboard is a JSON body of **widgets**; each metric widget lists metrics as `[namespace, metric, dimension, value, {options}]`. This one has three:",
    "- **SQS**: messages sent and received per minute (Sum) and messages visible (Average), for the order queue, plus what sits in the DLQ.",
    "- **Kinesis**: `IncomingRecords` and `GetRecords.Records`, the records read out. The write-up's `OutgoingRecords` is a **shard-level** metric that only exists once enhanced monitoring is switched on for the stream; at stream level, what consumers read is `GetRecords.Records`.",
    `- **Processors**: invocations, errors and duration of both processors. They run in the workbook, which publishes Lambda's metric names under \`${FUNCTION_METRICS_NAMESPACE}\`; deployed to Lambda the same numbers are under \`AWS/Lambda\`.`,
    "Dashboards have no tags; the prefix in the name keeps yours apart. The page draws the same widgets from the dashboard's own body, so what you see here is what is saved in CloudWatch. AWS metrics arrive once a minute, so give them a minute.",
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources>({
      id: "create-dashboard",
      label: "Create the dashboard",
      async run(context) {
        const body = messagingDashboard(context);
        const result = await context.aws.cloudwatch.send(
          new PutDashboardCommand({ DashboardName: context.names.dashboard, DashboardBody: JSON.stringify(body) }),
          { abortSignal: context.signal },
        );
        const warnings = (result.DashboardValidationMessages ?? []).map((m) => m.Message).filter(Boolean);
        return { message: `Saved ${context.names.dashboard} with ${body.widgets.length} widgets.${warnings.length ? ` CloudWatch noted: ${warnings.join("; ")}` : ""}` };
      },
    }),
  ],
  async check(context) {
    const problems = await dashboardProblems(context);
    if (problems.length) return { passed: false, reason: problems[0], details: problems.slice(1, 4) };
    return { passed: true, reason: `${context.names.dashboard} shows the queue, the stream and both processors.` };
  },
  cli: (c) =>
    [
      "cat > dashboard.json <<'JSON'",
      dashboardFile(messagingDashboard(c)),
      "JSON",
      `aws cloudwatch put-dashboard --dashboard-name ${c.names.dashboard} --dashboard-body file://dashboard.json`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { CloudWatchClient, PutDashboardCommand } from "@aws-sdk/client-cloudwatch";',
      "",
      `const cloudwatch = new CloudWatchClient({ region: "${c.region}" });`,
      "await cloudwatch.send(new PutDashboardCommand({",
      `  DashboardName: "${c.names.dashboard}",`,
      "  DashboardBody: JSON.stringify({",
      "    widgets: [{",
      '      type: "metric", x: 0, y: 0, width: 12, height: 6,',
      "      properties: {",
      '        title: "SQS: order queue", region: "' + c.region + '", period: 60, stat: "Sum",',
      "        metrics: [",
      `          ["AWS/SQS", "NumberOfMessagesSent", "QueueName", "${c.names.orderQueue}"],`,
      '          [".", "NumberOfMessagesReceived", ".", "."],',
      '          [".", "ApproximateNumberOfMessagesVisible", ".", ".", { stat: "Average" }],',
      "        ],",
      "      },",
      "    } /* , the Kinesis and processor widgets */],",
      "  }),",
      "}));",
    ].join("\n"),
  panel: DashboardPanel,
});
