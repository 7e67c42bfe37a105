import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { WaitingMessagePanel } from "../panels/waiting-message-panel";
import { answerBody, callOrderApi, randomOrder } from "../orders";
import { queueAttributes, queueUrl } from "../provision";
import type { CafeResources } from "../resources";
import { workerTrigger } from "../trigger";

export const messageWaitsStep = defineStep<CafeResources>({
  id: "message-waits",
  title: "See the message wait",
  explanation: [
    "Nothing reads the queue yet, so every accepted order is still in it. The inspector below shows each message: its body (the order exactly as the API sent it), its id, and how many times it has been received — 0 so far.",
    "On the local cloud the workbook **peeks**: it lists the queue's contents without receiving anything. Real SQS has no such call. There, looking at a message **is** receiving it — the console's “Poll for messages” too: the receive count goes up, the message is hidden from everyone else for the visibility timeout, and once a dead-letter queue is set, enough looks move it there. That is why the page offers an explicit **Poll** and says what it does, and why the counts come from the queue's attributes, which anyone may read.",
  ].join("\n\n"),
  panel: WaitingMessagePanel,
  actions: [
    defineAction<CafeResources>({
      id: "send-test-order",
      label: "Send a test order",
      tone: "secondary",
      async run(context) {
        const call = await callOrderApi(context, JSON.stringify(randomOrder("Waiting test")));
        if (call.response?.statusCode !== 202) throw new Error(`The API answered ${call.response?.statusCode ?? call.error}: ${String(answerBody(call).error ?? "")}`);
        return { message: "Sent one order through the API; it is waiting in the queue." };
      },
    }),
  ],
  async check(context) {
    const url = await queueUrl(context, "ordersQueue");
    if (!url) return { passed: false, reason: `${context.names.ordersQueue} does not exist yet: create it in “Create the queue” first.` };
    const attributes = await queueAttributes(context, url);
    const waiting = Number(attributes.ApproximateNumberOfMessages ?? 0);
    const trigger = await workerTrigger(context);
    if (waiting >= 1) {
      return { passed: true, reason: `${waiting} order${waiting === 1 ? " is" : "s are"} waiting in the queue with no worker to take ${waiting === 1 ? "it" : "them"}.` };
    }
    if (trigger?.state === "Enabled") return { passed: false, reason: "The worker's trigger is on, so orders do not wait. Disable it (“Two consumers compete”) to see messages wait again." };
    return { passed: false, reason: "The queue is empty: send a test order (above) and look again." };
  },
  cli: (c) =>
    [
      `QUEUE_URL="$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)"`,
      "# Counts only: anyone may read them, nothing changes",
      'aws sqs get-queue-attributes --queue-url "$QUEUE_URL" \\',
      "  --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible",
      "# A receive: raises the receive count and hides the message for the visibility timeout",
      'aws sqs receive-message --queue-url "$QUEUE_URL" --attribute-names ApproximateReceiveCount --max-number-of-messages 10',
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SQSClient, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";',
      "",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      "const { Attributes } = await sqs.send(new GetQueueAttributesCommand({",
      '  QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],',
      "}));",
      "// Counts as a receive:",
      'const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));',
    ].join("\n"),
});
