/**
 * Splits the messages of one FIFO receive into one batch per message group, each in the order
 * the queue returned it, groups in the order their first message came.
 */
import type { Message } from "@aws-sdk/client-sqs";

export function groupByMessageGroup(messages: Message[]): Message[][] {
  const groups = new Map<string, Message[]>();
  for (const message of messages) {
    const group = message.Attributes?.MessageGroupId ?? "";
    const list = groups.get(group);
    if (list) list.push(message);
    else groups.set(group, [message]);
  }
  return [...groups.values()];
}
