import { z } from "zod";
import { PlainFailure } from "@/lib/aws/errors";
import { canInspect, readInspection } from "@/lib/lab-framework/inspect/stream/local-cloud-inspection";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { AlertsPanel } from "../panels/alerts-panel";
import { sendOrder } from "../demo-run";
import {
  alarmHistory,
  alertsTopicArn,
  confirmSubscription,
  describeDlqAlarm,
  emailSubscriptions,
  ensureAlertsTopic,
  ensureDlqAlarm,
  ensureEmailSubscription,
  isPending,
  requireEmail,
} from "../provision/alerts";
import type { StreamsContext } from "../provision/context";
import { emptyDlq, queueUrl } from "../provision/queues";
import type { StreamsResources } from "../resources";
import { SAMPLE_KINDS } from "./order-worker";

export interface OutboxEmail {
  id: string;
  sentAt: string;
  to: string;
  kind: "SubscriptionConfirmation" | "Notification";
  topicArn: string;
  subject: string;
  body: string;
  token?: string;
}

/** What SNS would have mailed for the alerts topic (local cloud only; empty elsewhere). */
export async function alertsOutbox(context: StreamsContext): Promise<OutboxEmail[] | null> {
  if (!canInspect(context)) return null;
  const { emails } = await readInspection<{ emails: OutboxEmail[] }>(context, "sns/outbox", { topic: context.names.alertsTopic });
  return emails;
}

const alertParams = z.object({ email: z.string().trim().min(3, "Type an email address.").max(254) }).strict();

