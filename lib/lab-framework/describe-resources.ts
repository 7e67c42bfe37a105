/**
 * The generic live panel: what each of a lab's resources holds right now, read with the same
 * read-only API calls a student would make (never a receive, so looking changes nothing).
 */
import { DescribeAlarmsCommand, GetDashboardCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeTableCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { DescribePipeCommand } from "@aws-sdk/client-pipes";
import { GetTopicAttributesCommand } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { translateAwsError } from "@/lib/aws/errors";
import type { LabContext, LiveResource, ResourceMap, ResourceSpec } from "./types";

type Described = Omit<LiveResource, "key" | "kind" | "name">;

const ITEM_COUNT_LIMIT = 1000;

async function describeQueue(context: LabContext, name: string): Promise<Described> {
  const { QueueUrl } = await context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal: context.signal });
  const { Attributes = {} } = await context.aws.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
    }),
    { abortSignal: context.signal },
  );
  const figures = [
    { label: "visible", value: Number(Attributes.ApproximateNumberOfMessages ?? 0) },
    { label: "in flight", value: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) },
  ];
  const delayed = Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
  if (delayed > 0) figures.push({ label: "delayed", value: delayed });
  return { state: "ready", figures };
}

async function describeTable(context: LabContext, name: string): Promise<Described> {
  const { Table } = await context.aws.dynamodb.send(new DescribeTableCommand({ TableName: name }), { abortSignal: context.signal });
  const status = Table?.TableStatus;
  if (status === "CREATING") return { state: "creating", figures: [] };
  if (status === "DELETING") return { state: "deleting", figures: [] };
  // ItemCount is refreshed only every few hours on AWS; a counting scan of a lab-sized table is exact and cheap.
  const { Count = 0, LastEvaluatedKey } = await context.aws.dynamodb.send(
    new ScanCommand({ TableName: name, Select: "COUNT", Limit: ITEM_COUNT_LIMIT }),
    { abortSignal: context.signal },
  );
  const figures: Described["figures"] = [{ label: "items", value: LastEvaluatedKey ? `${Count}+` : Count }];
  if (Table?.StreamSpecification?.StreamEnabled) figures.push({ label: "stream", value: Table.StreamSpecification.StreamViewType ?? "on" });
  return { state: "ready", figures };
}

async function describeStream(context: LabContext, name: string): Promise<Described> {
  const { StreamDescriptionSummary: s } = await context.aws.kinesis.send(
    new DescribeStreamSummaryCommand({ StreamName: name }),
    { abortSignal: context.signal },
  );
  if (s?.StreamStatus === "CREATING") return { state: "creating", figures: [] };
  if (s?.StreamStatus === "DELETING") return { state: "deleting", figures: [] };
  return {
    state: "ready",
    figures: [
      { label: "shards", value: s?.OpenShardCount ?? 0 },
      { label: "retention h", value: s?.RetentionPeriodHours ?? 24 },
    ],
  };
}

async function describeTopic(context: LabContext, name: string): Promise<Described> {
  const account = await context.accountId();
  const partition = context.region.startsWith("cn-") ? "aws-cn" : context.region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  const { Attributes = {} } = await context.aws.sns.send(
    new GetTopicAttributesCommand({ TopicArn: `arn:${partition}:sns:${context.region}:${account}:${name}` }),
    { abortSignal: context.signal },
  );
  const figures: Described["figures"] = [{ label: "subscriptions", value: Number(Attributes.SubscriptionsConfirmed ?? 0) }];
  const pending = Number(Attributes.SubscriptionsPending ?? 0);
  if (pending > 0) figures.push({ label: "pending", value: pending });
  return { state: "ready", figures };
}

async function describePipe(context: LabContext, name: string): Promise<Described> {
  const pipe = await context.aws.pipes.send(new DescribePipeCommand({ Name: name }), { abortSignal: context.signal });
  const current = pipe.CurrentState ?? "UNKNOWN";
  const state = current.startsWith("CREAT") ? "creating" : current.startsWith("DELET") ? "deleting" : current.endsWith("FAILED") ? "error" : "ready";
  return { state, figures: [{ label: "state", value: current.toLowerCase().replace(/_/g, " ") }] };
}

async function describeRole(context: LabContext, name: string): Promise<Described> {
  await context.aws.iam.send(new GetRoleCommand({ RoleName: name }), { abortSignal: context.signal });
  return { state: "ready", figures: [] };
}

async function describeAlarm(context: LabContext, name: string): Promise<Described> {
  const { MetricAlarms = [] } = await context.aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }), {
    abortSignal: context.signal,
  });
  const alarm = MetricAlarms[0];
  if (!alarm) return { state: "missing", figures: [] };
  return { state: "ready", figures: [{ label: "state", value: (alarm.StateValue ?? "INSUFFICIENT_DATA").toLowerCase().replace(/_/g, " ") }] };
}

async function describeDashboard(context: LabContext, name: string): Promise<Described> {
  await context.aws.cloudwatch.send(new GetDashboardCommand({ DashboardName: name }), { abortSignal: context.signal });
  return { state: "ready", figures: [] };
}

async function describeOne(context: LabContext, spec: ResourceSpec, name: string): Promise<Described> {
  switch (spec.kind) {
    case "sqs-queue":
      return describeQueue(context, name);
    case "dynamodb-table":
      return describeTable(context, name);
    case "kinesis-stream":
      return describeStream(context, name);
    case "sns-topic":
      return describeTopic(context, name);
    case "pipe":
      return describePipe(context, name);
    case "iam-role":
      return describeRole(context, name);
    case "cloudwatch-alarm":
      return describeAlarm(context, name);
    case "cloudwatch-dashboard":
      return describeDashboard(context, name);
    default:
      return { state: "unknown", figures: [], note: "Shown in the lab's own panel." };
  }
}

export async function describeResources(context: LabContext, resources: ResourceMap): Promise<LiveResource[]> {
  const entries = Object.entries(resources).filter(([, spec]) => spec.listed !== false);
  return Promise.all(
    entries.map(async ([key, spec]): Promise<LiveResource> => {
      const name = context.names[key];
      try {
        return { key, kind: spec.kind, name, ...(await describeOne(context, spec, name)) };
      } catch (error) {
        const friendly = translateAwsError(error, { region: context.region, subject: name });
        if (friendly.family === "not-found" || friendly.family === "queue-not-found") {
          return { key, kind: spec.kind, name, state: "missing", figures: [] };
        }
        if (friendly.family === "unsupported") {
          return { key, kind: spec.kind, name, state: "unknown", figures: [], note: "This endpoint does not offer this service." };
        }
        return { key, kind: spec.kind, name, state: "error", figures: [], note: friendly.message };
      }
    }),
  );
}
