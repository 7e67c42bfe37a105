/**
 * One message as a queue holds it, and the checks SQS applies to what a sender gives it: body
 * characters, message attribute names, types and values, and the size that counts toward the
 * queue's MaximumMessageSize (body plus every attribute's name, type and value).
 */
import type { MessageAttribute } from "../../core/links";
import { sqsErrors } from "../errors";

export type MessageState = "visible" | "inflight" | "delayed";

export interface StoredMessage {
  id: string;
  body: string;
  md5OfBody: string;
  attributes?: Record<string, MessageAttribute>;
  md5OfAttributes?: string;
  /** AWSTraceHeader, the one system attribute a sender may set. */
  traceHeader?: string;
  md5OfSystemAttributes?: string;
  senderId: string;
  /** SentTimestamp (epoch ms); a standard queue's DLQ keeps the original. */
  sentAt: number;
  /** When the message entered this queue (age of the oldest message, DLQ retention). */
  enqueuedAt: number;
  expiresAt: number;
  firstReceivedAt?: number;
  receiveCount: number;
  state: MessageState;
  /** For delayed and in-flight messages: when they become visible (epoch ms). */
  visibleAt: number;
  /** Counts receives; part of each receipt handle, so an older handle is told apart. */
  receiveSeq: number;
  /** When the current receive happened (the 12-hour visibility limit runs from it). */
  receivedAt: number;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  deadLetterSourceArn?: string;
  size: number;
  removed: boolean;
  /** Bumped on every state change, so stale scheduled events and queue entries are skipped. */
  version: number;
  /** The queue's pending "visible again" event for this message (in memory only, never saved). */
  visibilityEvent?: { message: StoredMessage | null };
}

const INVALID_CHARACTER = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function hasOnlyValidCharacters(text: string): boolean {
  return !INVALID_CHARACTER.test(text);
}

export function assertValidBody(body: string | undefined): asserts body is string {
  if (body === undefined || body === null || body === "") throw sqsErrors.missingParameter("MessageBody");
  if (!hasOnlyValidCharacters(body)) throw sqsErrors.invalidMessageContents();
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const DATA_TYPE = /^(String|Number|Binary)(\..+)?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
export const MAX_MESSAGE_ATTRIBUTES = 10;

/** Validates message attributes (user or system) as SendMessage does. */
export function assertValidAttributes(attributes: Record<string, MessageAttribute> | undefined, kind: "user" | "system" = "user"): void {
  if (!attributes) return;
  const names = Object.keys(attributes);
  if (kind === "user" && names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw sqsErrors.invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  for (const name of names) {
    if (kind === "system") {
      if (name !== "AWSTraceHeader") throw sqsErrors.invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    } else {
      if (name.length > 256) throw sqsErrors.invalidParameterValue("Message (user) attribute names must be shorter than 256 Bytes.");
      const lower = name.toLowerCase();
      if (!ATTRIBUTE_NAME.test(name) || name.startsWith(".") || name.endsWith(".") || name.includes("..")) {
        throw sqsErrors.invalidParameterValue(
          `Message (user) attribute name '${name}' is invalid. The attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters, and must not start or end with a period or contain two periods in succession.`,
        );
      }
      if (lower.startsWith("aws.") || lower.startsWith("amazon.")) {
        throw sqsErrors.invalidParameterValue(
          `Message (user) attribute name '${name}' is invalid. You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use.`,
        );
      }
    }
    const attribute = attributes[name];
    const label = kind === "user" ? "(user)" : "system";
    const dataType = attribute?.DataType;
    if (!dataType) throw sqsErrors.invalidParameterValue(`The message ${label} attribute '${name}' must contain a non-empty attribute type.`);
    if (!DATA_TYPE.test(dataType) || dataType.length > 256) {
      throw sqsErrors.invalidParameterValue(
        `The type of message ${label} attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    if (dataType.startsWith("Binary")) {
      if (!attribute.BinaryValue) {
        throw sqsErrors.invalidParameterValue(`The message ${label} attribute '${name}' must contain a non-empty message attribute value for message attribute type 'Binary'.`);
      }
    } else {
      const value = attribute.StringValue;
      const type = dataType.startsWith("Number") ? "Number" : "String";
      if (value === undefined || value === "") {
        throw sqsErrors.invalidParameterValue(`The message ${label} attribute '${name}' must contain a non-empty message attribute value for message attribute type '${type}'.`);
      }
      if (!hasOnlyValidCharacters(value)) throw sqsErrors.invalidParameterValue(`Message ${label} attribute '${name}' value contains invalid characters.`);
      if (type === "Number" && !NUMBER.test(value.trim())) {
        throw sqsErrors.invalidParameterValue(`Can't cast the value of message ${label} attribute '${name}' to a number.`);
      }
    }
  }
}

/** Bytes that count toward MaximumMessageSize. */
export function messageSize(body: string, attributes: Record<string, MessageAttribute> | undefined): number {
  let size = Buffer.byteLength(body, "utf8");
  if (attributes) {
    for (const [name, attribute] of Object.entries(attributes)) {
      size += Buffer.byteLength(name, "utf8") + Buffer.byteLength(attribute.DataType, "utf8");
      if (attribute.BinaryValue !== undefined) size += Buffer.byteLength(attribute.BinaryValue, "base64");
      else size += Buffer.byteLength(attribute.StringValue ?? "", "utf8");
    }
  }
  return size;
}

const FIFO_ID = /^[\x21-\x7E]{1,128}$/;

export function assertValidFifoId(value: string, parameter: "MessageGroupId" | "MessageDeduplicationId"): void {
  if (!FIFO_ID.test(value)) {
    throw sqsErrors.invalidValue(value, parameter, `${parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
  }
}
