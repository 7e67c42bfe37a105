/**
 * The messages a subscribed queue holds, described for the page: delivered wrapped in SNS's
 * envelope or raw, the envelope's fields in their order, and the order or tracking id each one
 * carries, next to what the shared queue inspection gives (SQS message attributes with DataType).
 */
import type { QueueMessageView } from "@/lib/lab-framework/inspect/queue-inspection";
import { isSnsDocument } from "./order-message";
import { isPracticeBody } from "./practice-message";

export interface DeliveryView extends QueueMessageView {
  delivery: "sns-envelope" | "raw" | "not-json" | "practice";
  /** The envelope's fields in the order they arrived (values as strings), when wrapped. */
  envelope: Array<{ field: string; value: string }> | null;
  /** The order id (or malformed order's tracking id) the message carries, when one can be found. */
  orderId: string | null;
}

const TRACKING = /\b(BAD-[0-9a-f]{6}|O-[0-9a-f]{6}|O1234)\b/;

function orderIdIn(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as { orderId?: unknown }).orderId === "string") return (parsed as { orderId: string }).orderId;
  } catch {
    // not JSON: look for an id in the text
  }
  return TRACKING.exec(text)?.[1] ?? null;
}

export function describeDelivery(message: QueueMessageView): DeliveryView {
  if (isPracticeBody(message.body)) return { ...message, delivery: "practice", envelope: null, orderId: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.body);
  } catch {
    return { ...message, delivery: "not-json", envelope: null, orderId: orderIdIn(message.body) };
  }
  if (isSnsDocument(parsed)) {
    const envelope = Object.entries(parsed as unknown as Record<string, unknown>).map(([field, value]) => ({
      field,
      value: typeof value === "string" ? value : JSON.stringify(value, null, 2),
    }));
    return { ...message, delivery: "sns-envelope", envelope, orderId: orderIdIn(typeof parsed.Message === "string" ? parsed.Message : "") };
  }
  return { ...message, delivery: "raw", envelope: null, orderId: orderIdIn(message.body) };
}
