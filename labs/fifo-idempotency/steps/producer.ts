/**
 * Step 2: the producer. Orders go to the FIFO queue with a group and a deduplication id (or
 * content-based deduplication); buttons send the cases worth seeing.
 */
import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { GetQueueUrlCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { z } from "zod";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import type { CheckResult, JsonValue } from "@/lib/lab-framework/types";
import { DEDUP_MODES, ID_PATTERN, ORDER_EVENTS, PRODUCER_CASES, plannedCase, plannedSend, type PlannedSend } from "../producer-messages";
import { describeTable, queueAttributes, queueUrlOf, type FifoContext } from "../provision";
import { DEFAULT_GROUPS } from "../lab-settings";
import { ProducerPanel } from "../panels/producer-panel";
import type { FifoResources } from "../resources";


const idField = (what: string) => z.string().regex(ID_PATTERN, `${what}: 1 to 128 letters, digits or _ . : # - (no spaces)`);

export interface SendResult {
  group: string;
  messageId: string | null;
  deduplicationId: string | null;
  body: string;
  note: string;
  sqsMessageId: string;
  sequenceNumber: string;
  /** SQS answered with the id of an earlier send of this batch: it kept only that one. */
  sameAsEarlier: boolean;
}

export function newMessageId(): string {
  return randomUUID();
}

export async function sendPlanned(context: FifoContext, sends: PlannedSend[]): Promise<SendResult[]> {
  const { QueueUrl } = await context.aws.sqs.send(new GetQueueUrlCommand({ QueueName: context.names.ordersQueue }), { abortSignal: context.signal });
  const results: SendResult[] = [];
  for (const send of sends) {
    const answer = await context.aws.sqs.send(
      new SendMessageCommand({ QueueUrl, MessageBody: send.body, MessageGroupId: send.group, MessageDeduplicationId: send.deduplicationId }),
      { abortSignal: context.signal },
    );
    const sqsMessageId = answer.MessageId ?? "";
    results.push({
      group: send.group,
      messageId: send.messageId,
      deduplicationId: send.deduplicationId ?? null,
      body: send.body,
      note: send.note,
      sqsMessageId,
      sequenceNumber: answer.SequenceNumber ?? "",
      sameAsEarlier: results.some((r) => r.sqsMessageId === sqsMessageId),
    });
  }
  return results;
}

function asData(results: SendResult[]): JsonValue {
  return { sends: results.map((r) => ({ ...r })) };
}

function summary(results: SendResult[]): string {
  const dropped = results.filter((r) => r.sameAsEarlier).length;
  const groups = [...new Set(results.map((r) => r.group))];
  const base = `Sent ${results.length} message${results.length === 1 ? "" : "s"} to ${groups.join(" and ")}.`;
  return dropped ? `${base} SQS answered ${dropped} of them with an earlier message's id: within the 5-minute window it keeps only the first.` : base;
}

export async function checkSomethingSent(context: FifoContext): Promise<CheckResult> {
  const { names } = context;
  const url = await queueUrlOf(context, names.ordersQueue);
  if (!url) return { passed: false, reason: `${names.ordersQueue} does not exist: do step 1 first.` };
  const counts = await queueAttributes(context, url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
  const waiting = Number(counts.ApproximateNumberOfMessages ?? 0) + Number(counts.ApproximateNumberOfMessagesNotVisible ?? 0);
  const dlqUrl = await queueUrlOf(context, names.ordersDlq);
  const dead = dlqUrl ? Number((await queueAttributes(context, dlqUrl, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages ?? 0) : 0;
  let saved = 0;
  if (await describeTable(context)) {
    const { Count = 0 } = await context.aws.dynamodb.send(new ScanCommand({ TableName: names.processedTable, Select: "COUNT" }), { abortSignal: context.signal });
    saved = Count;
  }
  if (waiting + dead + saved === 0) return { passed: false, reason: `${names.ordersQueue} is empty and nothing was saved yet: send an order or one of the cases.` };
  const parts = [`${waiting} in the queue`];
  if (saved) parts.push(`${saved} saved by the consumer`);
  if (dead) parts.push(`${dead} in the dead-letter queue`);
  return { passed: true, reason: `The producer's messages arrived: ${parts.join(", ")}.` };
}

const sendOrderParams = z
  .object({
    group: idField("group"),
    event: z.enum(ORDER_EVENTS),
    dedup: z.enum(DEDUP_MODES),
    dedupId: z.union([idField("deduplication id"), z.literal("")]).optional(),
    messageId: z.union([idField("message_id"), z.literal("")]).optional(),
  })
  .strict();

const sendCaseParams = z
  .object({
    case: z.enum(PRODUCER_CASES),
    group: idField("group").default(DEFAULT_GROUPS.first),
    secondGroup: idField("second group").default(DEFAULT_GROUPS.second),
    dedup: z.enum(DEDUP_MODES).default("message-id"),
  })
  .strict()
  .refine((p) => p.group !== p.secondGroup, { message: "the two groups must differ", path: ["secondGroup"] });

export const sendOrderAction = defineAction<FifoResources, typeof sendOrderParams>({
  id: "send-order",
  label: "Send the order event",
  params: sendOrderParams,
  panelOnly: true,
  async run(context, params) {
    const results = await sendPlanned(context, [plannedSend(params, newMessageId)]);
    return { message: summary(results), data: asData(results) };
  },
});

export const sendCaseAction = defineAction<FifoResources, typeof sendCaseParams>({
  id: "send-case",
  label: "Send a case",
  params: sendCaseParams,
  panelOnly: true,
  async run(context, params) {
    const results = await sendPlanned(context, plannedCase(params.case, { first: params.group, second: params.secondGroup }, params.dedup, newMessageId));
    return { message: summary(results), data: asData(results) };
  },
});

export const producerStep = defineStep<FifoResources>({
  id: "producer",
  title: "Send orders",
  explanation: [
    "The producer sends order events: JSON with the producer's own `message_id`, the order and the event. The group is the order, so one order's events stay in sequence.",
    "Nothing consumes the queue yet, so what you send stays there and you can see what SQS kept. Try the cases:",
    "- **The same message twice within 5 minutes.** Both sends succeed, but SQS remembers the deduplication id and drops the second copy: the queue grows by one.\n- **The same message_id under a new deduplication id.** A producer that makes a fresh deduplication id per attempt (or retries after the window) defeats SQS's check: both copies are delivered, and only the consumer's table can tell they are one event.\n- **Invalid JSON.** A body no consumer can read; step 3 shows what becomes of it.\n- **Two orders interleaved.** Events of two groups, alternating: each group keeps its own order.",
    "Content-based deduplication hashes the body. Two sends are duplicates only if every byte matches, so a timestamp in the body makes every send unique.",
  ].join("\n\n"),
  actions: [sendOrderAction, sendCaseAction],
  panel: ProducerPanel,
  check: checkSomethingSent,
  cli: (c) =>
    [
      `QUEUE_URL=$(aws sqs get-queue-url --queue-name ${c.names.ordersQueue} --query QueueUrl --output text)`,
      "",
      "# An explicit deduplication id (here the message_id):",
      `aws sqs send-message --queue-url "$QUEUE_URL" --message-group-id ${DEFAULT_GROUPS.first} \\`,
      `  --message-deduplication-id m-0001 \\`,
      `  --message-body '{"message_id":"m-0001","order_id":"${DEFAULT_GROUPS.first}","event":"placed"}'`,
      "",
      "# Content-based: no id, SQS hashes the body (the queue has ContentBasedDeduplication=true):",
      `aws sqs send-message --queue-url "$QUEUE_URL" --message-group-id ${DEFAULT_GROUPS.first} \\`,
      `  --message-body '{"message_id":"m-0002","order_id":"${DEFAULT_GROUPS.first}","event":"paid"}'`,
      "",
      "# Sent again within 5 minutes: accepted, then dropped (the same MessageId comes back).",
      `aws sqs send-message --queue-url "$QUEUE_URL" --message-group-id ${DEFAULT_GROUPS.first} \\`,
      `  --message-body '{"message_id":"m-0002","order_id":"${DEFAULT_GROUPS.first}","event":"paid"}'`,
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SQSClient, GetQueueUrlCommand, SendMessageCommand } from "@aws-sdk/client-sqs";',
      'import { randomUUID } from "node:crypto";',
      "",
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      `const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "${c.names.ordersQueue}" }));`,
      "",
      "const messageId = randomUUID();",
      "const { MessageId, SequenceNumber } = await sqs.send(new SendMessageCommand({",
      "  QueueUrl,",
      `  MessageGroupId: "${DEFAULT_GROUPS.first}",          // order is kept per group`,
      "  MessageDeduplicationId: messageId,      // leave out to use the SHA-256 of the body",
      `  MessageBody: JSON.stringify({ message_id: messageId, order_id: "${DEFAULT_GROUPS.first}", event: "placed" }),`,
      "}));",
    ].join("\n"),
});
