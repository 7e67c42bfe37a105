/**
 * Step 4: the SQS producer sends orders to the queue, through the same API Gateway proxy event it
 * would get behind `POST /messages`.
 */
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { z } from "zod";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { callProducer, configureSqsProducer, producerFailure } from "../functions";
import type { SqsProducerReply } from "../handlers/sqs-producer";
import { SqsProducerPanel } from "../panels/sqs-producer-panel";
import { queueUrlOf } from "../provision";
import type { KinesisLabContext, KinesisLabResources } from "../resources";
import { SQS_BATCH_LIMIT } from "../settings";

export const sendOrdersParams = z
  .object({
    messageType: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use 1 to 64 letters, digits, hyphens or underscores.").default("OrderProcessing"),
    batchSize: z.number().int("Send a whole number of orders.").min(SQS_BATCH_LIMIT.min).max(SQS_BATCH_LIMIT.max, `Send at most ${SQS_BATCH_LIMIT.max} orders at once.`).default(5),
    simulateFailure: z.boolean().default(false),
  })
  .strict();

/** Sends orders through the producer; answers its reply. */
export async function sendOrders(context: KinesisLabContext, params: z.output<typeof sendOrdersParams>): Promise<SqsProducerReply> {
  await configureSqsProducer(context);
  const { statusCode, body } = await callProducer<SqsProducerReply>(context, "sqsProducer", "/messages", params);
  if (statusCode !== 200) throw producerFailure(context, "sqsProducer", statusCode, body.error);
  return body;
}

async function ordersSent(context: KinesisLabContext): Promise<number> {
  const lines = await context.runtime.logs({ filter: { function: context.names.sqsProducer, type: "handler" } });
  return lines.reduce((sum, line) => sum + (line.type === "handler" && line.action === "orders_sent" ? Number(line.details.sent ?? 0) : 0), 0);
}

export const sqsProducerStep = defineStep<KinesisLabResources>({
  id: "sqs-producer",
  title: "Send orders to the queue",
  explanation: [
    "The producer is a Lambda function behind `POST /messages`. It builds `batchSize` orders (`orderId`, `customerId`, `amount`, `items`, `timestamp`, `priority`) and sends each as one message with two **message attributes**, `MessageType` and `Priority`: a consumer can read them without parsing the body.",
    "Every third order (the 1st, 4th, 7th...) is `high` priority. With **simulateFailure** the first order of the batch is marked to fail, so the next steps can follow it to the dead-letter queue.",
    "It sends ten messages per `SendMessageBatch` call, the most SQS allows, and lists what it sent. A batch call can partly fail: the producer checks each entry and reports the failed ones instead of assuming all went through. The queue URL comes from the function's `QUEUE_URL` environment variable, which this step sets.",
    "No processor runs yet, so the messages wait in the queue: the live panel counts them as visible.",
  ].join("\n\n"),
  actions: [
    defineAction<KinesisLabResources, typeof sendOrdersParams>({
      id: "send-orders",
      label: "Send orders",
      params: sendOrdersParams,
      panelOnly: true,
      async run(context, params) {
        const reply = await sendOrders(context, params);
        const high = reply.messages.filter((m) => m.priority === "high").length;
        return {
          message: `${reply.message} ${high} high priority${params.simulateFailure ? "; the first is marked to fail" : ""}.`,
          data: JSON.parse(JSON.stringify(reply)),
        };
      },
    }),
  ],
  async check(context) {
    const sent = await ordersSent(context);
    if (sent > 0) return { passed: true, reason: `The producer has sent ${sent} order${sent === 1 ? "" : "s"} to ${context.names.orderQueue}.` };
    const url = await queueUrlOf(context, context.names.orderQueue);
    if (!url) return { passed: false, reason: `${context.names.orderQueue} does not exist yet: run step 2 first.` };
    const { Attributes = {} } = await context.aws.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
      { abortSignal: context.signal },
    );
    const held = Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    return held > 0
      ? { passed: true, reason: `${context.names.orderQueue} holds ${held} message${held === 1 ? "" : "s"}.` }
      : { passed: false, reason: "No orders have been sent yet: send a batch." };
  },
  cli: (c) =>
    [
      `QUEUE_URL=$(aws sqs get-queue-url --queue-name ${c.names.orderQueue} --query QueueUrl --output text)`,
      "aws sqs send-message-batch --queue-url \"$QUEUE_URL\" --entries '[",
      '  {"Id":"0","MessageBody":"{\\"orderId\\":\\"ORD-1A2B3C4D\\",\\"amount\\":59.5,\\"priority\\":\\"high\\",\\"simulateFailure\\":false}",',
      '   "MessageAttributes":{"MessageType":{"DataType":"String","StringValue":"OrderProcessing"},"Priority":{"DataType":"String","StringValue":"high"}}}',
      "]'",
      "# Deployed behind API Gateway, the producer is called like this:",
      "# curl -X POST https://<api-id>.execute-api.<region>.amazonaws.com/prod/messages \\",
      "#   -H 'Content-Type: application/json' -d '{\"messageType\":\"OrderProcessing\",\"batchSize\":5,\"simulateFailure\":false}'",
    ].join("\n"),
  sdk: () =>
    [
      'import { SQSClient, SendMessageBatchCommand } from "@aws-sdk/client-sqs";',
      "",
      "const sqs = new SQSClient({});",
      "const result = await sqs.send(new SendMessageBatchCommand({",
      "  QueueUrl: process.env.QUEUE_URL,",
      "  Entries: orders.slice(0, 10).map((order, i) => ({",
      "    Id: String(i),",
      "    MessageBody: JSON.stringify(order),",
      "    MessageAttributes: {",
      '      MessageType: { DataType: "String", StringValue: messageType },',
      '      Priority: { DataType: "String", StringValue: order.priority },',
      "    },",
      "  })),",
      "}));",
      "// A batch can partly fail: result.Failed lists the entries SQS refused.",
    ].join("\n"),
  panel: SqsProducerPanel,
});
