/**
 * The high-value pipe's filters and input templates in the lab's two designs, and sample orders
 * worth trying. Plain data, safe for the browser: the panels show and edit these, and the server's
 * tester (routing.ts) runs them.
 */
import { HIGH_VALUE_THRESHOLD } from "./order";

export type RoutingDesign = "queue" | "stream";

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export const QUEUE_FILTER = pretty({ body: { amount: [{ numeric: [">", HIGH_VALUE_THRESHOLD] }] } });

/** What a first attempt on the stream looks like: correct-looking, and it never matches. */
export const NUMERIC_STREAM_FILTER = pretty({ eventName: ["INSERT"], dynamodb: { NewImage: { amount: { N: [{ numeric: [">", HIGH_VALUE_THRESHOLD] }] } } } });

export const STREAM_FILTER = pretty({ eventName: ["INSERT"], dynamodb: { NewImage: { valueTier: { S: ["HIGH"] } } } });

export const QUEUE_TEMPLATE = [
  "{",
  '  "orderId": <$.body.orderId>,',
  '  "customer": <$.body.customerName>,',
  '  "product": <$.body.product>,',
  '  "amount": <$.body.amount>,',
  `  "reason": "amount above ${HIGH_VALUE_THRESHOLD}",`,
  '  "routedBy": "<aws.pipes.pipe-name>",',
  '  "routedAt": "<aws.pipes.event.ingestion-time>"',
  "}",
].join("\n");

export const STREAM_TEMPLATE = [
  "{",
  '  "orderId": <$.dynamodb.NewImage.orderId.S>,',
  '  "customer": <$.dynamodb.NewImage.customerName.S>,',
  '  "product": <$.dynamodb.NewImage.product.S>,',
  '  "amount": <$.dynamodb.NewImage.amount.N>,',
  `  "reason": "amount above ${HIGH_VALUE_THRESHOLD}",`,
  '  "routedBy": "<aws.pipes.pipe-name>",',
  '  "routedAt": "<aws.pipes.event.ingestion-time>"',
  "}",
].join("\n");

export const DESIGNS: Record<RoutingDesign, { filter: string; template: string }> = {
  queue: { filter: QUEUE_FILTER, template: QUEUE_TEMPLATE },
  stream: { filter: STREAM_FILTER, template: STREAM_TEMPLATE },
};

/** The one-line form a FilterCriteria pattern or an InputTemplate is sent in. */
export function compactJson(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

export interface SampleOrder {
  label: string;
  order: Record<string, unknown>;
}

/** Orders worth trying: the boundary, the wrong types and the missing field. */
export const SAMPLE_ORDERS: Record<string, SampleOrder> = {
  normal: { label: "Normal (1,499)", order: { customerName: "Alice", product: "Wireless Headphones", amount: 1499, notes: "" } },
  boundary: { label: "Exactly 10,000", order: { customerName: "Bo", product: "Espresso machines", amount: 10000, notes: "" } },
  high: { label: "High value (25,000)", order: { customerName: "Chen", product: "Server rack", amount: 25000, notes: "" } },
  text: { label: 'Amount as text ("25000")', order: { customerName: "Dana", product: "Server rack", amount: "25000", notes: "" } },
  missing: { label: "No amount", order: { customerName: "Eli", product: "Gift card", notes: "" } },
  fail: { label: "Notes contain FAIL", order: { customerName: "Fay", product: "Desk lamp", amount: 49, notes: "please FAIL this one" } },
};
