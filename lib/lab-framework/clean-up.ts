/**
 * Clean-up any lab can end with: deletes each of the lab's resources that exists under the
 * student's derived name AND carries this lab's and this student's tags, leaves anything else
 * alone, and says what happened to each. Dashboards carry no tags in CloudWatch, so a dashboard is
 * deleted by its derived name alone. The lab's event source mappings (run by the workbook's
 * runtime, not by AWS) are deleted first, so no worker is left polling a deleted queue.
 */
import { DeleteAlarmsCommand, DeleteDashboardsCommand } from "@aws-sdk/client-cloudwatch";
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { DeleteRoleCommand, DeleteRolePolicyCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { DeleteStreamCommand } from "@aws-sdk/client-kinesis";
import { DeletePipeCommand } from "@aws-sdk/client-pipes";
import { DeleteTopicCommand } from "@aws-sdk/client-sns";
import { DeleteQueueCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { translateAwsError } from "@/lib/aws/errors";
import type { MappingView } from "@/lib/runtime";
import { defineAction, defineStep } from "./define";
import { describeResources } from "./describe-resources";
import { readResourceTags, taggedForLab, topicArn } from "./resource-tags";
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

/** Deletes one resource if it is this lab's; answers what happened. Throws AWS errors as they come. */
async function cleanUpOne(context: LabContext, kind: ResourceKind, name: string): Promise<CleanUpResult> {
  if (!DELETABLE.includes(kind)) return "skipped";
  const reading = await readResourceTags(context, kind, name);
  if (!reading.exists) return "not found";
  // Dashboards carry no tags: deleted by their derived name alone.
  if (reading.tags !== null && !taggedForLab(context, reading.tags)) return "kept: not tagged for this lab";
  const { aws, signal } = context;
  const options = { abortSignal: signal };
  switch (kind) {
    case "sqs-queue": {
      const { QueueUrl } = await aws.sqs.send(new GetQueueUrlCommand({ QueueName: name }), options);
      await aws.sqs.send(new DeleteQueueCommand({ QueueUrl }), options);
      break;
    }
    case "sns-topic":
      await aws.sns.send(new DeleteTopicCommand({ TopicArn: await topicArn(context, name) }), options);
      break;
    case "dynamodb-table":
      await aws.dynamodb.send(new DeleteTableCommand({ TableName: name }), options);
      break;
    case "kinesis-stream":
      await aws.kinesis.send(new DeleteStreamCommand({ StreamName: name }), options);
      break;
    case "pipe":
      await aws.pipes.send(new DeletePipeCommand({ Name: name }), options);
      break;
    case "iam-role": {
      const { PolicyNames = [] } = await aws.iam.send(new ListRolePoliciesCommand({ RoleName: name }), options);
      for (const PolicyName of PolicyNames) await aws.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName }), options);
      await aws.iam.send(new DeleteRoleCommand({ RoleName: name }), options);
      break;
    }
    case "cloudwatch-alarm":
      await aws.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [name] }), options);
      break;
    case "cloudwatch-dashboard":
      await aws.cloudwatch.send(new DeleteDashboardsCommand({ DashboardNames: [name] }), options);
      break;
  }
  return "deleted";
}

const DELETABLE: ResourceKind[] = ["sqs-queue", "sns-topic", "dynamodb-table", "kinesis-stream", "pipe", "iam-role", "cloudwatch-alarm", "cloudwatch-dashboard"];

/** Kinds the workbook runs itself (functions, their triggers): removed through the runtime, not AWS. */
const RUN_BY_WORKBOOK: ResourceKind[] = ["function", "event-source-mapping"];

export async function cleanUpResources(context: LabContext, resources: ResourceMap): Promise<CleanUpEntry[]> {
  const entries = Object.entries(resources)
    .filter(([, spec]) => !RUN_BY_WORKBOOK.includes(spec.kind))
    .sort(([, a], [, b]) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
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

/** The runtime's mappings of this lab, as clean-up entries: "<function> ← <source>". */
function mappingEntries(mappings: MappingView[]): CleanUpEntry[] {
  return mappings.map((m) => ({ name: `trigger ${m.config.functionName} ← ${m.config.eventSourceArn.split(":").slice(5).join(":")}`, kind: "event-source-mapping", result: "deleted" }));
}

async function nothingLeft(context: LabContext, resources: ResourceMap): Promise<CheckResult> {
  const [live, mappings] = await Promise.all([describeResources(context, resources), context.runtime.mappings()]);
  const left = live.filter((r) => r.state !== "missing" && r.state !== "unknown" && r.state !== "deleting").map((r) => r.name);
  if (mappings.length) left.push(`${mappings.length} trigger${mappings.length === 1 ? "" : "s"} of ${mappings.map((m) => m.config.functionName).join(", ")}`);
  return left.length
    ? { passed: false, reason: `${left.length} resource${left.length === 1 ? " is" : "s are"} still there: ${left.join(", ")}.` }
    : { passed: true, reason: "Every resource this lab creates is gone (or being deleted)." };
}

export interface CleanUpStepOptions<R extends ResourceMap> {
  /** Anything else to stop before deleting (the lab's mappings are already gone by then). */
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
          const mappings = mappingEntries(await context.runtime.teardown());
          await options.beforeDelete?.(context);
          const entries = [...mappings, ...(await cleanUpResources(context, resources))];
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
