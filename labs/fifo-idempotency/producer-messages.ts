/**
 * What the producer sends: order events as JSON, and the interesting cases as lists of sends.
 * Pure: ids come in from the caller, so tests can name them.
 */

export const ORDER_EVENTS = ["placed", "paid", "packed", "shipped", "delivered"] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

export const DEDUP_MODES = ["message-id", "content", "custom"] as const;
/** How a send gets its MessageDeduplicationId: the message_id, the body's SHA-256 (none sent), or one typed in. */
export type DedupMode = (typeof DEDUP_MODES)[number];

export const PRODUCER_CASES = ["same-twice", "new-dedup-id", "invalid-json", "interleaved", "failing-group"] as const;
export type ProducerCase = (typeof PRODUCER_CASES)[number];

/** SQS allows 1-128 letters, digits and punctuation in group and deduplication ids; the lab keeps to a readable subset. */
export const ID_PATTERN = /^[A-Za-z0-9_.:#-]{1,128}$/;

export interface PlannedSend {
  group: string;
  body: string;
  /** Omitted: the queue's content-based deduplication uses the SHA-256 of the body. */
  deduplicationId?: string;
  /** The message_id inside the body (the consumer's key), when the body has one. */
  messageId: string | null;
  /** What this send shows, in a few words. */
  note: string;
}

export function orderEventBody(messageId: string, orderId: string, event: string): string {
  return JSON.stringify({ message_id: messageId, order_id: orderId, event });
}

function dedupFor(mode: DedupMode, messageId: string, custom?: string): string | undefined {
  if (mode === "content") return undefined;
  if (mode === "custom") return custom || messageId;
  return messageId;
}

export interface SendInput {
  group: string;
  event: string;
  dedup: DedupMode;
  dedupId?: string;
  /** Reuse this message_id instead of a new one (the consumer will see a duplicate). */
  messageId?: string;
}

export function plannedSend(input: SendInput, newId: () => string): PlannedSend {
  const messageId = input.messageId || newId();
  return {
    group: input.group,
    body: orderEventBody(messageId, input.group, input.event),
    deduplicationId: dedupFor(input.dedup, messageId, input.dedupId),
    messageId,
    note: input.messageId ? "the same message_id again" : "a new order event",
  };
}

/**
 * The producer's interesting cases for one group (and a second group where a case needs two):
 * - same-twice: one event sent twice with the same deduplication id (or the same body, with
 *   content-based deduplication) within 5 minutes: SQS drops the second;
 * - new-dedup-id: one event sent again under a new deduplication id: SQS delivers both, the
 *   consumer must skip the second;
 * - invalid-json: a body cut short;
 * - interleaved: the events of two orders, alternating;
 * - failing-group: an invalid message in the middle of one order's events, a second order beside it.
 */
export function plannedCase(kind: ProducerCase, groups: { first: string; second: string }, dedup: DedupMode, newId: () => string): PlannedSend[] {
  const { first, second } = groups;
  switch (kind) {
    case "same-twice": {
      const id = newId();
      const body = orderEventBody(id, first, "placed");
      const deduplicationId = dedup === "content" ? undefined : id;
      return [
        { group: first, body, deduplicationId, messageId: id, note: "first send" },
        { group: first, body, deduplicationId, messageId: id, note: deduplicationId ? "same deduplication id, within 5 minutes" : "same body (same SHA-256), within 5 minutes" },
      ];
    }
    case "new-dedup-id": {
      const id = newId();
      const body = orderEventBody(id, first, "paid");
      return [
        { group: first, body, deduplicationId: id, messageId: id, note: "first send" },
        { group: first, body, deduplicationId: `${id}-retry`, messageId: id, note: "same message_id, new deduplication id" },
      ];
    }
    case "invalid-json": {
      const id = newId();
      return [{ group: first, body: orderEventBody(id, first, "paid").slice(0, -1), deduplicationId: id, messageId: null, note: "JSON cut short: the closing brace is missing" }];
    }
    case "interleaved": {
      const sends: PlannedSend[] = [];
      for (const event of ["placed", "paid", "shipped"]) {
        for (const group of [first, second]) {
          const id = newId();
          sends.push({ group, body: orderEventBody(id, group, event), deduplicationId: dedup === "content" ? undefined : id, messageId: id, note: `${group} ${event}` });
        }
      }
      return sends;
    }
    case "failing-group": {
      const sends: PlannedSend[] = [];
      const bad = newId();
      const plan: Array<[string, string]> = [
        [first, "placed"],
        [second, "placed"],
        [first, "invalid"],
        [second, "paid"],
        [first, "paid"],
        [second, "shipped"],
        [first, "shipped"],
      ];
      for (const [group, event] of plan) {
        if (event === "invalid") {
          sends.push({ group, body: orderEventBody(bad, group, "packed").slice(0, -1), deduplicationId: bad, messageId: null, note: `${group}: invalid JSON` });
          continue;
        }
        const id = newId();
        sends.push({ group, body: orderEventBody(id, group, event), deduplicationId: id, messageId: id, note: `${group} ${event}` });
      }
      return sends;
    }
  }
}
