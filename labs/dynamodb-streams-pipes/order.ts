/**
 * An order as this lab's API accepts it, the table stores it and the queues carry it, with the
 * rules every part of the lab agrees on: what a valid order is, when it counts as high value, and
 * what the worker decides for it. Pure: handlers, steps and panels all use it.
 */

/** Orders above this amount are high value: the worker does not complete them automatically. */
export const HIGH_VALUE_THRESHOLD = 10_000;
export const MAX_AMOUNT = 1_000_000;

/** Written by the API when the order is created, so a filter on the table's stream can match it exactly. */
export type ValueTier = "HIGH" | "STANDARD";

export type OrderStatus = "PENDING" | "COMPLETED" | "FAILED";

export interface NewOrder {
  customerName: string;
  product: string;
  amount: number;
  notes: string;
  /** Groups the orders of one demonstration run, so their fates can be counted together. */
  runId?: string;
}

export interface Order extends NewOrder {
  orderId: string;
  status: OrderStatus;
  createdAt: string;
  valueTier: ValueTier;
  /** Set by the stream forwarder once the order is in the processing queue. */
  queuedAt?: string;
  /** Set by the worker on a technical failure: the message's receive count, and why. */
  attempts?: number;
  lastError?: string;
  completedAt?: string;
  failureReason?: string;
  /** Set by the high-value worker when the pipe routed the order to it. */
  reviewStatus?: string;
  routedAt?: string;
  routedBy?: string;
}

export type NewOrderCheck = { ok: true; order: NewOrder } | { ok: false; problems: string[] };

const RUN_ID = /^[a-z0-9-]{1,40}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "a string", "an array", "null"... for messages about a value of the wrong type. */
export function describeJson(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `a string ("${value.length > 20 ? `${value.slice(0, 20)}…` : value}")`;
  return `a ${typeof value}`;
}

function requiredText(value: unknown, name: string, max: number, problems: string[]): string {
  if (value === undefined || value === null || value === "") {
    problems.push(`${name} is missing`);
    return "";
  }
  if (typeof value !== "string") {
    problems.push(`${name} must be text, not ${describeJson(value)}`);
    return "";
  }
  const trimmed = value.trim();
  if (!trimmed) problems.push(`${name} is missing`);
  else if (trimmed.length > max) problems.push(`${name} is longer than ${max} characters`);
  return trimmed;
}

/** Checks a create-order request body field by field; every problem is named, none throws. */
export function checkNewOrder(value: unknown): NewOrderCheck {
  if (!isRecord(value)) return { ok: false, problems: [`the order must be a JSON object, not ${describeJson(value)}`] };
  const problems: string[] = [];
  const customerName = requiredText(value.customerName, "customerName", 100, problems);
  const product = requiredText(value.product, "product", 100, problems);
  let amount = 0;
  if (value.amount === undefined || value.amount === null) problems.push("amount is missing");
  else if (typeof value.amount !== "number") problems.push(`amount must be a number, not ${describeJson(value.amount)}`);
  else if (!Number.isFinite(value.amount) || value.amount <= 0) problems.push("amount must be more than 0");
  else if (value.amount > MAX_AMOUNT) problems.push(`amount must be at most ${MAX_AMOUNT}`);
  else if (Math.round(value.amount * 100) !== value.amount * 100) problems.push("amount has more than two decimals");
  else amount = value.amount;
  let notes = "";
  if (value.notes !== undefined && value.notes !== null) {
    if (typeof value.notes !== "string") problems.push(`notes must be text, not ${describeJson(value.notes)}`);
    else if (value.notes.length > 500) problems.push("notes are longer than 500 characters");
    else notes = value.notes.trim();
  }
  let runId: string | undefined;
  if (value.runId !== undefined) {
    if (typeof value.runId !== "string" || !RUN_ID.test(value.runId)) problems.push("runId must be 1 to 40 lowercase letters, digits or dashes");
    else runId = value.runId;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, order: { customerName, product, amount, notes, ...(runId ? { runId } : {}) } };
}

export function valueTierOf(amount: number): ValueTier {
  return amount > HIGH_VALUE_THRESHOLD ? "HIGH" : "STANDARD";
}

/** A new order as the API stores it: PENDING, with its id, creation time and value tier. */
export function pendingOrder(order: NewOrder, orderId: string, now: Date): Order {
  return { ...order, orderId, status: "PENDING", createdAt: now.toISOString(), valueTier: valueTierOf(order.amount) };
}

/**
 * What the worker does with one message. Technical failures are thrown (so SQS retries them and,
 * after three receives, moves them to the DLQ); business-rule failures and bad data are final.
 */
export type WorkerDecision =
  | { kind: "complete"; orderId: string }
  | { kind: "fail"; orderId: string; reason: string }
  | { kind: "technical-failure"; orderId: string; reason: string }
  | { kind: "reject"; reason: string };

/** Decides the fate of one message body (the order as JSON). Never throws. */
export function decideOrder(body: string): WorkerDecision {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { kind: "reject", reason: "the message body is not JSON" };
  }
  if (!isRecord(parsed)) return { kind: "reject", reason: `the message body must be an order object, not ${describeJson(parsed)}` };
  const orderId = parsed.orderId;
  if (typeof orderId !== "string" || orderId.trim() === "") return { kind: "reject", reason: "the message has no orderId, so no order can be updated" };
  if (typeof parsed.notes === "string" && parsed.notes.includes("FAIL")) {
    return { kind: "technical-failure", orderId, reason: `Simulated technical failure: the notes of order ${orderId} contain FAIL.` };
  }
  const amount = parsed.amount;
  if (amount === undefined || amount === null) return { kind: "fail", orderId, reason: "The order has no amount." };
  if (typeof amount !== "number" || !Number.isFinite(amount)) return { kind: "fail", orderId, reason: `The amount must be a number, not ${describeJson(amount)}.` };
  if (amount > HIGH_VALUE_THRESHOLD) {
    return { kind: "fail", orderId, reason: `Amount ${amount} is above ${HIGH_VALUE_THRESHOLD}: high-value orders need a manual review.` };
  }
  return { kind: "complete", orderId };
}
