/**
 * Step: the order processor on OrderQueue, and what its error handling decides: with errors
 * swallowed a malformed order is deleted and lost; with errors failing the message it is retried
 * and, after three receives, lands in the DLQ.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { canPeek, peekMessages } from "@/lib/lab-framework/inspect/queue-inspection";
import type { ErrorMode } from "../handlers/order-processor";
import { ProcessorPanel } from "../panels/processor-panel";
import { BATCH_SIZE, deployProcessor, errorMode, ERROR_MODES, processorMapping, setErrorMode } from "../processor";
import { MAX_RECEIVE_COUNT, ORDER_QUEUE_VISIBILITY_SECONDS, PROCESSOR_TIMEOUT_SECONDS, queueAttributes, requireQueue } from "../provision";
import { MALFORMED_KINDS, malformedOrder, publishMessage, SAMPLE_ORDER, type MalformedKind } from "../publish";
import type { Resources } from "../resources";

const modeSchema = z.enum(["swallow", "fail"]);
const kindSchema = z.enum(Object.keys(MALFORMED_KINDS) as [MalformedKind, ...MalformedKind[]]);

export const processorStep = defineStep<Resources>({
  id: "processor",
  title: "The order processor",
  explanation: [
    "OrderProcessor is a Lambda function with OrderQueue as its trigger (an **event source mapping**): Lambda polls the queue, hands the function up to 10 messages at a time, and deletes them when the function succeeds. For each message the function unwraps the order (the envelope, or the raw body), checks its fields, and writes it to the Orders table.",
    "The write-up's version wraps all of that in `try { … } catch (err) { console.error(err) }`. It looks careful, but it means the function **always succeeds**: Lambda deletes every message, the bad ones too. A malformed order is logged once and lost, the DLQ stays empty, and nobody finds out. A DLQ only catches what the consumer admits it failed.",
    "The fix is to let the failure reach Lambda. Here the function reports each bad message in `batchItemFailures` (the mapping has **ReportBatchItemFailures** on), so only that message stays in the queue while the good ones in the same batch are deleted. It comes back after the 30 s visibility timeout, fails again, and on its way to a fourth delivery SQS moves it to OrderDLQ. A message that can never succeed belongs in the DLQ; swallow only what you have truly handled.",
    "Turn the trigger on as the write-up wrote it, send a malformed order and watch where it ends up. Then let errors fail the message and send another.",
  ].join("\n\n"),
  panel: ProcessorPanel,
  actions: [
    defineAction<Resources, z.ZodObject<{ errorMode: typeof modeSchema }>>({
      id: "deploy-processor",
      label: "Turn the trigger on",
      panelOnly: true,
      params: z.object({ errorMode: modeSchema }).strict(),
      async run(context, { errorMode: mode }) {
        await requireQueue(context, "orderQueue", "Queues, visibility timeout and the DLQ");
        const mapping = await deployProcessor(context, mode);
        return {
          message: `The trigger on ${context.names.orderQueue} is ${mapping.state === "Enabled" ? "on" : "off"}: ${context.names.orderProcessor} gets up to ${BATCH_SIZE} messages at a time, errors ${mode === "fail" ? "fail the message" : "swallowed"}.`,
          data: { uuid: mapping.uuid, state: mapping.state, errorMode: mode },
        };
      },
    }),
    defineAction<Resources, z.ZodObject<{ errorMode: typeof modeSchema }>>({
      id: "set-error-mode",
      label: "Error handling",
      panelOnly: true,
      params: z.object({ errorMode: modeSchema }).strict(),
      async run(context, { errorMode: mode }) {
        await setErrorMode(context, mode);
        return { message: `${context.names.orderProcessor} now runs with ON_ERROR=${mode}: ${ERROR_MODES[mode].toLowerCase()}.`, data: { errorMode: mode } };
      },
    }),
    defineAction<Resources, z.ZodObject<{ enabled: z.ZodBoolean }>>({
      id: "set-trigger",
      label: "Trigger on or off",
      panelOnly: true,
      params: z.object({ enabled: z.boolean() }).strict(),
      async run(context, { enabled }) {
        const mapping = await processorMapping(context);
        if (!mapping) return { message: "There is no trigger yet: turn it on first." };
        const updated = await context.runtime.setMappingEnabled(mapping.uuid, enabled);
        return { message: `The trigger is ${updated.state === "Enabled" ? "on" : "off"}.`, data: { state: updated.state } };
      },
    }),
    defineAction<Resources, z.ZodObject<{ kind: typeof kindSchema }>>({
      id: "send-malformed-order",
      label: "Publish a malformed order",
      panelOnly: true,
      checkAfter: false,
      params: z.object({ kind: kindSchema }).strict(),
      async run(context, { kind }) {
        const mode = await errorMode(context);
        const { trackingId, message } = malformedOrder(kind);
        const published = await publishMessage(context, message, {}, `Malformed order ${trackingId}`);
        return {
          message: `Published ${trackingId} (${MALFORMED_KINDS[kind]}) while errors are ${mode === "fail" ? "failing the message" : "swallowed"}.`,
          data: { trackingId, kind, errorMode: mode, snsMessageId: published.snsMessageId, sentAt: Date.now() },
        };
      },
    }),
  ],
  async check(context) {
    const mapping = await processorMapping(context);
    if (!mapping) return { passed: false, reason: "The trigger is not on yet: turn it on in the panel above." };
    if (mapping.state !== "Enabled") return { passed: false, reason: "The trigger is off: turn it on so the processor reads OrderQueue." };
    const mode: ErrorMode = await errorMode(context);
    if (mode !== "fail") return { passed: false, reason: "Errors are still swallowed: a malformed order is deleted and lost. Let errors fail the message." };
    const stored = await context.aws.documents.send(new GetCommand({ TableName: context.names.ordersTable, Key: { orderId: SAMPLE_ORDER.orderId } }), {
      abortSignal: context.signal,
    });
    if (!stored.Item) return { passed: false, reason: `Order ${SAMPLE_ORDER.orderId} is not in ${context.names.ordersTable} yet: publish the sample order (previous step) and let the processor take it.` };
    const dlq = await requireQueue(context, "orderDlq", "Queues, visibility timeout and the DLQ");
    if (canPeek(context)) {
      const inDlq = ((await peekMessages(context, dlq.name)) ?? []).filter((m) => /BAD-[0-9a-f]{6}/.test(m.body));
      if (!inDlq.length) {
        return {
          passed: false,
          reason: `No malformed order has reached ${dlq.name} yet. Publish one while errors fail the message, then let it be received ${MAX_RECEIVE_COUNT} times (fast-forward ${ORDER_QUEUE_VISIBILITY_SECONDS} s between tries).`,
        };
      }
      return { passed: true, reason: `Errors fail the message, ${SAMPLE_ORDER.orderId} is stored, and ${inDlq.length} malformed order${inDlq.length === 1 ? " is" : "s are"} waiting in ${dlq.name}.` };
    }
    const attributes = await queueAttributes(context, dlq.url);
    const waiting = Number(attributes.ApproximateNumberOfMessages ?? 0);
    if (waiting < 1) return { passed: false, reason: `${dlq.name} is empty: publish a malformed order while errors fail the message and wait for its three receives (about ${MAX_RECEIVE_COUNT * ORDER_QUEUE_VISIBILITY_SECONDS} s).` };
    return {
      passed: true,
      reason: `Errors fail the message, ${SAMPLE_ORDER.orderId} is stored, and ${dlq.name} holds ${waiting} message${waiting === 1 ? "" : "s"}.`,
      details: ["On AWS the check reads the DLQ's count only: looking at the messages themselves would be a receive."],
    };
  },
  cli: (c) =>
    [
      "# The function's settings: its table, and how it treats errors",
      `aws lambda update-function-configuration --function-name ${c.names.orderProcessor} \\`,
      `  --timeout ${PROCESSOR_TIMEOUT_SECONDS} --environment 'Variables={ORDERS_TABLE=${c.names.ordersTable},ON_ERROR=fail}'`,
      "",
      "# The trigger: OrderQueue → OrderProcessor, reporting failed messages one by one",
      `aws lambda create-event-source-mapping --function-name ${c.names.orderProcessor} \\`,
      `  --event-source-arn arn:aws:sqs:${c.region}:<account>:${c.names.orderQueue} \\`,
      `  --batch-size ${BATCH_SIZE} --function-response-types ReportBatchItemFailures`,
      "",
      "# A malformed order: quantity as text",
      `aws sns publish --topic-arn arn:aws:sns:${c.region}:<account>:${c.names.orderTopic} \\`,
      `  --message '{"orderId":"BAD-000001","userId":"U123","itemName":"Headphones","quantity":"two","status":"new","timestamp":"2025-05-03T12:00:00Z"}'`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { LambdaClient, CreateEventSourceMappingCommand, UpdateFunctionConfigurationCommand } from "@aws-sdk/client-lambda";',
      "",
      `const lambda = new LambdaClient({ region: "${c.region}" });`,
      "await lambda.send(new UpdateFunctionConfigurationCommand({",
      `  FunctionName: "${c.names.orderProcessor}",`,
      `  Timeout: ${PROCESSOR_TIMEOUT_SECONDS},`,
      `  Environment: { Variables: { ORDERS_TABLE: "${c.names.ordersTable}", ON_ERROR: "fail" } },`,
      "}));",
      "await lambda.send(new CreateEventSourceMappingCommand({",
      `  FunctionName: "${c.names.orderProcessor}",`,
      "  EventSourceArn: orderQueueArn,",
      `  BatchSize: ${BATCH_SIZE},`,
      '  FunctionResponseTypes: ["ReportBatchItemFailures"],',
      "}));",
      "",
      "// In the handler, report the messages that failed instead of swallowing the error:",
      "// return { batchItemFailures: [{ itemIdentifier: record.messageId }] };",
    ].join("\n"),
});
