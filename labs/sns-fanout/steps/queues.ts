/**
 * Step: OrderQueue and its dead-letter queue, with a live example of the visibility timeout and
 * of redrive after three receives.
 */
import { ListQueueTagsCommand } from "@aws-sdk/client-sqs";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { taggedForLab } from "@/lib/lab-framework/resource-tags";
import { QueuesPanel } from "../panels/queues-panel";
import { deletePracticeFromDlq, practiceExplanation, receiveLikeACrash, requirePracticeQueueIdle, sendPracticeMessage } from "../practice-message";
import { processorEnabled } from "../processor";
import { ensureOrderQueues, MAX_RECEIVE_COUNT, ORDER_QUEUE_VISIBILITY_SECONDS, PROCESSOR_TIMEOUT_SECONDS, queueAttributes, queueUrl } from "../provision";
import type { Resources } from "../resources";

const FOURTEEN_DAYS = 14 * 24 * 3600;

export const queuesStep = defineStep<Resources>({
  id: "queues",
  title: "Queues, visibility timeout and the DLQ",
  explanation: [
    "OrderQueue holds orders until the processor takes them; OrderDLQ, the **dead-letter queue**, holds the ones that keep failing.",
    "**Visibility timeout.** Receiving a message does not remove it. SQS hides it for the queue's visibility timeout (30 s here) and waits for the consumer to delete it. If the consumer crashes or gives up, the message simply becomes visible again and is delivered to the next receive. That is why SQS delivers **at least once**, and why the timeout must outlast the work: AWS suggests at least six times the function's timeout (5 s here) when Lambda reads the queue, so a slow run is not handed to a second copy of the function.",
    `**Redrive.** Every receive raises the message's receive count. OrderQueue's redrive policy says \`maxReceiveCount: ${MAX_RECEIVE_COUNT}\`: once a message has been received ${MAX_RECEIVE_COUNT} times without being deleted, SQS moves it to OrderDLQ instead of delivering it again. A message that can never succeed stops going round in circles, and it waits in the DLQ (kept 14 days) for a person to look at it.`,
    "Create the queues, then try it below with a practice message and a consumer that never deletes what it receives.",
  ].join("\n\n"),
  panel: QueuesPanel,
  actions: [
    defineAction<Resources>({
      id: "create-queues",
      label: "Create OrderDLQ and OrderQueue",
      async run(context) {
        const { dlq, queue } = await ensureOrderQueues(context);
        const made = [dlq, queue].filter((q) => q.created).map((q) => q.name);
        return {
          message: made.length
            ? `Created ${made.join(" and ")}; ${queue.name} sends a message to ${dlq.name} after ${MAX_RECEIVE_COUNT} receives.`
            : `Both queues were already there; their settings are as this step sets them.`,
          data: { queueUrl: queue.url, dlqUrl: dlq.url, visibilityTimeoutSeconds: ORDER_QUEUE_VISIBILITY_SECONDS, maxReceiveCount: MAX_RECEIVE_COUNT },
        };
      },
    }),
    defineAction<Resources>({
      id: "send-practice-message",
      label: "Send a practice message",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        requirePracticeQueueIdle(await processorEnabled(context));
        const { messageId } = await sendPracticeMessage(context);
        return { message: `Sent a practice message to ${context.names.orderQueue}.`, data: { messageId } };
      },
    }),
    defineAction<Resources>({
      id: "receive-practice-message",
      label: "Receive it (and crash before deleting)",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        requirePracticeQueueIdle(await processorEnabled(context));
        const result = await receiveLikeACrash(context, ORDER_QUEUE_VISIBILITY_SECONDS);
        return { message: practiceExplanation(result), data: { ...result } };
      },
    }),
    defineAction<Resources>({
      id: "delete-practice-message",
      label: "Delete the practice message from the DLQ",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        const deleted = await deletePracticeFromDlq(context);
        return { message: deleted ? `Deleted ${deleted} practice message${deleted === 1 ? "" : "s"} from ${context.names.orderDlq}.` : `No practice message was in ${context.names.orderDlq}.`, data: { deleted } };
      },
    }),
  ],
  async check(context) {
    const [queueLink, dlqLink] = await Promise.all([queueUrl(context, "orderQueue"), queueUrl(context, "orderDlq")]);
    const missing = [!queueLink && context.names.orderQueue, !dlqLink && context.names.orderDlq].filter(Boolean);
    if (!queueLink || !dlqLink) return { passed: false, reason: `${missing.join(" and ")} ${missing.length === 1 ? "does" : "do"} not exist yet: create the queues with the button above.` };
    const [queue, dlq] = await Promise.all([queueAttributes(context, queueLink), queueAttributes(context, dlqLink)]);
    for (const [name, url] of [[context.names.orderQueue, queueLink], [context.names.orderDlq, dlqLink]] as const) {
      const { Tags = {} } = await context.aws.sqs.send(new ListQueueTagsCommand({ QueueUrl: url }), { abortSignal: context.signal });
      if (!taggedForLab(context, Tags)) return { passed: false, reason: `${name} is not tagged for this lab and prefix; it was not created by this lab.` };
    }
    let redrive: { deadLetterTargetArn?: string; maxReceiveCount?: number | string } = {};
    try {
      redrive = JSON.parse(queue.RedrivePolicy ?? "{}") as typeof redrive;
    } catch {
      redrive = {};
    }
    if (redrive.deadLetterTargetArn !== dlq.QueueArn) {
      return { passed: false, reason: `${context.names.orderQueue} has no redrive policy to ${context.names.orderDlq}: run "Create OrderDLQ and OrderQueue" again to set it.` };
    }
    if (Number(redrive.maxReceiveCount) !== MAX_RECEIVE_COUNT) {
      return { passed: false, reason: `${context.names.orderQueue} moves messages after ${redrive.maxReceiveCount} receives, not ${MAX_RECEIVE_COUNT}: run the step again to set it.` };
    }
    const visibility = Number(queue.VisibilityTimeout);
    if (visibility < PROCESSOR_TIMEOUT_SECONDS * 6) {
      return { passed: false, reason: `${context.names.orderQueue}'s visibility timeout is ${visibility} s, under six times the processor's ${PROCESSOR_TIMEOUT_SECONDS} s timeout.` };
    }
    return {
      passed: true,
      reason: `${context.names.orderQueue} (visibility ${visibility} s) sends a message to ${context.names.orderDlq} after ${MAX_RECEIVE_COUNT} receives.`,
      details: [`${context.names.orderDlq} keeps messages ${Math.round(Number(dlq.MessageRetentionPeriod) / 86400)} days.`],
    };
  },
  cli: (c) =>
    [
      `aws sqs create-queue --queue-name ${c.names.orderDlq} \\`,
      `  --attributes MessageRetentionPeriod=${FOURTEEN_DAYS} \\`,
      `  --tags Project=${c.tags.Project},Lab=${c.tags.Lab},Student=${c.tags.Student}`,
      "",
      `DLQ_ARN=$(aws sqs get-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.orderDlq} --query QueueUrl --output text)" \\`,
      "  --attribute-names QueueArn --query Attributes.QueueArn --output text)",
      "",
      `aws sqs create-queue --queue-name ${c.names.orderQueue} \\`,
      `  --attributes '{"VisibilityTimeout":"${ORDER_QUEUE_VISIBILITY_SECONDS}","RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"'"$DLQ_ARN"'\\",\\"maxReceiveCount\\":${MAX_RECEIVE_COUNT}}"}' \\`,
      `  --tags Project=${c.tags.Project},Lab=${c.tags.Lab},Student=${c.tags.Student}`,
      "",
      "# The live example: receive without deleting, three times",
      `aws sqs receive-message --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.orderQueue} --query QueueUrl --output text)" \\`,
      "  --attribute-names ApproximateReceiveCount",
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand } from "@aws-sdk/client-sqs";',
      "",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      `const tags = { Project: "${c.tags.Project}", Lab: "${c.tags.Lab}", Student: "${c.tags.Student}" };`,
      "const dlq = await sqs.send(new CreateQueueCommand({",
      `  QueueName: "${c.names.orderDlq}",`,
      `  Attributes: { MessageRetentionPeriod: "${FOURTEEN_DAYS}" },`,
      "  tags,",
      "}));",
      'const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }));',
      "await sqs.send(new CreateQueueCommand({",
      `  QueueName: "${c.names.orderQueue}",`,
      "  Attributes: {",
      `    VisibilityTimeout: "${ORDER_QUEUE_VISIBILITY_SECONDS}",`,
      `    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes.QueueArn, maxReceiveCount: ${MAX_RECEIVE_COUNT} }),`,
      "  },",
      "  tags,",
      "}));",
    ].join("\n"),
});
