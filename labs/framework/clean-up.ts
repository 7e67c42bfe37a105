/**
 * Clean-up any lab can end with: deletes each of the lab's resources that exists under the
 * student's derived name AND carries this lab's and this student's tags, leaves anything else
 * alone, and says what happened to each. Dashboards carry no tags in CloudWatch, so a dashboard is
 * deleted by its derived name alone. Resources the runtime runs (functions, event source mappings)
 * are stopped by the lab itself, through `beforeDelete`.
 */
import { DeleteAlarmsCommand, DeleteDashboardsCommand, DescribeAlarmsCommand, GetDashboardCommand, ListTagsForResourceCommand as ListAlarmTagsCommand } from "@aws-sdk/client-cloudwatch";
import { DeleteTableCommand, DescribeTableCommand, ListTagsOfResourceCommand } from "@aws-sdk/client-dynamodb";
import { DeleteRoleCommand, DeleteRolePolicyCommand, ListRolePoliciesCommand, ListRoleTagsCommand } from "@aws-sdk/client-iam";
import { DeleteStreamCommand, ListTagsForStreamCommand } from "@aws-sdk/client-kinesis";
import { DeletePipeCommand, DescribePipeCommand } from "@aws-sdk/client-pipes";
import { DeleteTopicCommand, ListTagsForResourceCommand as ListTopicTagsCommand } from "@aws-sdk/client-sns";
import { DeleteQueueCommand, GetQueueUrlCommand, ListQueueTagsCommand } from "@aws-sdk/client-sqs";
import { translateAwsError } from "@/lib/aws/errors";
import { defineAction, defineStep } from "./define";
import { describeResources } from "./describe-resources";
import type { CheckResult, LabContext, LabStep, ResourceKind, ResourceMap } from "./types";

export type CleanUpResult = "deleted" | "not found" | "kept: not tagged for this lab" | "skipped" | `failed: ${string}`;

export interface CleanUpEntry {
  name: string;
  kind: ResourceKind;
  result: CleanUpResult;
}

/** Dependants before what they depend on: a pipe before its queues and role, an alarm before its topic. */
const ORDER: ResourceKind[] = [
  "pipe",
  "cloudwatch-alarm",
  "cloudwatch-dashboard",
  "sns-subscription",
  "sns-topic",
  "sqs-queue",
  "dynamodb-table",
  "kinesis-stream",
  "iam-role",
  "function",
  "event-source-mapping",
];

type Tags = Record<string, string | undefined>;

function ours(context: LabContext, tags: Tags): boolean {
  return tags.Project === context.tags.Project && tags.Lab === context.tags.Lab && tags.Student === context.tags.Student;
}

function fromList(list: Array<{ Key?: string; Value?: string }> | undefined): Tags {
  return Object.fromEntries((list ?? []).map((t) => [t.Key ?? "", t.Value]));
}

