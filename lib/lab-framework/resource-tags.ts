/**
 * Reads the tags of a lab resource by its derived name, whatever its kind, so clean-up and the
 * ownership guard judge "is this mine?" the same way. Read-only calls only.
 */
import { DescribeAlarmsCommand, GetDashboardCommand, ListTagsForResourceCommand as ListAlarmTagsCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeTableCommand, ListTagsOfResourceCommand } from "@aws-sdk/client-dynamodb";
import { ListRoleTagsCommand } from "@aws-sdk/client-iam";
import { ListTagsForStreamCommand } from "@aws-sdk/client-kinesis";
import { DescribePipeCommand } from "@aws-sdk/client-pipes";
import { ListTagsForResourceCommand as ListTopicTagsCommand } from "@aws-sdk/client-sns";
import { GetQueueUrlCommand, ListQueueTagsCommand } from "@aws-sdk/client-sqs";
import { translateAwsError } from "@/lib/aws/errors";
import type { LabContext, ResourceKind } from "./types";

export type Tags = Record<string, string | undefined>;

/** A resource's tags, `exists: false` when there is none, `tags: null` for a kind that has no tags (dashboards). */
export type TagReading = { exists: true; tags: Tags } | { exists: false } | { exists: true; tags: null };

function fromList(list: Array<{ Key?: string; Value?: string }> | undefined): Tags {
  return Object.fromEntries((list ?? []).map((t) => [t.Key ?? "", t.Value]));
}

export function partitionOf(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

export async function topicArn(context: LabContext, name: string): Promise<string> {
  return `arn:${partitionOf(context.region)}:sns:${context.region}:${await context.accountId()}:${name}`;
}

/** True when the tags are this lab's and this student's. */
export function taggedForLab(context: Pick<LabContext, "tags">, tags: Tags): boolean {
  return tags.Project === context.tags.Project && tags.Lab === context.tags.Lab && tags.Student === context.tags.Student;
}

async function read(context: LabContext, kind: ResourceKind, name: string): Promise<Tags | null> {
  const { aws, signal } = context;
  const options = { abortSignal: signal };
  switch (kind) {
    case "sqs-queue": {
      const { QueueUrl } = await aws.sqs.send(new GetQueueUrlCommand({ QueueName: name }), options);
      const { Tags } = await aws.sqs.send(new ListQueueTagsCommand({ QueueUrl }), options);
      return Tags ?? {};
    }
    case "sns-topic": {
      const { Tags } = await aws.sns.send(new ListTopicTagsCommand({ ResourceArn: await topicArn(context, name) }), options);
      return fromList(Tags);
    }
    case "dynamodb-table": {
      const { Table } = await aws.dynamodb.send(new DescribeTableCommand({ TableName: name }), options);
      const { Tags } = await aws.dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: Table?.TableArn }), options);
      return fromList(Tags);
    }
    case "kinesis-stream": {
      const { Tags } = await aws.kinesis.send(new ListTagsForStreamCommand({ StreamName: name }), options);
      return fromList(Tags);
    }
    case "pipe": {
      const pipe = await aws.pipes.send(new DescribePipeCommand({ Name: name }), options);
      return pipe.Tags ?? {};
    }
    case "iam-role": {
      const { Tags } = await aws.iam.send(new ListRoleTagsCommand({ RoleName: name }), options);
      return fromList(Tags);
    }
    case "cloudwatch-alarm": {
      const { MetricAlarms = [] } = await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }), options);
      const alarm = MetricAlarms[0];
      if (!alarm) throw Object.assign(new Error(`No alarm ${name}.`), { name: "ResourceNotFound" });
      const { Tags } = await aws.cloudwatch.send(new ListAlarmTagsCommand({ ResourceARN: alarm.AlarmArn }), options);
      return fromList(Tags);
    }
    case "cloudwatch-dashboard":
      // Dashboards carry no tags in CloudWatch: whether it exists is all there is to know.
      await aws.cloudwatch.send(new GetDashboardCommand({ DashboardName: name }), options);
      return null;
    default:
      return null;
  }
}

/** Reads a resource's tags; "not found" of any service is `{ exists: false }`, other errors are thrown. */
export async function readResourceTags(context: LabContext, kind: ResourceKind, name: string): Promise<TagReading> {
  try {
    const tags = await read(context, kind, name);
    return { exists: true, tags };
  } catch (error) {
    const family = translateAwsError(error, { region: context.region }).family;
    if (family === "not-found" || family === "queue-not-found") return { exists: false };
    throw error;
  }
}
