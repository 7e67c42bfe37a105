import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { QueuesPanel } from "../panels/queues-panel";
import { ensureQueuesWithRedrive, MAX_RECEIVE_COUNT, queueRef, readRedrive, VISIBILITY_TIMEOUT_SECONDS } from "../provision/queues";
import type { StreamsResources } from "../resources";

export const queuesStep = defineStep<StreamsResources>({
  id: "queues",
  title: "A dead-letter queue for the processing queue",
  explanation: [
    "A queue retries on its own: a consumer that fails simply does not delete the message, and SQS shows it again once the **visibility timeout** (30 s here) has passed. Without a limit, an order that can never succeed would come back forever, costing a receive each time and hiding among the good ones.",
    `The **redrive policy** sets that limit: after \`maxReceiveCount\` receives (${MAX_RECEIVE_COUNT} here), the next time SQS would hand the message out it moves it to the **dead-letter queue** instead. The DLQ is an ordinary queue that nothing reads automatically; it keeps its messages 14 days, long enough for a person to look, fix the cause and send them back (a redrive).`,
    "Every receive counts, whoever makes it: a consumer that looks at a message and puts it back has used one of the three chances.",
    "The button creates `order-processing-dlq`, then sets the processing queue's redrive policy (creating the queue if the last step did not).",
  ].join("\n\n"),
  actions: [
    defineAction<StreamsResources>({
      id: "create-queues",
      label: "Create the DLQ and the redrive policy",
      panelOnly: true,
      async run(context) {
        const { dlq, main } = await ensureQueuesWithRedrive(context);
        const made = [dlq.created ? context.names.processingDlq : null, main.created ? context.names.processingQueue : null].filter(Boolean);
        return {
          message: `${made.length ? `Created ${made.join(" and ")}. ` : ""}${context.names.processingQueue} moves a message to ${context.names.processingDlq} after ${MAX_RECEIVE_COUNT} receives (visibility timeout ${VISIBILITY_TIMEOUT_SECONDS} s).`,
        };
      },
    }),
  ],
  panel: QueuesPanel,
  async check(context) {
    const dlq = await queueRef(context, "processingDlq");
    if (!dlq) return { passed: false, reason: `${context.names.processingDlq} does not exist yet: create it with the button above.` };
    const redrive = await readRedrive(context);
    if (!redrive) return { passed: false, reason: `${context.names.processingQueue} has no redrive policy yet: run the step.` };
    if (redrive.deadLetterTargetArn !== dlq.arn) return { passed: false, reason: `The redrive policy points at ${redrive.deadLetterTargetArn}, not ${context.names.processingDlq}: run the step again.` };
    if (redrive.maxReceiveCount !== MAX_RECEIVE_COUNT) return { passed: false, reason: `The redrive policy allows ${redrive.maxReceiveCount} receives; the lab expects ${MAX_RECEIVE_COUNT}. Run the step again.` };
    return { passed: true, reason: `Redrive policy: after ${redrive.maxReceiveCount} receives a message moves to ${context.names.processingDlq}.`, details: [`deadLetterTargetArn: ${redrive.deadLetterTargetArn}`] };
  },
  cli: (c) =>
    [
      `aws sqs create-queue --queue-name ${c.names.processingDlq} --attributes MessageRetentionPeriod=1209600 \\`,
      `  --tags Project=ServerlessLab,Lab=${c.labId},Student=${c.prefix}`,
      `DLQ_ARN=$(aws sqs get-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.processingDlq} --query QueueUrl --output text)" \\`,
      "  --attribute-names QueueArn --query Attributes.QueueArn --output text)",
      `aws sqs set-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.processingQueue} --query QueueUrl --output text)" \\`,
      `  --attributes '{"VisibilityTimeout":"30","RedrivePolicy":"{\\"deadLetterTargetArn\\":\\"'"$DLQ_ARN"'\\",\\"maxReceiveCount\\":3}"}'`,
      `aws sqs get-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.processingQueue} --query QueueUrl --output text)" --attribute-names RedrivePolicy`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SQSClient, CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";',
      "",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      `const dlq = await sqs.send(new CreateQueueCommand({ QueueName: "${c.names.processingDlq}", Attributes: { MessageRetentionPeriod: "1209600" } }));`,
      'const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }));',
      "await sqs.send(new SetQueueAttributesCommand({",
      "  QueueUrl: processingQueueUrl,",
      '  Attributes: { VisibilityTimeout: "30", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes.QueueArn, maxReceiveCount: 3 }) },',
      "}));",
    ].join("\n"),
});