function partition(context: LabContext): string {
  return context.region.startsWith("cn-") ? "aws-cn" : context.region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/** Deletes one resource if it is this lab's; answers what happened. Throws AWS errors as they come. */
async function cleanUpOne(context: LabContext, kind: ResourceKind, name: string): Promise<CleanUpResult> {
  const { aws, signal } = context;
  const options = { abortSignal: signal };
  switch (kind) {
    case "sqs-queue": {
      const { QueueUrl } = await aws.sqs.send(new GetQueueUrlCommand({ QueueName: name }), options);
      const { Tags } = await aws.sqs.send(new ListQueueTagsCommand({ QueueUrl }), options);
      if (!ours(context, Tags ?? {})) return "kept: not tagged for this lab";
      await aws.sqs.send(new DeleteQueueCommand({ QueueUrl }), options);
      return "deleted";
    }
    case "sns-topic": {
      const arn = `arn:${partition(context)}:sns:${context.region}:${await context.accountId()}:${name}`;
      const { Tags } = await aws.sns.send(new ListTopicTagsCommand({ ResourceArn: arn }), options);
      if (!ours(context, fromList(Tags))) return "kept: not tagged for this lab";
      await aws.sns.send(new DeleteTopicCommand({ TopicArn: arn }), options);
      return "deleted";
    }
    case "dynamodb-table": {
      const { Table } = await aws.dynamodb.send(new DescribeTableCommand({ TableName: name }), options);
      const { Tags } = await aws.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: Table?.TableArn }), options);
      if (!ours(context, fromList(Tags))) return "kept: not tagged for this lab";
      await aws.dynamodb.send(new DeleteTableCommand({ TableName: name }), options);
      return "deleted";
    }
    case "kinesis-stream": {
      const { Tags } = await aws.kinesis.send(new ListTagsForStreamCommand({ StreamName: name }), options);
      if (!ours(context, fromList(Tags))) return "kept: not tagged for this lab";
      await aws.kinesis.send(new DeleteStreamCommand({ StreamName: name }), options);
      return "deleted";
    }
    case "pipe": {
      const pipe = await aws.pipes.send(new DescribePipeCommand({ Name: name }), options);
      if (!ours(context, pipe.Tags ?? {})) return "kept: not tagged for this lab";
      await aws.pipes.send(new DeletePipeCommand({ Name: name }), options);
      return "deleted";
    }
    case "iam-role": {
      const { Tags } = await aws.iam.send(new ListRoleTagsCommand({ RoleName: name }), options);
      if (!ours(context, fromList(Tags))) return "kept: not tagged for this lab";
      const { PolicyNames = [] } = await aws.iam.send(new ListRolePoliciesCommand({ RoleName: name }), options);
      for (const PolicyName of PolicyNames) await aws.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName }), options);
      await aws.iam.send(new DeleteRoleCommand({ RoleName: name }), options);
      return "deleted";
    }
    case "cloudwatch-alarm": {
      const { MetricAlarms = [] } = await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }), options);
      const alarm = MetricAlarms[0];
      if (!alarm) return "not found";
      const { Tags } = await aws.cloudwatch.send(new ListAlarmTagsCommand({ ResourceARN: alarm.AlarmArn }), options);
      if (!ours(context, fromList(Tags))) return "kept: not tagged for this lab";
      await aws.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [name] }), options);
      return "deleted";
    }
    case "cloudwatch-dashboard": {
      await aws.cloudwatch.send(new GetDashboardCommand({ DashboardName: name }), options);
      await aws.cloudwatch.send(new DeleteDashboardsCommand({ DashboardNames: [name] }), options);
      return "deleted";
    }
    default:
      return "skipped";
  }
}

