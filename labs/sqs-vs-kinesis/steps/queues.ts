/**
 * Step 2: the dead-letter queue, then the order queue that redrives to it after three receives.
 */
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { describeQueue, ensureQueues, queueProblems } from "../provision";
import type { KinesisLabResources } from "../resources";
import { LONG_POLL_SECONDS, MAX_RECEIVE_COUNT, RETENTION_SECONDS, VISIBILITY_TIMEOUT_SECONDS } from "../settings";

export const queuesStep = defineStep<KinesisLabResources>({
  id: "queues",
  title: "Create the queue and its dead-letter queue",
  explanation: [
    "A queue hands each message to **one** consumer and forgets it once the consumer deletes it. When processing fails, the message becomes visible again after the **visibility timeout** and is tried again; the queue counts every receive.",
    `- \`<prefix>-order-dlq\` keeps what failed for ${RETENTION_SECONDS / 86400} days, the longest SQS allows, so someone can look at it later.`,
    `- \`<prefix>-order-processing-queue\` hides a received message for ${VISIBILITY_TIMEOUT_SECONDS} s (longer than the processor ever runs), keeps messages ${RETENTION_SECONDS / 86400} days, waits up to ${LONG_POLL_SECONDS} s for messages on each receive (**long polling**: fewer empty, billed receives), and after ${MAX_RECEIVE_COUNT} receives moves a message to the DLQ (its **redrive policy**).`,
    "The DLQ is created first because the redrive policy names its ARN. Running this again puts the settings back if someone changed them.",
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources>({
      id: "create-queues",
      label: "Create both queues",
      async run(context) {
        const { dlq, queue } = await ensureQueues(context);
        const made = [dlq.created && context.names.orderDlq, queue.created && context.names.orderQueue].filter(Boolean);
        return {
          message: made.length
            ? `Created ${made.join(" and ")}${made.length < 2 ? "; the other queue was already there and has its settings back" : ""}.`
            : "Both queues were already there; their settings and tags are as the lab needs them.",
          data: { queueUrl: queue.url, dlqArn: dlq.arn },
        };
      },
    }),
  ],
  async check(context) {
    const [dlq, queue] = await Promise.all([describeQueue(context, context.names.orderDlq), describeQueue(context, context.names.orderQueue)]);
    const problems = queueProblems(dlq, queue, context.names);
    if (problems.length) return { passed: false, reason: problems[0], details: problems.slice(1) };
    return {
      passed: true,
      reason: `${context.names.orderQueue} redrives to ${context.names.orderDlq} after ${MAX_RECEIVE_COUNT} receives.`,
      details: [`Visibility ${VISIBILITY_TIMEOUT_SECONDS} s, long polling ${LONG_POLL_SECONDS} s, retention 14 days on both.`, "Both tagged Project=ServerlessLab."],
    };
  },
  cli: (c) => {
    const tags = `Project=ServerlessLab,Lab=${c.labId},Student=${c.prefix}`;
    return [
      `aws sqs create-queue --queue-name ${c.names.orderDlq} \\`,
      `  --attributes MessageRetentionPeriod=${RETENTION_SECONDS} --tags ${tags}`,
      "",
      `DLQ_ARN=$(aws sqs get-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.orderDlq} --query QueueUrl --output text)" \\`,
      "  --attribute-names QueueArn --query Attributes.QueueArn --output text)",
      "",
      `aws sqs create-queue --queue-name ${c.names.orderQueue} --tags ${tags} --attributes '{`,
      `  "VisibilityTimeout": "${VISIBILITY_TIMEOUT_SECONDS}",`,
      `  "MessageRetentionPeriod": "${RETENTION_SECONDS}",`,
      `  "ReceiveMessageWaitTimeSeconds": "${LONG_POLL_SECONDS}",`,
      `  "RedrivePolicy": "{\\"deadLetterTargetArn\\":\\"'"$DLQ_ARN"'\\",\\"maxReceiveCount\\":${MAX_RECEIVE_COUNT}}"`,
      "}'",
    ].join("\n");
  },
  sdk: (c) =>
    [
      'import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand } from "@aws-sdk/client-sqs";',
      "",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      `const tags = { Project: "ServerlessLab", Lab: "${c.labId}", Student: "${c.prefix}" };`,
      "",
      "const dlq = await sqs.send(new CreateQueueCommand({",
      `  QueueName: "${c.names.orderDlq}",`,
      `  Attributes: { MessageRetentionPeriod: "${RETENTION_SECONDS}" },`,
      "  tags,",
      "}));",
      "const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: [\"QueueArn\"] }));",
      "",
      "await sqs.send(new CreateQueueCommand({",
      `  QueueName: "${c.names.orderQueue}",`,
      "  Attributes: {",
      `    VisibilityTimeout: "${VISIBILITY_TIMEOUT_SECONDS}",`,
      `    MessageRetentionPeriod: "${RETENTION_SECONDS}",`,
      `    ReceiveMessageWaitTimeSeconds: "${LONG_POLL_SECONDS}",`,
      `    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes.QueueArn, maxReceiveCount: ${MAX_RECEIVE_COUNT} }),`,
      "  },",
      "  tags,",
      "}));",
    ].join("\n"),
});
