/**
 * The order rules every layer agrees on (the API checks them before queueing; the worker checks
 * them again before storing, because anything can send to a queue):
 *
 * - the body is a JSON object;
 * - `table_number`, `item` and `quantity` are there;
 * - `table_number` and `quantity` are positive whole numbers (a number, or digits in a string, as
 *   an HTML form sends them);
 * - `item` is a non-empty string; `customer_name`, when given, is a string ("Guest" when absent or blank).
 *
 * Pure: no SDK, no clock.
 */
export interface OrderFields {
  table_number: number;
  customer_name: string;
  item: string;
  quantity: number;
}

export type OrderCheck = { ok: true; order: OrderFields } | { ok: false; error: string; field?: string };

export const REQUIRED_FIELDS = ["table_number", "item", "quantity"] as const;
const MAX_TEXT = 64;

function positiveWholeNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value === "string" && /^\s*\d+\s*$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  }
  return null;
}

function shown(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Checks an order already parsed from JSON. */
export function checkOrder(value: unknown): OrderCheck {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, error: "The order must be a JSON object with table_number, item and quantity." };
  }
  const body = value as Record<string, unknown>;
  for (const field of REQUIRED_FIELDS) {
    if (body[field] === undefined || body[field] === null) return { ok: false, error: `Missing required field: ${field}`, field };
  }
  const table = positiveWholeNumber(body.table_number);
  if (table === null) return { ok: false, error: `table_number must be a positive whole number (got ${shown(body.table_number)}).`, field: "table_number" };
  const quantity = positiveWholeNumber(body.quantity);
  if (quantity === null) return { ok: false, error: `quantity must be a positive whole number (got ${shown(body.quantity)}).`, field: "quantity" };
  if (typeof body.item !== "string" || body.item.trim() === "") return { ok: false, error: "item must be the name of something on the menu, as text.", field: "item" };
  if (body.item.trim().length > MAX_TEXT) return { ok: false, error: `item must be at most ${MAX_TEXT} characters.`, field: "item" };
  const name = body.customer_name;
  if (name !== undefined && name !== null && typeof name !== "string") return { ok: false, error: "customer_name must be text.", field: "customer_name" };
  const customer = typeof name === "string" && name.trim() !== "" ? name.trim() : "Guest";
  if (customer.length > MAX_TEXT) return { ok: false, error: `customer_name must be at most ${MAX_TEXT} characters.`, field: "customer_name" };
  return { ok: true, order: { table_number: table, customer_name: customer, item: body.item.trim(), quantity } };
}

/** Checks an HTTP request body: present, JSON, then the order rules. */
export function checkOrderBody(body: string | null | undefined): OrderCheck {
  if (body === null || body === undefined || body.trim() === "") return { ok: false, error: "The request has no body: send the order as JSON." };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: "The body is not valid JSON." };
  }
  return checkOrder(parsed);
}
