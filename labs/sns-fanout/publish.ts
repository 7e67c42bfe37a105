/**
 * Publishing orders to OrderTopic: the write-up's sample order, new orders for the fan-out, and
 * malformed ones for the processor to fail on. Every order carries its quantity as a message
 * attribute too, because a filter policy looks at attributes, not at the JSON body.
 */
import { randomBytes } from "node:crypto";
import { PublishCommand } from "@aws-sdk/client-sns";
import { PlainFailure } from "@/lib/aws/errors";
import { publishAttributes, type QuantityAttribute } from "./fan-out";
import type { Order } from "./order";
import { topicArn, topicExists, type Context } from "./provision";

/** The write-up's test order. */
export const SAMPLE_ORDER: Order = {
  orderId: "O1234",
  userId: "U123",
  itemName: "Laptop",
  quantity: 1,
  status: "new",
  timestamp: "2025-05-03T12:00:00Z",
};

export const MALFORMED_KINDS = {
  "quantity-as-text": "quantity written as text",
  "missing-fields": "userId, quantity and status left out",
  "not-json": "plain text instead of JSON",
} as const;
export type MalformedKind = keyof typeof MALFORMED_KINDS;

function shortId(): string {
  return randomBytes(3).toString("hex");
}

export function newOrder(fields: Pick<Order, "itemName" | "quantity">): Order {
  return { orderId: `O-${shortId()}`, userId: "U123", status: "new", timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"), ...fields };
}

/** A malformed order and the id it can be found by, wherever it ends up. */
export function malformedOrder(kind: MalformedKind): { trackingId: string; message: string } {
  const trackingId = `BAD-${shortId()}`;
  const base = { orderId: trackingId, userId: "U123", itemName: "Headphones", quantity: 2, status: "new", timestamp: new Date().toISOString() };
  switch (kind) {
    case "quantity-as-text":
      return { trackingId, message: JSON.stringify({ ...base, quantity: "two" }) };
    case "missing-fields":
      return { trackingId, message: JSON.stringify({ orderId: trackingId, itemName: base.itemName, timestamp: base.timestamp }) };
    case "not-json":
      return { trackingId, message: `Order ${trackingId}: two pairs of headphones for U123, please` };
  }
}

export interface Published {
  snsMessageId: string;
  message: string;
  attributes: Record<string, { DataType: string; StringValue: string }>;
}

export async function publishMessage(
  context: Context,
  message: string,
  attributes: Record<string, { DataType: string; StringValue: string }>,
  subject?: string,
): Promise<Published> {
  if (!(await topicExists(context))) {
    throw new PlainFailure("TopicMissing", `The topic ${context.names.orderTopic} does not exist yet.`, 'Run the step "The topic" first.', "not-found");
  }
  const { MessageId } = await context.aws.sns.send(
    new PublishCommand({
      TopicArn: await topicArn(context),
      Message: message,
      Subject: subject,
      MessageAttributes: Object.keys(attributes).length ? attributes : undefined,
    }),
    { abortSignal: context.signal },
  );
  return { snsMessageId: MessageId ?? "", message, attributes };
}

export async function publishOrder(context: Context, order: Order, quantityAttribute: QuantityAttribute = "Number", subject?: string): Promise<Published> {
  return publishMessage(context, JSON.stringify(order), publishAttributes(order, quantityAttribute), subject);
}
