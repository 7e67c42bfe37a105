/**
 * An order as the lab publishes it and the processor stores it, with the rules the processor
 * checks before writing. Pure: the processor, the steps and the panels all use it.
 */

export interface Order {
  orderId: string;
  userId: string;
  itemName: string;
  quantity: number;
  status: OrderStatus;
  /** When the order was placed, ISO 8601 in UTC. */
  timestamp: string;
}

export const ORDER_STATUSES = ["new", "paid", "shipped", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type OrderCheck = { ok: true; order: Order } | { ok: false; problems: string[] };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date and time whose date exists on the calendar (Date.parse rolls 30 February over). */
function isIsoInstant(value: string): boolean {
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** Checks every field and says what is wrong with each, so one log line explains a rejected order. */
export function checkOrder(value: unknown): OrderCheck {
  if (!isRecord(value)) return { ok: false, problems: [`an order must be a JSON object, not ${describeJson(value)}`] };
  const problems: string[] = [];
  if (!text(value.orderId)) problems.push("orderId is missing");
  else if (value.orderId.length > 64) problems.push("orderId is longer than 64 characters");
  if (!text(value.userId)) problems.push("userId is missing");
  if (!text(value.itemName)) problems.push("itemName is missing");
  if (value.quantity === undefined) problems.push("quantity is missing");
  else if (typeof value.quantity !== "number") problems.push(`quantity must be a number, not ${describeJson(value.quantity)}`);
  else if (!Number.isInteger(value.quantity) || value.quantity < 1) problems.push("quantity must be a whole number of at least 1");
  if (!text(value.status)) problems.push("status is missing");
  else if (!(ORDER_STATUSES as readonly string[]).includes(value.status)) problems.push(`status must be one of ${ORDER_STATUSES.join(", ")}`);
  if (!text(value.timestamp)) problems.push("timestamp is missing");
  else if (!isIsoInstant(value.timestamp)) problems.push("timestamp must be an ISO 8601 date and time");
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    order: {
      orderId: value.orderId as string,
      userId: value.userId as string,
      itemName: value.itemName as string,
      quantity: value.quantity as number,
      status: value.status as OrderStatus,
      timestamp: value.timestamp as string,
    },
  };
}

/** "a string", "an array", "null"... for messages about a value of the wrong type. */
export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return "nothing";
}