export async function cleanUpResources(context: LabContext, resources: ResourceMap): Promise<CleanUpEntry[]> {
  const entries = Object.entries(resources).sort(([, a], [, b]) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const results: CleanUpEntry[] = [];
  for (const [key, spec] of entries) {
    const name = context.names[key];
    let result: CleanUpResult;
    try {
      result = await cleanUpOne(context, spec.kind, name);
    } catch (error) {
      const friendly = translateAwsError(error, { region: context.region, subject: name });
      result = friendly.family === "not-found" || friendly.family === "queue-not-found" ? "not found" : `failed: ${friendly.message}`;
    }
    results.push({ name, kind: spec.kind, result });
  }
  return results;
}

function summary(entries: CleanUpEntry[]): string {
  const deleted = entries.filter((e) => e.result === "deleted").map((e) => e.name);
  const kept = entries.filter((e) => e.result.startsWith("kept")).map((e) => e.name);
  const failed = entries.filter((e) => e.result.startsWith("failed"));
  const parts = [deleted.length ? `Deleted ${deleted.join(", ")}.` : "Nothing of this lab's was left to delete."];
  if (kept.length) parts.push(`Kept ${kept.join(", ")}: not tagged for this lab and prefix.`);
  if (failed.length) parts.push(`Could not delete ${failed.map((f) => `${f.name} (${f.result.slice(8)})`).join("; ")}.`);
  return parts.join(" ");
}

async function nothingLeft(context: LabContext, resources: ResourceMap): Promise<CheckResult> {
  const live = await describeResources(context, resources);
  const left = live.filter((r) => r.state !== "missing" && r.state !== "unknown" && r.state !== "deleting");
  return left.length
    ? { passed: false, reason: `${left.length} resource${left.length === 1 ? " is" : "s are"} still there: ${left.map((r) => r.name).join(", ")}.` }
    : { passed: true, reason: "Every resource this lab creates is gone (or being deleted)." };
}

export interface CleanUpStepOptions<R extends ResourceMap> {
  /** Stops what the runtime runs for this lab (mappings, pipes' consumers) before deleting. */
  beforeDelete?(context: LabContext<R>): Promise<void>;
}

/** A last step: delete what this lab created for this student, listing what was deleted. */
export function cleanUpStep<R extends ResourceMap>(resources: R, options: CleanUpStepOptions<R> = {}): LabStep<R> {
  return defineStep<R>({
    id: "clean-up",
    title: "Clean up",
    explanation: [
      "Delete everything this lab created, so nothing keeps costing money on AWS.",
      "The workbook finds each resource by the name your prefix gives it and deletes it only if it carries this lab's tags (`Lab` and `Student`). Anything else with a similar name is left alone and listed.",
    ].join("\n\n"),
    actions: [
      defineAction<R>({
        id: "delete-everything",
        label: "Delete this lab's resources",
        tone: "danger",
        confirm: "Delete every resource this lab created for your prefix?",
        async run(context) {
          await options.beforeDelete?.(context);
          const entries = await cleanUpResources(context, resources);
          return { message: summary(entries), data: entries.map((e) => ({ name: e.name, kind: e.kind, result: e.result })) };
        },
      }),
    ],
    check: (context) => nothingLeft(context, resources),
    cli: (c) => {
      const lines: string[] = [];
      for (const [key, spec] of Object.entries(resources)) {
        const name = c.names[key];
        if (spec.kind === "sqs-queue") lines.push(`aws sqs delete-queue --queue-url "$(aws sqs get-queue-url --queue-name ${name} --query QueueUrl --output text)"`);
        if (spec.kind === "sns-topic") lines.push(`aws sns delete-topic --topic-arn arn:aws:sns:${c.region}:<account>:${name}`);
        if (spec.kind === "dynamodb-table") lines.push(`aws dynamodb delete-table --table-name ${name}`);
        if (spec.kind === "kinesis-stream") lines.push(`aws kinesis delete-stream --stream-name ${name}`);
        if (spec.kind === "pipe") lines.push(`aws pipes delete-pipe --name ${name}`);
        if (spec.kind === "cloudwatch-alarm") lines.push(`aws cloudwatch delete-alarms --alarm-names ${name}`);
        if (spec.kind === "cloudwatch-dashboard") lines.push(`aws cloudwatch delete-dashboards --dashboard-names ${name}`);
        if (spec.kind === "iam-role") lines.push(`aws iam delete-role --role-name ${name}   # after delete-role-policy for each inline policy`);
      }
      lines.push(`aws resourcegroupstaggingapi get-resources --tag-filters Key=Lab,Values=${c.labId} Key=Student,Values=${c.prefix}`);
      return lines.join("\n");
    },
    sdk: (c) =>
      [
        'import { ListQueueTagsCommand, DeleteQueueCommand } from "@aws-sdk/client-sqs";',
        "",
        "// For each resource: read its tags, delete it only if they are this lab's and yours.",
        "const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl }));",
        `if (Tags?.Lab === "${c.labId}" && Tags?.Student === "${c.prefix}") {`,
        "  await sqs.send(new DeleteQueueCommand({ QueueUrl }));",
        "}",
      ].join("\n"),
  });
}
