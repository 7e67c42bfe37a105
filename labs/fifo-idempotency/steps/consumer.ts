/**
 * Step 3: the idempotent consumer, run by the workbook's runtime the way a Lambda event source
 * mapping runs it (batches of one group, partial batch responses).
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import type { CheckResult } from "@/lib/lab-framework/types";
import { defaultConsumerVariables } from "../handlers/workbook-consumer";
import { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS, describeTable, queueUrlOf, type FifoContext } from "../provision";
import { CONSUMER_BATCH_SIZE, CONSUMER_TIMEOUT_SECONDS } from "../lab-settings";
import { ConsumerPanel } from "../panels/consumer-panel";
import type { FifoResources } from "../resources";

export { CONSUMER_BATCH_SIZE, CONSUMER_TIMEOUT_SECONDS };

/** Starts the consumer: its environment variables (keeping the crash switch as it is), then its trigger. */
export async function startConsumer(context: FifoContext) {
  const current = await context.runtime.environment("consumer");
  await context.runtime.setEnvironment("consumer", { ...defaultConsumerVariables(context.names), CRASH_AFTER_SAVE: current.CRASH_AFTER_SAVE ?? "false" });
  return context.runtime.ensureMapping("consumer", "ordersQueue", {
    batchSize: CONSUMER_BATCH_SIZE,
    functionResponseTypes: ["ReportBatchItemFailures"],
    timeoutSeconds: CONSUMER_TIMEOUT_SECONDS,
    enabled: true,
  });
}

export async function savedCount(context: FifoContext): Promise<number | null> {
  if (!(await describeTable(context))) return null;
  const { Count = 0 } = await context.aws.dynamodb.send(new ScanCommand({ TableName: context.names.processedTable, Select: "COUNT" }), { abortSignal: context.signal });
  return Count;
}

export async function checkConsumerRunning(context: FifoContext): Promise<CheckResult> {
  const mapping = await context.runtime.findMapping("consumer", "ordersQueue");
  if (!mapping) return { passed: false, reason: "The consumer is not connected to the queue yet: run “Start the consumer”." };
  if (mapping.state !== "Enabled") return { passed: false, reason: "The consumer's trigger is off: start it again to process the queue." };
  if (!mapping.running) return { passed: false, reason: `The consumer's trigger is on but not running: ${mapping.problem ?? mapping.sourceError ?? "it is starting"}.` };
  if (!(await queueUrlOf(context, context.names.ordersQueue))) return { passed: false, reason: `${context.names.ordersQueue} is gone: run step 1 again.` };
  const saved = await savedCount(context);
  if (saved === null) return { passed: false, reason: `The table ${context.names.processedTable} is missing: run step 1 again.` };
  if (saved === 0) return { passed: false, reason: "The consumer is running but has saved nothing yet: send an order (step 2) and check again in a few seconds." };
  return { passed: true, reason: `The consumer is running and has saved ${saved} message${saved === 1 ? "" : "s"}, one item per message_id.` };
}

