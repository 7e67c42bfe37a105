/**
 * CafeOrderApi, the producer: behind API Gateway (REST API, Lambda proxy integration) it checks an
 * order, sends it to the queue and answers 202 Accepted at once — it never waits for the worker.
 * A bad order is a 400 with the reason; a queue it cannot reach is a 500.
 *
 * Deploy this file to Lambda (Node.js 20) with the environment variable SQS_QUEUE_URL and a role
 * allowed sqs:SendMessage on the queue; `handler` is the entry point.
 */
import { randomUUID } from "node:crypto";
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { structuredLog } from "@/lib/runtime/logs/structured-log";
import { checkOrderBody, type OrderFields } from "./order-validation";

/** What the queue carries: the order as the customer sent it, with the id the API gave it. */
export interface OrderMessage extends OrderFields {
  order_id: string;
}

export interface OrderApiDeps {
  sqs: SQSClient;
  /** The queue's URL (Lambda: the SQS_QUEUE_URL environment variable). */
  queueUrl: string | undefined;
  newOrderId?: () => string;
}

const HEADERS = { "content-type": "application/json", "access-control-allow-origin": "*" };

function reply(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: HEADERS, body: JSON.stringify(body) };
}

export function newOrderId(): string {
  return `ord-${randomUUID().slice(0, 8)}`;
}

export function createOrderApi(deps: OrderApiDeps) {
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const body = event.body && event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    const checked = checkOrderBody(body);
    const traceId = event.requestContext?.requestId ?? "request";
    if (!checked.ok) {
      structuredLog({ trace_id: traceId, action: "order_rejected", status: "warning", details: { reason: checked.error } });
      return reply(400, { error: checked.error });
    }
    if (!deps.queueUrl) {
      structuredLog({ trace_id: traceId, action: "order_not_queued", status: "error", details: { reason: "SQS_QUEUE_URL is not set" } });
      return reply(500, { error: "The order API is not configured: SQS_QUEUE_URL is not set." });
    }
    const order: OrderMessage = { order_id: (deps.newOrderId ?? newOrderId)(), ...checked.order };
    try {
      const sent = await deps.sqs.send(new SendMessageCommand({ QueueUrl: deps.queueUrl, MessageBody: JSON.stringify(order) }));
      structuredLog({ trace_id: sent.MessageId ?? order.order_id, action: "order_accepted", status: "success", details: { order_id: order.order_id, item: order.item, quantity: order.quantity } });
      return reply(202, { message: "Order accepted", order, messageId: sent.MessageId });
    } catch (error) {
      console.error(`Could not queue order ${order.order_id}: ${(error as Error).name}: ${(error as Error).message}`);
      return reply(500, { error: "The order could not be queued; try again in a moment." });
    }
  };
}

let lambdaApi: ReturnType<typeof createOrderApi> | undefined;

/** The Lambda entry point: clients from the execution role, the queue from the environment. */
export const handler = (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  lambdaApi ??= createOrderApi({ sqs: new SQSClient({}), queueUrl: process.env.SQS_QUEUE_URL });
  return lambdaApi(event);
};
