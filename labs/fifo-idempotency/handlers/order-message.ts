/**
 * What the consumer accepts in a message body: a JSON object with a non-empty string
 * `message_id` (the producer's own id for the order event, the key of the idempotency record).
 * Anything else is invalid and can never succeed, however often it is retried.
 */

export interface OrderMessage {
  message_id: string;
  /** The order the event belongs to; the producer uses it as the message group. */
  order_id?: string;
  event?: string;
  /** The producer's count of events in its group, when it numbers them. */
  seq?: number;
  [field: string]: unknown;
}

export type ParsedBody = { ok: true; message: OrderMessage } | { ok: false; reason: string };

export const MAX_MESSAGE_ID_LENGTH = 128;

export function parseOrderMessage(body: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: `The body is not JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: `The body is JSON but not an object (it is ${Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`}).` };
  }
  const message = value as Record<string, unknown>;
  const id = message.message_id;
  if (typeof id !== "string" || id.trim() === "") return { ok: false, reason: "The body has no message_id (a non-empty string)." };
  if (id.length > MAX_MESSAGE_ID_LENGTH) return { ok: false, reason: `The message_id is longer than ${MAX_MESSAGE_ID_LENGTH} characters.` };
  return { ok: true, message: message as OrderMessage };
}
