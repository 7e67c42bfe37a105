/**
 * What an SQS message from an SNS subscription holds, taken apart. Without raw message delivery
 * the body is SNS's JSON envelope and the order is a JSON *string* inside its `Message` field, so
 * it is parsed twice; with raw delivery the body is the order itself. Pure: the processor and the
 * page's envelope view both use it.
 */
import { checkOrder, describeJson, type Order } from "./order";

/** The fields of the envelope SNS wraps a notification in (the order they arrive in). */
export interface SnsEnvelope {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  Timestamp: string;
  SignatureVersion?: string;
  Signature?: string;
  SigningCertURL?: string;
  UnsubscribeURL?: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

export type Delivery = "sns-envelope" | "raw";

export type UnwrapFailure =
  /** The body is not JSON at all. */
  | "body-not-json"
  /** An SNS document, but not a Notification (a SubscriptionConfirmation, say). */
  | "not-a-notification"
  /** A Notification whose Message is not JSON. */
  | "message-not-json"
  /** JSON, but not an object an order could be (an array, a number, a string). */
  | "not-an-object";

export type Unwrapped =
  | { ok: true; delivery: Delivery; payload: Record<string, unknown>; envelope?: SnsEnvelope }
  | { ok: false; failure: UnwrapFailure; reason: string; delivery?: Delivery };

export type OrderFromMessage =
  | { ok: true; delivery: Delivery; order: Order; envelope?: SnsEnvelope }
  | { ok: false; reason: string; delivery?: Delivery; failure: UnwrapFailure | "invalid-order" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** SNS's documents always carry these three as strings; an order never does. */
export function isSnsDocument(value: unknown): value is SnsEnvelope {
  return isRecord(value) && typeof value.Type === "string" && typeof value.TopicArn === "string" && typeof value.MessageId === "string";
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

/** Takes the SQS body apart: the envelope (when there is one) and the JSON object it carries. */
export function unwrapSqsBody(body: string): Unwrapped {
  const outer = parse(body);
  if (!outer.ok) return { ok: false, failure: "body-not-json", reason: `the message body is not JSON ("${preview(body)}")` };
  if (isSnsDocument(outer.value)) {
    const envelope = outer.value;
    if (envelope.Type !== "Notification") {
      return {
        ok: false,
        failure: "not-a-notification",
        delivery: "sns-envelope",
        reason: `an SNS ${envelope.Type}, not a Notification: there is no order in it`,
      };
    }
    if (typeof envelope.Message !== "string") {
      return { ok: false, failure: "message-not-json", delivery: "sns-envelope", reason: "the envelope's Message is missing" };
    }
    const inner = parse(envelope.Message);
    if (!inner.ok) {
      return {
        ok: false,
        failure: "message-not-json",
        delivery: "sns-envelope",
        reason: `the envelope's Message is not JSON ("${preview(envelope.Message)}")`,
      };
    }
    if (!isRecord(inner.value)) {
      return { ok: false, failure: "not-an-object", delivery: "sns-envelope", reason: `the envelope's Message is ${describeJson(inner.value)}, not a JSON object` };
    }
    return { ok: true, delivery: "sns-envelope", payload: inner.value, envelope };
  }
  if (!isRecord(outer.value)) {
    return { ok: false, failure: "not-an-object", delivery: "raw", reason: `the message body is ${describeJson(outer.value)}, not a JSON object` };
  }
  return { ok: true, delivery: "raw", payload: outer.value };
}

/** The order an SQS message carries, wrapped or raw, checked field by field. */
export function orderFromSqsBody(body: string): OrderFromMessage {
  const unwrapped = unwrapSqsBody(body);
  if (!unwrapped.ok) return unwrapped;
  const checked = checkOrder(unwrapped.payload);
  if (!checked.ok) {
    return { ok: false, failure: "invalid-order", delivery: unwrapped.delivery, reason: `not a valid order: ${checked.problems.join("; ")}` };
  }
  return { ok: true, delivery: unwrapped.delivery, order: checked.order, envelope: unwrapped.envelope };
}
