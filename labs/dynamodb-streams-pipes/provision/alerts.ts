/**
 * The alerts: an SNS topic with an email subscription, and a CloudWatch alarm on the DLQ's
 * ApproximateNumberOfMessagesVisible (maximum over one minute ≥ 1) whose action is the topic.
 * Missing data counts as "not breaching", so a quiet DLQ is OK rather than INSUFFICIENT_DATA.
 */
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand, PutMetricAlarmCommand, type AlarmHistoryItem, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { ConfirmSubscriptionCommand, CreateTopicCommand, ListSubscriptionsByTopicCommand, SubscribeCommand, type Subscription } from "@aws-sdk/client-sns";
import { PlainFailure } from "@/lib/aws/errors";
import { checkOwnership } from "@/lib/lab-framework/ownership";
import { options, partitionOf, type StreamsContext } from "./context";

export async function alertsTopicArn(context: StreamsContext): Promise<string> {
  return `arn:${partitionOf(context.region)}:sns:${context.region}:${await context.accountId()}:${context.names.alertsTopic}`;
}

export async function ensureAlertsTopic(context: StreamsContext): Promise<{ arn: string; created: boolean }> {
  const absent = (await checkOwnership(context, "sns-topic", context.names.alertsTopic)) === "absent";
  // CreateTopic is idempotent: for an existing topic with the same tags it answers its ARN.
  const { TopicArn } = await context.aws.sns.send(new CreateTopicCommand({ Name: context.names.alertsTopic, Tags: context.tagList() }), options(context));
  return { arn: TopicArn ?? (await alertsTopicArn(context)), created: absent };
}

export async function emailSubscriptions(context: StreamsContext, topicArn: string): Promise<Subscription[]> {
  const found: Subscription[] = [];
  let NextToken: string | undefined;
  do {
    const page = await context.aws.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken }), options(context));
    found.push(...(page.Subscriptions ?? []).filter((s) => s.Protocol === "email"));
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

export function isPending(subscription: Subscription): boolean {
  return !subscription.SubscriptionArn || !subscription.SubscriptionArn.startsWith("arn:");
}

/** Subscribes the address unless it already is; AWS mails it a confirmation link. */
export async function ensureEmailSubscription(context: StreamsContext, topicArn: string, email: string): Promise<{ created: boolean; pending: boolean }> {
  const existing = (await emailSubscriptions(context, topicArn)).find((s) => s.Endpoint?.toLowerCase() === email.toLowerCase());
  if (existing) return { created: false, pending: isPending(existing) };
  await context.aws.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "email", Endpoint: email }), options(context));
  return { created: true, pending: true };
}

/** Confirms with the token from the confirmation email (on the local cloud: its outbox). */
export async function confirmSubscription(context: StreamsContext, topicArn: string, token: string): Promise<string> {
  const { SubscriptionArn } = await context.aws.sns.send(new ConfirmSubscriptionCommand({ TopicArn: topicArn, Token: token }), options(context));
  return SubscriptionArn ?? "";
}

export const ALARM_PERIOD_SECONDS = 60;

export function alarmDefinition(context: StreamsContext, topicArn: string) {
  return {
    AlarmName: context.names.dlqAlarm,
    AlarmDescription: `Orders are in ${context.names.processingDlq}: they failed ${3} receives and need a look.`,
    Namespace: "AWS/SQS",
    MetricName: "ApproximateNumberOfMessagesVisible",
    Dimensions: [{ Name: "QueueName", Value: context.names.processingDlq }],
    Statistic: "Maximum" as const,
    Period: ALARM_PERIOD_SECONDS,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: 1,
    ComparisonOperator: "GreaterThanOrEqualToThreshold" as const,
    TreatMissingData: "notBreaching",
    ActionsEnabled: true,
    AlarmActions: [topicArn],
  };
}

export async function ensureDlqAlarm(context: StreamsContext, topicArn: string): Promise<{ created: boolean }> {
  const absent = (await checkOwnership(context, "cloudwatch-alarm", context.names.dlqAlarm)) === "absent";
  // PutMetricAlarm creates or replaces the alarm (keeping its state); tags apply on creation.
  await context.aws.cloudwatch.send(new PutMetricAlarmCommand({ ...alarmDefinition(context, topicArn), Tags: context.tagList() }), options(context));
  return { created: absent };
}

export async function describeDlqAlarm(context: StreamsContext): Promise<MetricAlarm | null> {
  const { MetricAlarms = [] } = await context.aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [context.names.dlqAlarm] }), options(context));
  return MetricAlarms[0] ?? null;
}

/** State changes and actions, newest first. */
export async function alarmHistory(context: StreamsContext, max = 20): Promise<AlarmHistoryItem[]> {
  const { AlarmHistoryItems = [] } = await context.aws.cloudwatch.send(
    new DescribeAlarmHistoryCommand({ AlarmName: context.names.dlqAlarm, MaxRecords: max, ScanBy: "TimestampDescending" }),
    options(context),
  );
  return AlarmHistoryItems;
}

export function requireEmail(email: string): string {
  const trimmed = email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) throw new PlainFailure("InvalidEmail", `"${email}" is not an email address.`, "Type the address the alarm should mail.");
  return trimmed;
}
