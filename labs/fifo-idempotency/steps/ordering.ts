/**
 * Step 4: order within a group, and what a group does while one of its messages keeps failing.
 */
import { z } from "zod";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import type { CheckResult } from "@/lib/lab-framework/types";
import { queueCounts } from "../live";
import { groupOrders } from "../processing-order";
import { plannedCase } from "../producer-messages";
import { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS, type FifoContext } from "../provision";
import { ORDERING_GROUPS } from "../lab-settings";
import { OrderingPanel } from "../panels/ordering-panel";
import type { FifoResources } from "../resources";
import { readSavedMessages } from "../saved-messages";
import { newMessageId, sendPlanned } from "./producer";


export async function checkOrdering(context: FifoContext): Promise<CheckResult> {
  const { names } = context;
  const { messages } = await readSavedMessages(context);
  const orders = groupOrders(messages);
  const broken = orders.filter((o) => !o.inOrder);
  if (broken.length) {
    return {
      passed: false,
      reason: `${broken.map((o) => o.group).join(", ")} ${broken.length === 1 ? "was" : "were"} saved out of the order sent.`,
      details: broken.map((o) => `${o.group}: sent ${o.sent.map((m) => m.event ?? m.messageId).join(" → ")}, saved ${o.processed.map((m) => m.event ?? m.messageId).join(" → ")}`),
    };
  }
  const dlq = await queueCounts(context, names.ordersDlq);
  const queue = await queueCounts(context, names.ordersQueue);
  if (dlq.visible + dlq.inFlight === 0) {
    return queue.visible + queue.inFlight > 0
      ? {
          passed: false,
          reason: `A message is still being retried (${queue.visible + queue.inFlight} in the queue): SQS moves a failing message to the dead-letter queue after ${MAX_RECEIVE_COUNT} receives, ${VISIBILITY_TIMEOUT_SECONDS} s apart. Fast-forward the clock or wait, then check again.`,
        }
      : { passed: false, reason: "Nothing has reached the dead-letter queue yet: send the two orders with a broken message, with the consumer running." };
  }
  const longest = Math.max(0, ...orders.map((o) => o.sent.length));
  if (longest < 3) return { passed: false, reason: "No order has three events saved yet: send the two orders and let the consumer work through them." };
  return {
    passed: true,
    reason: `Every group was saved in the order it was sent (${orders.length} group${orders.length === 1 ? "" : "s"}), and the broken message waits in ${names.ordersDlq}.`,
    details: orders.slice(0, 5).map((o) => `${o.group}: ${o.processed.map((m) => m.event ?? m.messageId.slice(0, 8)).join(" → ")}`),
  };
}

const sendParams = z.object({}).strict();

export const orderingStep = defineStep<FifoResources>({
  id: "ordering",
  title: "Order within a group",
  explanation: [
    "SQS keeps order per message group, and enforces it the strict way: while any message of a group is in flight (received, not yet deleted), it hands out no later message of that group. Other groups are not affected.",
    `Send two orders side by side, where the second event of ${ORDERING_GROUPS.first} is broken JSON. Watch the two groups:`,
    `- ${ORDERING_GROUPS.second} runs through placed → paid → shipped at once.\n- ${ORDERING_GROUPS.first} is saved up to the broken message, then **waits**: the consumer fails the broken message, SQS hides it for the visibility timeout, and no later event of the order is handed out meanwhile. Every ${VISIBILITY_TIMEOUT_SECONDS} s it comes back and fails again.\n- After ${MAX_RECEIVE_COUNT} failed receives, SQS moves it to the dead-letter queue (at the moment a ${MAX_RECEIVE_COUNT + 1}th receive would have returned it). ${ORDERING_GROUPS.first}'s remaining events follow, still in order.`,
    "On the local cloud, fast-forward the clock instead of waiting out the visibility timeouts.",
    "The wait is the price of order: a FIFO consumer may never skip ahead within a group. A dead-letter queue bounds the wait; without one, a broken message would hold its group until the queue's retention period ends.",
  ].join("\n\n"),
  actions: [
    defineAction<FifoResources, typeof sendParams>({
      id: "send-failing-group",
      label: "Send two orders, one with a broken event",
      params: sendParams,
      panelOnly: true,
      async run(context) {
        const results = await sendPlanned(context, plannedCase("failing-group", ORDERING_GROUPS, "message-id", newMessageId));
        return {
          message: `Sent ${results.length} messages: ${ORDERING_GROUPS.first} (with one broken) and ${ORDERING_GROUPS.second}, interleaved.`,
          data: { sends: results.map((r) => ({ ...r })) },
        };
      },
    }),
  ],
  panel: OrderingPanel,
  check: checkOrdering,
  cli: (c) =>
    [
      `QUEUE_URL=$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)`,
      `aws sqs send-message --queue-url "$QUEUE_URL" --message-group-id ${ORDERING_GROUPS.first} --message-deduplication-id o1-placed \\`,
      `  --message-body '{"message_id":"o1-placed","order_id":"${ORDERING_GROUPS.first}","event":"placed"}'`,
      `aws sqs send-message --queue-url "$QUEUE_URL" --message-group-id ${ORDERING_GROUPS.first} --message-deduplication-id o1-broken \\`,
      `  --message-body '{"message_id":"o1-broken","order_id":"${ORDERING_GROUPS.first}","event":"packed"'`,
      `aws sqs send-message --queue-url "$QUEUE_URL" --message-group-id ${ORDERING_GROUPS.first} --message-deduplication-id o1-paid \\`,
      `  --message-body '{"message_id":"o1-paid","order_id":"${ORDERING_GROUPS.first}","event":"paid"}'`,
      "",
      "# Where the broken message ends up, after 3 receives:",
      `aws sqs get-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.ordersDlq} --query QueueUrl --output text)" \\`,
      "  --attribute-names ApproximateNumberOfMessages",
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SQSClient, GetQueueUrlCommand, GetQueueAttributesCommand } from "@aws-sdk/client-sqs";',
      "",
      "// Inside the consumer: stop at the first failure and return it with everything after it,",
      "// so nothing of the group overtakes the failed message.",
      "for (let i = 0; i < event.Records.length; i++) {",
      "  const ok = await processRecord(event.Records[i]);",
      "  if (!ok) {",
      "    return { batchItemFailures: event.Records.slice(i).map((r) => ({ itemIdentifier: r.messageId })) };",
      "  }",
      "}",
      "return { batchItemFailures: [] };",
      "",
      "// Where the broken message ends up after 3 receives:",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      `const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "${c.names.ordersDlq}" }));`,
      'const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));',
    ].join("\n"),
});
