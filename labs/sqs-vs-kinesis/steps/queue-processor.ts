/**
 * Step 5: the queue processor behind an SQS trigger. Failed orders are reported one by one, so
 * SQS deletes the rest; the failing order comes back after each visibility timeout and, after
 * three receives, lands in the dead-letter queue.
 */
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { sqsBatches } from "../activity";
import { configureQueueProcessor, describeMapping } from "../functions";
import { QueueProcessorPanel } from "../panels/queue-processor-panel";
import { queueUrlOf } from "../provision";
import { queueOutcome } from "../queue-retries";
import type { KinesisLabContext, KinesisLabResources } from "../resources";
import { HIGH_PRIORITY_WORK_MS, LOCAL_TIME_SCALE, MAX_RECEIVE_COUNT, NORMAL_PRIORITY_WORK_MS, QUEUE_TRIGGER, VISIBILITY_TIMEOUT_SECONDS } from "../settings";
import { sendOrders } from "./sqs-producer";

/** Problems with the SQS trigger's settings (empty: as the lab needs). */
export async function queueTriggerProblems(context: KinesisLabContext): Promise<string[]> {
  const mapping = await context.runtime.findMapping("queueProcessor", "orderQueue");
  if (!mapping) return ["The queue has no trigger yet: turn it on."];
  const c = mapping.config;
  const problems: string[] = [];
  if (mapping.state !== "Enabled") problems.push("The trigger is disabled.");
  if (c.kind !== "sqs") return ["The trigger does not read the queue."];
  if (c.batchSize !== QUEUE_TRIGGER.batchSize) problems.push(`Batch size is ${c.batchSize}, not ${QUEUE_TRIGGER.batchSize}.`);
  if (c.maximumBatchingWindowInSeconds !== QUEUE_TRIGGER.maximumBatchingWindowInSeconds) problems.push(`The batching window is ${c.maximumBatchingWindowInSeconds} s, not ${QUEUE_TRIGGER.maximumBatchingWindowInSeconds} s.`);
  if (c.maximumConcurrency !== QUEUE_TRIGGER.maximumConcurrency) problems.push(`Maximum concurrency is ${c.maximumConcurrency ?? "unset"}, not ${QUEUE_TRIGGER.maximumConcurrency}.`);
  if (!c.functionResponseTypes.includes("ReportBatchItemFailures")) problems.push("The trigger does not take reported batch item failures.");
  return problems;
}

