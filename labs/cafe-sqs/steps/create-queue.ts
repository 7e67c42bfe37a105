import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { QueueSettingsPanel } from "../panels/queue-settings-panel";
import { ensureOrdersQueue, queueAttributes, queueSettingAttributes, queueUrl } from "../provision";
import { QUEUE_SETTINGS } from "../queue-settings";
import type { CafeResources } from "../resources";

export const createQueueStep = defineStep<CafeResources>({
  id: "create-queue",
  title: "Create the queue",
  explanation: [
    "The queue sits between the order API and the worker. It is a **standard** queue: it delivers each message at least once, in roughly the order sent, at almost any rate. A cafe does not care whether table 4's tea is stored before table 7's latte, so it does not need a FIFO queue's strict order and exactly-once sending — and FIFO queues trade throughput for them. A FIFO queue's name must also end in `.fifo`, and a trigger on it batches differently.",
    "Every setting below is written down with the reason for it. No dead-letter queue yet: you add one in “Forced failure”, once you have seen what happens without it.",
    "Running this again is safe: an existing queue of yours is set back to these values.",
  ].join("\n\n"),
  panel: QueueSettingsPanel,
  actions: [
    defineAction<CafeResources>({
      id: "create-queue",
      label: "Create the queue",
      async run(context) {
        const { url, created } = await ensureOrdersQueue(context);
        return {
          message: created ? `Created ${context.names.ordersQueue}.` : `${context.names.ordersQueue} already existed; its settings are the lab's again.`,
          data: { queueUrl: url },
        };
      },
    }),
  ],
  async check(context) {
    const url = await queueUrl(context, "ordersQueue");
    if (!url) return { passed: false, reason: `${context.names.ordersQueue} does not exist yet: create it with the button above.` };
    const attributes = await queueAttributes(context, url);
    const differences: string[] = [];
    const notReported: string[] = [];
    for (const setting of QUEUE_SETTINGS) {
      const actual = attributes[setting.attribute];
      if (actual === undefined) notReported.push(setting.label);
      else if (actual !== queueSettingAttributes()[setting.attribute]) differences.push(`${setting.label} (${setting.attribute}) is ${actual}; the lab uses ${setting.value}.`);
    }
    if (attributes.FifoQueue === "true") differences.push("It is a FIFO queue; this lab needs a standard queue.");
    if (attributes.RedrivePolicy) {
      const target = (JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: string }).deadLetterTargetArn ?? "";
      if (!target.endsWith(`:${context.names.ordersDlq}`)) differences.push(`Its dead-letter queue is ${target.split(":").pop()}, not ${context.names.ordersDlq}.`);
    }
    if (differences.length) {
      return { passed: false, reason: `${context.names.ordersQueue} exists but ${differences.length === 1 ? "one setting differs" : `${differences.length} settings differ`}: run “Create the queue” again to set them back.`, details: differences };
    }
    return {
      passed: true,
      reason: `${context.names.ordersQueue} is a standard queue with the lab's settings.`,
      details: notReported.length ? [`This endpoint does not report: ${notReported.join(", ")}.`] : undefined,
    };
  },
  cli: (c) =>
    [
      `aws sqs create-queue --queue-name ${c.names.ordersQueue} \\`,
      `  --attributes ${QUEUE_SETTINGS.map((s) => `${s.attribute}=${s.value}`).join(",")} \\`,
      `  --tags Project=${c.tags.Project},Lab=${c.tags.Lab},Student=${c.tags.Student}`,
      "",
      "# Read the settings back",
      `aws sqs get-queue-attributes --attribute-names All \\`,
      `  --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)"`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SQSClient, CreateQueueCommand } from "@aws-sdk/client-sqs";',
      "",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      "const { QueueUrl } = await sqs.send(new CreateQueueCommand({",
      `  QueueName: "${c.names.ordersQueue}",`,
      "  Attributes: {",
      ...QUEUE_SETTINGS.map((s) => `    ${s.attribute}: "${s.value}",`),
      "  },",
      `  tags: { Project: "${c.tags.Project}", Lab: "${c.tags.Lab}", Student: "${c.tags.Student}" },`,
      "}));",
    ].join("\n"),
});