export const consumerStep = defineStep<FifoResources>({
  id: "consumer",
  title: "The idempotent consumer",
  explanation: [
    "The consumer is a Lambda handler. The workbook runs it as Lambda's event source mapping would: it receives from the queue, invokes the handler with a batch, and deletes what the handler did not report as failed. Groups run side by side. For each message the handler:",
    "- **parses** the body. A message that is not JSON, or has no `message_id`, can never succeed however often it is retried;\n- **saves** it with one conditional write, `PutItem` with `ConditionExpression: attribute_not_exists(message_id)`. If an item with that id exists, DynamoDB refuses the write (`ConditionalCheckFailedException`) and the consumer skips the message as a duplicate, noting on the saved item that it did;\n- **deletes** it from the queue, and counts every step.",
    "Why not read the table first and save if nothing is there? Because two deliveries of one `message_id` (a duplicate in another group, a second consumer) can both read “not there” and both save. The condition is checked by DynamoDB in the same request as the write, so only one of them can ever win.",
    "**One message per batch.** On a FIFO queue a batch holds one group's messages in order. When one fails, the ones behind it must go back with it (the consumer reports it and every later one in `batchItemFailures`), or they would overtake it. But every receive counts for all of them: after 3 rounds SQS would move the good events behind a broken one to the dead-letter queue too. With batches of one, only the failing message is received again; the rest of its group waits, untouched, and other groups carry on in parallel.",
    `**Invalid JSON.** Retrying cannot fix a broken body, and skipping it silently would lose the order event. The consumer logs it, counts it in InvalidMessages, and reports it as failed; after ${MAX_RECEIVE_COUNT} receives SQS moves it to the dead-letter queue, where it waits for a person to look at it, and its group carries on. This is what AWS recommends for FIFO queues: a dead-letter queue, so that one message cannot block its group forever. The cost: its group waits up to ${MAX_RECEIVE_COUNT} × ${VISIBILITY_TIMEOUT_SECONDS} s while the message is retried. (The other way, the consumer copying the message to the DLQ itself, frees the group at once but is code of your own that can fail too.)`,
    "Every action writes a structured log line: `trace_id` (the message's `message_id`, so every delivery of one message shares it), `action`, `status`, `details`, `timestamp`. Filter the log by a trace id to follow one message.",
  ].join("\n\n"),
  actions: [
    defineAction<FifoResources>({
      id: "start",
      label: "Start the consumer",
      description: `Batch size ${CONSUMER_BATCH_SIZE}, partial batch responses, timeout ${CONSUMER_TIMEOUT_SECONDS} s (the queue's visibility timeout is ${VISIBILITY_TIMEOUT_SECONDS} s, six times as long, as AWS advises).`,
      async run(context) {
        if (!(await queueUrlOf(context, context.names.ordersQueue))) {
          throw new PlainFailure("QueueNotCreated", `${context.names.ordersQueue} does not exist yet, so there is nothing to read.`, "Do step 1 first, then start the consumer.", "not-found");
        }
        const mapping = await startConsumer(context);
        return { message: `${context.names.consumer} now reads ${context.names.ordersQueue} (trigger ${mapping.state.toLowerCase()}).`, data: { uuid: mapping.uuid, state: mapping.state } };
      },
    }),
    defineAction<FifoResources>({
      id: "stop",
      label: "Stop the consumer",
      tone: "secondary",
      checkAfter: false,
      async run(context) {
        const mapping = await context.runtime.findMapping("consumer", "ordersQueue");
        if (!mapping) return { message: "The consumer was not running." };
        await context.runtime.setMappingEnabled(mapping.uuid, false);
        return { message: `Stopped ${context.names.consumer}: messages wait in ${context.names.ordersQueue} until you start it again.` };
      },
    }),
  ],
  panel: ConsumerPanel,
  check: checkConsumerRunning,
  cli: (c) =>
    [
      "# The workbook runs the handler for you. On AWS, deploy handlers/lambda-handler.ts and connect it:",
      `aws lambda create-function --function-name ${c.names.consumer} --runtime nodejs20.x \\`,
      "  --handler lambda-handler.handler --zip-file fileb://consumer.zip --role <execution role ARN> \\",
      `  --timeout ${CONSUMER_TIMEOUT_SECONDS} --environment 'Variables={TABLE_NAME=${c.names.processedTable},METRICS_NAMESPACE=MessagingLabs/FifoConsumer,CRASH_AFTER_SAVE=false}'`,
      `aws lambda create-event-source-mapping --function-name ${c.names.consumer} \\`,
      `  --event-source-arn arn:aws:sqs:${c.region}:<account>:${c.names.ordersQueue} \\`,
      `  --batch-size ${CONSUMER_BATCH_SIZE} --function-response-types ReportBatchItemFailures`,
      "",
      "# The consumer's one write, by hand: a second run answers ConditionalCheckFailedException.",
      `aws dynamodb put-item --table-name ${c.names.processedTable} \\`,
      `  --item '{"message_id":{"S":"m-0001"},"event":{"S":"placed"}}' \\`,
      "  --condition-expression 'attribute_not_exists(message_id)'",
    ].join("\n"),
  sdk: (c) =>
    [
      'import { DynamoDBClient, PutItemCommand, ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";',
      "",
      `const dynamodb = new DynamoDBClient({ region: "${c.region}" });`,
      "",
      "try {",
      "  await dynamodb.send(new PutItemCommand({",
      `    TableName: "${c.names.processedTable}",`,
      "    Item: { message_id: { S: message.message_id }, body: { S: record.body } },",
      '    ConditionExpression: "attribute_not_exists(message_id)",',
      '    ReturnValuesOnConditionCheckFailure: "ALL_OLD",   // who saved it first',
      "  }));",
      "  // saved: MessagesSaved + 1, then delete the message",
      "} catch (error) {",
      "  if (!(error instanceof ConditionalCheckFailedException)) throw error;   // DynamoDBSaveError: retry",
      "  // a duplicate: DuplicateMessages + 1, skip it and delete the message",
      "}",
    ].join("\n"),
});