async function dlqDepth(context: KinesisLabContext): Promise<number | null> {
  const url = await queueUrlOf(context, context.names.orderDlq);
  if (!url) return null;
  const { Attributes = {} } = await context.aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
    { abortSignal: context.signal },
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

export const queueProcessorStep = defineStep<KinesisLabResources>({
  id: "queue-processor",
  title: "Process the queue in batches",
  explanation: [
    `The trigger (an **event source mapping**) polls the queue and calls the processor with up to **${QUEUE_TRIGGER.batchSize} messages** at a time, waiting at most **${QUEUE_TRIGGER.maximumBatchingWindowInSeconds} s** to fill a batch, with at most **${QUEUE_TRIGGER.maximumConcurrency} batches** running at once. The processor spends ${HIGH_PRIORITY_WORK_MS / 1000} s on a high-priority order and ${NORMAL_PRIORITY_WORK_MS / 1000} s on a normal one. On the local cloud it works ${1 / LOCAL_TIME_SCALE} times faster (its \`PROCESSING_TIME_SCALE\` variable is ${LOCAL_TIME_SCALE}); on AWS it takes the full time.`,
    "Without more care, one bad message fails the whole batch and SQS shows all of them again, so good orders are processed twice. With **ReportBatchItemFailures** the processor answers `{ batchItemFailures: [{ itemIdentifier: <messageId> }] }`: SQS deletes every other message of the batch and only the failed one comes back.",
    `It comes back when its **visibility timeout** (${VISIBILITY_TIMEOUT_SECONDS} s) ends. After the ${MAX_RECEIVE_COUNT}rd receive fails, the next receive moves it to the **dead-letter queue**. That is three waits of five minutes: use fast-forward on the local cloud. The check passes once a failing order sits in the DLQ and no good order was processed twice.`,
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources>({
      id: "connect-processor",
      checkAfter: false,
      label: "Turn on the SQS trigger",
      async run(context) {
        const variables = await configureQueueProcessor(context);
        const mapping = await context.runtime.ensureMapping("queueProcessor", "orderQueue", { ...QUEUE_TRIGGER, enabled: true });
        const scale = variables.PROCESSING_TIME_SCALE ? ` Work time ×${variables.PROCESSING_TIME_SCALE} on the local cloud.` : "";
        return { message: `${context.names.queueProcessor} reads ${context.names.orderQueue}: ${describeMapping(mapping)}.${scale}` };
      },
    }),
    defineAction<KinesisLabResources>({
      id: "send-failing-batch",
      checkAfter: false,
      label: "Send 5 orders, the first one failing",
      tone: "secondary",
      async run(context) {
        const reply = await sendOrders(context, { messageType: "OrderProcessing", batchSize: 5, simulateFailure: true });
        return { message: `Sent ${reply.messages.length} orders; ${reply.messages[0]?.orderId ?? "the first"} will fail.`, data: JSON.parse(JSON.stringify(reply)) };
      },
    }),
  ],
  async check(context) {
    const problems = await queueTriggerProblems(context);
    if (problems.length) return { passed: false, reason: problems[0], details: problems.slice(1) };
    const batches = sqsBatches(await context.runtime.logs({ filter: { function: context.names.queueProcessor } }), context.names.queueProcessor, 500);
    if (!batches.length) return { passed: false, reason: "The processor has not had a batch yet: send orders, with the first one failing." };
    const outcome = queueOutcome(batches);
    if (outcome.processedTwice.length) {
      return { passed: false, reason: `${outcome.processedTwice.length} good order${outcome.processedTwice.length === 1 ? " was" : "s were"} processed twice.`, details: outcome.processedTwice.slice(0, 5) };
    }
    const inDlq = (await dlqDepth(context)) ?? 0;
    if (inDlq === 0) {
      const pending = outcome.retries[0];
      return {
        passed: false,
        reason: pending
          ? `${pending.orderId} has failed ${pending.receives} time${pending.receives === 1 ? "" : "s"} and is not in the DLQ yet: wait out (or fast-forward) its visibility timeout.`
          : "No order has failed yet: send a batch with the first order failing.",
        details: [`${batches.length} batch${batches.length === 1 ? "" : "es"} processed, ${outcome.succeeded} orders done.`],
      };
    }
    return {
      passed: true,
      reason: `${context.names.orderDlq} holds ${inDlq} failed order${inDlq === 1 ? "" : "s"}, and no good order was processed twice.`,
      details: [`${batches.length} batch${batches.length === 1 ? "" : "es"}, ${outcome.succeeded} orders done, ${outcome.failedAttempts} failed attempts reported as batch item failures.`],
    };
  },
  cli: (c) =>
    [
      `QUEUE_ARN=$(aws sqs get-queue-attributes --queue-url "$(aws sqs get-queue-url --queue-name ${c.names.orderQueue} --query QueueUrl --output text)" \\`,
      "  --attribute-names QueueArn --query Attributes.QueueArn --output text)",
      `aws lambda create-event-source-mapping --function-name ${c.names.queueProcessor} \\`,
      '  --event-source-arn "$QUEUE_ARN" \\',
      `  --batch-size ${QUEUE_TRIGGER.batchSize} --maximum-batching-window-in-seconds ${QUEUE_TRIGGER.maximumBatchingWindowInSeconds} \\`,
      `  --scaling-config MaximumConcurrency=${QUEUE_TRIGGER.maximumConcurrency} \\`,
      "  --function-response-types ReportBatchItemFailures",
      "# The function itself: timeout 60 s (a batch of five normal orders takes 10 s)",
      `aws lambda update-function-configuration --function-name ${c.names.queueProcessor} --timeout ${QUEUE_TRIGGER.timeoutSeconds}`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { LambdaClient, CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";',
      "",
      `const lambda = new LambdaClient({ region: "${c.region}" });`,
      "await lambda.send(new CreateEventSourceMappingCommand({",
      `  FunctionName: "${c.names.queueProcessor}",`,
      "  EventSourceArn: queueArn,",
      `  BatchSize: ${QUEUE_TRIGGER.batchSize},`,
      `  MaximumBatchingWindowInSeconds: ${QUEUE_TRIGGER.maximumBatchingWindowInSeconds},`,
      `  ScalingConfig: { MaximumConcurrency: ${QUEUE_TRIGGER.maximumConcurrency} },`,
      '  FunctionResponseTypes: ["ReportBatchItemFailures"],',
      "}));",
      "",
      "// In the handler: report only what failed.",
      "export const handler = async (event) => {",
      "  const batchItemFailures = [];",
      "  for (const record of event.Records) {",
      "    try { await processOrder(record); }",
      "    catch { batchItemFailures.push({ itemIdentifier: record.messageId }); }",
      "  }",
      "  return { batchItemFailures };",
      "};",
    ].join("\n"),
  panel: QueueProcessorPanel,
});
