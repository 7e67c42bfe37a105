/**
 * Per message group: the order SQS accepted the messages in (their sequence numbers) beside the
 * order the consumer saved them in. Pure; the page and the checks both use it.
 */
import type { SavedMessage } from "./saved-messages";

export interface GroupOrder {
  group: string;
  /** Saved messages in the order they were sent (SQS sequence number). */
  sent: SavedMessage[];
  /** The same messages in the order they were saved. */
  processed: SavedMessage[];
  inOrder: boolean;
}

/** Compares two decimal sequence numbers of any length. */
export function compareSequence(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function groupOrders(messages: SavedMessage[]): GroupOrder[] {
  const byGroup = new Map<string, SavedMessage[]>();
  for (const message of messages) {
    const list = byGroup.get(message.group);
    if (list) list.push(message);
    else byGroup.set(message.group, [message]);
  }
  const orders: GroupOrder[] = [];
  for (const [group, list] of byGroup) {
    const sent = [...list].sort((a, b) => compareSequence(a.sequenceNumber, b.sequenceNumber));
    // Saves of one group happen one after another; equal times keep the queue's order.
    const processed = [...list].sort((a, b) => (a.savedAt < b.savedAt ? -1 : a.savedAt > b.savedAt ? 1 : compareSequence(a.sequenceNumber, b.sequenceNumber)));
    orders.push({ group, sent, processed, inOrder: sent.every((m, i) => m.messageId === processed[i].messageId) });
  }
  return orders.sort((a, b) => compareSequence(a.sent[0].sequenceNumber, b.sent[0].sequenceNumber));
}
