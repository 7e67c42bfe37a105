/**
 * How a received message is shown to its receiver: the system attributes it asked for
 * (AttributeNames / MessageSystemAttributeNames, `All`), the message attributes it asked for
 * (`All`, `.*`, `prefix.*` or names) and the MD5 of exactly those message attributes.
 */
import type { MessageAttribute } from "../../core/links";
import { md5OfAttributes } from "../model/md5";
import type { StoredMessage } from "../model/message";
import type { WireMessageAttributes } from "./context";

export interface WireMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: WireMessageAttributes;
}

/** Every system attribute a message has, by name. */
export function systemAttributes(message: StoredMessage): Record<string, string> {
  const attributes: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
  };
  if (message.firstReceivedAt !== undefined) attributes.ApproximateFirstReceiveTimestamp = String(message.firstReceivedAt);
  if (message.traceHeader !== undefined) attributes.AWSTraceHeader = message.traceHeader;
  if (message.groupId !== undefined) attributes.MessageGroupId = message.groupId;
  if (message.deduplicationId !== undefined) attributes.MessageDeduplicationId = message.deduplicationId;
  if (message.sequenceNumber !== undefined) attributes.SequenceNumber = message.sequenceNumber;
  if (message.deadLetterSourceArn !== undefined) attributes.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
  return attributes;
}

function selectSystemAttributes(message: StoredMessage, names: string[]): Record<string, string> | undefined {
  if (names.length === 0) return undefined;
  const all = systemAttributes(message);
  if (names.includes("All")) return all;
  const selected: Record<string, string> = {};
  for (const name of names) if (all[name] !== undefined) selected[name] = all[name];
  return Object.keys(selected).length > 0 ? selected : undefined;
}

function selectMessageAttributes(attributes: Record<string, MessageAttribute> | undefined, names: string[]): WireMessageAttributes | undefined {
  if (!attributes || names.length === 0) return undefined;
  if (names.includes("All") || names.includes(".*")) return attributes;
  const selected: WireMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    const wanted = names.some((pattern) => (pattern.endsWith(".*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name));
    if (wanted) selected[name] = value;
  }
  return Object.keys(selected).length > 0 ? selected : undefined;
}

export function renderReceivedMessage(
  message: StoredMessage,
  receiptHandle: string,
  systemAttributeNames: string[],
  messageAttributeNames: string[],
): WireMessage {
  const attributes = selectMessageAttributes(message.attributes, messageAttributeNames);
  const rendered: WireMessage = {
    MessageId: message.id,
    ReceiptHandle: receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  const system = selectSystemAttributes(message, systemAttributeNames);
  if (system) rendered.Attributes = system;
  if (attributes) {
    rendered.MD5OfMessageAttributes = attributes === message.attributes ? message.md5OfAttributes : md5OfAttributes(attributes);
    rendered.MessageAttributes = attributes;
  }
  return rendered;
}