export const alertsStep = defineStep<StreamsResources>({
  id: "alerts",
  title: "An alarm on the DLQ",
  explanation: [
    "A DLQ nobody looks at is a slow leak: orders pile up there and customers wait. So the last piece is an alarm that tells a person as soon as anything arrives.",
    "SQS publishes **ApproximateNumberOfMessagesVisible** for every queue to CloudWatch each minute. The alarm `order-processing-alarm` watches the DLQ's value: the **maximum over one minute ≥ 1**, one period out of one. Missing data counts as not breaching, so an idle DLQ reads OK. When the alarm moves to ALARM, its action publishes to the SNS topic `order-processing-alerts`, which mails every confirmed email subscription.",
    "An email subscription has to be confirmed before SNS mails it: AWS sends a message with a link first, so nobody can subscribe someone else's address. On the local cloud nothing leaves the machine: the mail lands in the outbox below, where you can confirm it.",
    "Then break something: empty the DLQ so the alarm starts from OK, send a FAIL order and follow it. Three receives later it is in the DLQ; at the next minute's evaluation the alarm goes OK → ALARM, the history records why, and the notification arrives. Fast-forward the local cloud's clock to skip the waits.",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources, typeof alertParams>({
      id: "create-alerts",
      label: "Create the topic, the subscription and the alarm",
      panelOnly: true,
      params: alertParams,
      fields: [{ name: "email", label: "Email for the alerts", type: "text", defaultValue: "ops@example.com", help: "on AWS, a mailbox you can open" }],
      async run(context, params) {
        const email = requireEmail(params.email);
        if (!(await queueUrl(context, "processingDlq"))) throw new PlainFailure("DlqMissing", `${context.names.processingDlq} does not exist yet.`, "Create the queues first.");
        const topic = await ensureAlertsTopic(context);
        const subscription = await ensureEmailSubscription(context, topic.arn, email);
        const alarm = await ensureDlqAlarm(context, topic.arn);
        const parts = [
          topic.created ? `Created ${context.names.alertsTopic}.` : `${context.names.alertsTopic} was there already.`,
          subscription.created ? `Subscribed ${email}: confirm it from the email.` : subscription.pending ? `${email} is still waiting for confirmation.` : `${email} is subscribed.`,
          alarm.created ? `Created ${context.names.dlqAlarm}.` : `Updated ${context.names.dlqAlarm}.`,
        ];
        return { message: parts.join(" ") };
      },
    }),
    defineAction<StreamsResources>({
      id: "confirm-subscription",
      label: "Confirm the subscription from the outbox",
      panelOnly: true,
      tone: "secondary",
      async run(context) {
        const outbox = await alertsOutbox(context);
        if (outbox === null) {
          throw new PlainFailure("ConfirmByEmail", "On AWS the confirmation is a link in the email AWS sent.", "Open the email from AWS Notifications and click Confirm subscription; the page shows it within a minute.");
        }
        const confirmation = outbox.filter((m) => m.kind === "SubscriptionConfirmation" && m.token).at(-1);
        if (!confirmation?.token) throw new PlainFailure("NoConfirmation", "The outbox holds no confirmation message for the topic.", "Create the subscription first.");
        const arn = await confirmSubscription(context, await alertsTopicArn(context), confirmation.token);
        return { message: `Confirmed the subscription of ${confirmation.to} (${arn}).` };
      },
    }),
    defineAction<StreamsResources>({
      id: "empty-dlq",
      label: "Empty the DLQ",
      panelOnly: true,
      tone: "secondary",
      description: "So the alarm can start from OK: it reads the DLQ's count each minute.",
      async run(context) {
        const purged = await emptyDlq(context);
        return { message: purged ? `Purged ${purged} message${purged === 1 ? "" : "s"} from ${context.names.processingDlq}; the next evaluation should read OK.` : `${context.names.processingDlq} was already empty.` };
      },
    }),
    defineAction<StreamsResources>({
      id: "send-fail-order",
      label: "Send a FAIL order",
      panelOnly: true,
      tone: "secondary",
      async run(context) {
        const order = await sendOrder(context, SAMPLE_KINDS.fail);
        return { message: `Sent order ${order.orderId} whose notes contain FAIL; it reaches the DLQ after three receives.` };
      },
    }),
  ],
  panel: AlertsPanel,
  async check(context) {
    const alarm = await describeDlqAlarm(context);
    if (!alarm) return { passed: false, reason: `${context.names.dlqAlarm} does not exist yet: create the alerts first.` };
    const topicArn = await alertsTopicArn(context);
    if (!alarm.AlarmActions?.includes(topicArn)) return { passed: false, reason: `The alarm's action is not ${context.names.alertsTopic}: create the alerts again.` };
    const subscriptions = await emailSubscriptions(context, topicArn).catch(() => []);
    if (subscriptions.length === 0) return { passed: false, reason: `${context.names.alertsTopic} has no email subscription: create the alerts with your address.` };
    if (subscriptions.every(isPending)) return { passed: false, reason: "The email subscription is not confirmed yet: confirm it (the link in the email, or the outbox on the local cloud)." };
    const history = await alarmHistory(context, 50);
    const toAlarm = history.find((h) => h.HistoryItemType === "StateUpdate" && /to ALARM/.test(h.HistorySummary ?? ""));
    if (!toAlarm) {
      return { passed: false, reason: `${context.names.dlqAlarm} is ${alarm.StateValue}; it has not gone to ALARM yet. Send a FAIL order and fast-forward (or wait) until it reaches the DLQ and the next minute is evaluated.` };
    }
    const notified = history.some((h) => h.HistoryItemType === "Action" && /Successfully executed action/.test(h.HistorySummary ?? "") && (h.Timestamp?.getTime() ?? 0) >= (toAlarm.Timestamp?.getTime() ?? 0));
    if (!notified) return { passed: false, reason: "The alarm went to ALARM but its notification is not recorded as sent yet; check again in a moment." };
    return { passed: true, reason: `${context.names.dlqAlarm} went to ALARM (${toAlarm.HistorySummary}) and notified ${context.names.alertsTopic}.` };
  },
  cli: (c) =>
    [
      `TOPIC_ARN=$(aws sns create-topic --name ${c.names.alertsTopic} --tags Key=Project,Value=ServerlessLab Key=Lab,Value=${c.labId} Key=Student,Value=${c.prefix} --query TopicArn --output text)`,
      'aws sns subscribe --topic-arn "$TOPIC_ARN" --protocol email --notification-endpoint you@example.com',
      `aws cloudwatch put-metric-alarm --alarm-name ${c.names.dlqAlarm} \\`,
      `  --namespace AWS/SQS --metric-name ApproximateNumberOfMessagesVisible --dimensions Name=QueueName,Value=${c.names.processingDlq} \\`,
      "  --statistic Maximum --period 60 --evaluation-periods 1 --datapoints-to-alarm 1 \\",
      "  --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --treat-missing-data notBreaching \\",
      '  --alarm-actions "$TOPIC_ARN" \\',
      `  --tags Key=Project,Value=ServerlessLab Key=Lab,Value=${c.labId} Key=Student,Value=${c.prefix}`,
      `aws cloudwatch describe-alarm-history --alarm-name ${c.names.dlqAlarm} --history-item-type StateUpdate`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { CloudWatchClient, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";',
      'import { SNSClient, CreateTopicCommand, SubscribeCommand } from "@aws-sdk/client-sns";',
      "",
      `const sns = new SNSClient({ region: "${c.region}" });`,
      `const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "${c.names.alertsTopic}" }));`,
      'await sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "you@example.com" }));',
      `await new CloudWatchClient({ region: "${c.region}" }).send(new PutMetricAlarmCommand({`,
      `  AlarmName: "${c.names.dlqAlarm}",`,
      '  Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible",',
      `  Dimensions: [{ Name: "QueueName", Value: "${c.names.processingDlq}" }],`,
      '  Statistic: "Maximum", Period: 60, EvaluationPeriods: 1, DatapointsToAlarm: 1,',
      '  Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold", TreatMissingData: "notBreaching",',
      "  AlarmActions: [TopicArn],",
      "}));",
    ].join("\n"),
});
