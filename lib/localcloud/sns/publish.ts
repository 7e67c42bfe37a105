/**
 * Publish as SNS does it: validates the message (subject, MessageStructure=json, attributes,
 * size against the topic's MaximumMessageSize), applies FIFO rules (group id required,
 * deduplication by id or content within five minutes, sequence numbers), counts the publish and
 * hands the message to delivery.
 */
import { createHash, randomUUID } from "node:crypto";
import type { MessageAttribute } from "../core/links";
import { maxMessageSize } from "./attributes";
import type { Delivery } from "./delivery";
import { snsErrors } from "./errors";
import { attributesSize, validateMessageAttributes } from "./message-attributes";
import type { SnsMetrics } from "./metrics";
import type { SnsModel, Topic } from "./model";

export interface PublishInput {
  message: string | undefined;
  subject?: string;
  messageStructure?: string;
  attributes: Record<string, MessageAttribute>;
  groupId?: string;
  deduplicationId?: string;
}

export interface PublishResult {
  messageId: string;
  sequenceNumber?: string;
}

const DEDUP_WINDOW_MS = 5 * 60_000;
const GROUP_OR_DEDUP_ID = /^[\x21-\x7e]{1,128}$/;
const FIRST_SEQUENCE = 10_000_000_000_000_000_000n;

export interface PublishDeps {
  model: SnsModel;
  delivery: Delivery;
  metrics: SnsMetrics;
  now(): number;
}

function validateSubject(subject: string | undefined): void {
  if (subject === undefined) return;
  if (subject.length === 0 || subject.length > 100 || !/^[\x20-\x7e]+$/.test(subject) || subject.trim() === "") {
    throw snsErrors.invalidParameter("Subject");
  }
}

/** The per-protocol messages of a publish (`default` always present). */
function messagesOf(input: PublishInput): Record<string, string> {
  const message = input.message ?? "";
  if (input.messageStructure === undefined) return { default: message };
  if (input.messageStructure !== "json") throw snsErrors.invalidParameter("MessageStructure");
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw snsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw snsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
  }
  const messages: Record<string, string> = {};
  for (const [protocol, text] of Object.entries(parsed)) {
    if (typeof text === "string") messages[protocol] = text;
  }
  if (messages.default === undefined) throw snsErrors.invalidParameter("Message Structure - No default entry in JSON message body");
  return messages;
}

export function publish(deps: PublishDeps, topic: Topic, input: PublishInput): PublishResult {
  if (input.message === undefined || input.message === "") throw snsErrors.invalidParameter("Empty message");
  validateSubject(input.subject);
  const messages = messagesOf(input);
  validateMessageAttributes(input.attributes);
  const size = Buffer.byteLength(input.message) + attributesSize(input.attributes);
  if (size > maxMessageSize(topic)) throw snsErrors.invalidParameter("Message too long");

  if (input.groupId !== undefined && !GROUP_OR_DEDUP_ID.test(input.groupId)) {
    throw snsErrors.invalidParameter(
      "MessageGroupId Reason: MessageGroupId can contain up to 128 alphanumeric and punctuation characters",
    );
  }
  if (input.deduplicationId !== undefined && !GROUP_OR_DEDUP_ID.test(input.deduplicationId)) {
    throw snsErrors.invalidParameter(
      "MessageDeduplicationId Reason: MessageDeduplicationId can contain up to 128 alphanumeric and punctuation characters",
    );
  }

  const now = deps.now();
  let deduplicationId: string | undefined;
  let sequenceNumber: string | undefined;
  if (topic.fifo) {
    if (input.groupId === undefined) throw snsErrors.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
    deduplicationId = input.deduplicationId;
    if (deduplicationId === undefined) {
      if (topic.attributes.ContentBasedDeduplication !== "true") {
        throw snsErrors.invalidParameter(
          "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
        );
      }
      deduplicationId = createHash("sha256").update(input.message).digest("hex");
    }
    const scope = topic.attributes.FifoThroughputScope === "MessageGroup" ? `${input.groupId}\u0000` : "";
    const dedupKey = scope + deduplicationId;
    purgeExpired(topic, now);
    const duplicate = topic.dedup[dedupKey];
    if (duplicate && duplicate.expiresAt > now) return { messageId: duplicate.messageId, sequenceNumber: duplicate.sequenceNumber };
    const next = BigInt(topic.lastSequence || "0") < FIRST_SEQUENCE ? FIRST_SEQUENCE : BigInt(topic.lastSequence) + 1n;
    sequenceNumber = next.toString();
    topic.lastSequence = sequenceNumber;
    const messageId = randomUUID();
    topic.dedup[dedupKey] = { expiresAt: now + DEDUP_WINDOW_MS, messageId, sequenceNumber };
    deps.model.save(topic);
    return send(deps, topic, input, messages, size, { messageId, sequenceNumber, deduplicationId, now });
  }
  if (input.deduplicationId !== undefined) {
    throw snsErrors.invalidParameter(
      "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
    );
  }
  return send(deps, topic, input, messages, size, { messageId: randomUUID(), now });
}

/** When each topic's window was last swept: a sweep per publish would be quadratic at high rates. */
const lastPurge = new WeakMap<Topic, number>();
const PURGE_EVERY_MS = 10_000;

function purgeExpired(topic: Topic, now: number): void {
  if (now - (lastPurge.get(topic) ?? 0) < PURGE_EVERY_MS) return;
  lastPurge.set(topic, now);
  for (const [key, entry] of Object.entries(topic.dedup)) if (entry.expiresAt <= now) delete topic.dedup[key];
}

function send(
  deps: PublishDeps,
  topic: Topic,
  input: PublishInput,
  messages: Record<string, string>,
  size: number,
  ids: { messageId: string; sequenceNumber?: string; deduplicationId?: string; now: number },
): PublishResult {
  deps.metrics.record(ids.now, topic.region, topic.name, { kind: "published", size });
  deps.delivery.publish(topic, {
    messageId: ids.messageId,
    messages,
    structured: input.messageStructure === "json",
    subject: input.subject,
    attributes: input.attributes,
    groupId: input.groupId,
    deduplicationId: ids.deduplicationId,
    sequenceNumber: ids.sequenceNumber,
    timestamp: ids.now,
    fromFifoTopic: topic.fifo,
  });
  return { messageId: ids.messageId, sequenceNumber: ids.sequenceNumber };
}
