/**
 * The SQS producer behind `POST /messages`: sends `batchSize` orders to the order queue, each
 * with MessageType and Priority message attributes, and answers what it sent. Deployable to
 * Lambda as it is (`handler`, with QUEUE_URL in the function's environment); the workbook runs the
 * same code with the student's connection.
 *
 *   { "messageType": "OrderProcessing", "batchSize": 5, "simulateFailure": false }
 */
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchRequestEntry } from "@aws-sdk/client-sqs";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { SQS_BATCH_LIMIT } from "../settings";
import { errorMessage, readJsonBody, reply, wholeNumber } from "./api-response";
import { buildOrders, type Order } from "./orders";

export interface SqsProducerDeps {
  sqs: SQSClient;
  /** The order queue's URL (the function's QUEUE_URL variable). */
  queueUrl: string | undefined;
  now?: () => Date;
  hexId?: (length: number) => string;
}

export interface SentOrder {
  orderId: string;
  messageId: string;
  priority: Order["priority"];
  simulateFailure: boolean;
}

export interface SqsProducerReply {
  message: string;
  messageType: string;
  queueUrl: string;
  messages: SentOrder[];
  failed: Array<{ orderId: string; code: string; reason: string }>;
}

const MESSAGE_TYPE = /^[A-Za-z0-9_-]{1,64}$/;
/** SendMessageBatch takes at most ten messages. */
const SQS_BATCH = 10;

export function createSqsProducer(deps: SqsProducerDeps) {
  return async function sqsProducer(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    const body = readJsonBody(event);
    if (!body.ok) return body.response;
    const { messageType = "OrderProcessing", batchSize: rawSize, simulateFailure = false } = body.value;
    if (typeof messageType !== "string" || !MESSAGE_TYPE.test(messageType)) {
      return reply(400, { error: "messageType must be 1 to 64 letters, digits, hyphens or underscores." });
    }
    const batchSize = wholeNumber(rawSize, "batchSize", 5, SQS_BATCH_LIMIT.min, SQS_BATCH_LIMIT.max);
    if (typeof batchSize === "string") return reply(400, { error: batchSize });
    if (typeof simulateFailure !== "boolean") return reply(400, { error: "simulateFailure must be true or false." });
    if (!deps.queueUrl) return reply(500, { error: "QUEUE_URL is not set: give the function the order queue's URL in its environment." });

    const orders = buildOrders(batchSize, { simulateFailure, now: (deps.now ?? (() => new Date()))(), hexId: deps.hexId });
    const sentAt: Array<SentOrder | undefined> = [];
    const failed: SqsProducerReply["failed"] = [];
    try {
      for (let start = 0; start < orders.length; start += SQS_BATCH) {
        const chunk = orders.slice(start, start + SQS_BATCH);
        const entries: SendMessageBatchRequestEntry[] = chunk.map((order, i) => ({
          Id: String(start + i),
          MessageBody: JSON.stringify(order),
          MessageAttributes: {
            MessageType: { DataType: "String", StringValue: messageType },
            Priority: { DataType: "String", StringValue: order.priority },
          },
        }));
        const result = await deps.sqs.send(new SendMessageBatchCommand({ QueueUrl: deps.queueUrl, Entries: entries }));
        for (const ok of result.Successful ?? []) {
          const order = orders[Number(ok.Id)];
          sentAt[Number(ok.Id)] = { orderId: order.orderId, messageId: ok.MessageId ?? "", priority: order.priority, simulateFailure: order.simulateFailure };
        }
        for (const bad of result.Failed ?? []) {
          failed.push({ orderId: orders[Number(bad.Id)].orderId, code: bad.Code ?? "Unknown", reason: bad.Message ?? "" });
        }
      }
    } catch (error) {
      const sentBeforeTheError = sentAt.filter((s) => s !== undefined);
      structuredLog({ trace_id: orders[0].orderId, action: "orders_sent", status: "error", details: { sent: sentBeforeTheError.length, error: errorMessage(error) } });
      return reply(500, { error: `Could not send to SQS: ${errorMessage(error)}`, sentBeforeTheError });
    }
    const sent = sentAt.filter((s) => s !== undefined);
    structuredLog({
      trace_id: sent[0]?.messageId ?? orders[0].orderId,
      action: "orders_sent",
      status: failed.length ? "warning" : "success",
      details: { messageType, sent: sent.length, failed: failed.length, high: sent.filter((s) => s.priority === "high").length },
    });
    const answer: SqsProducerReply = {
      message: failed.length ? `Sent ${sent.length} of ${orders.length} messages to SQS.` : `Sent ${sent.length} message${sent.length === 1 ? "" : "s"} to SQS.`,
      messageType,
      queueUrl: deps.queueUrl,
      messages: sent,
      failed,
    };
    return reply(failed.length ? 500 : 200, answer);
  };
}

let deployed: ReturnType<typeof createSqsProducer> | undefined;

/** Lambda's entry point: the execution role's credentials, QUEUE_URL from the environment. */
export const handler = (event: APIGatewayProxyEvent) => (deployed ??= createSqsProducer({ sqs: new SQSClient({}), queueUrl: process.env.QUEUE_URL }))(event);
