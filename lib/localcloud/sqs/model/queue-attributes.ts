/**
 * Queue attributes as SQS defines them: defaults, ranges, which ones a queue type accepts, and
 * how AWS normalises the JSON-valued ones (RedrivePolicy, RedriveAllowPolicy). Values are kept as
 * the strings GetQueueAttributes returns; the numbers the model needs are read through `settings`.
 */
import { sqsErrors } from "../errors";

export const MAX_MESSAGE_BYTES = 1_048_576;
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

interface IntegerRange {
  min: number;
  max: number;
}

const INTEGER_ATTRIBUTES: Record<string, IntegerRange> = {
  DelaySeconds: { min: 0, max: 900 },
  MaximumMessageSize: { min: 1024, max: MAX_MESSAGE_BYTES },
  MessageRetentionPeriod: { min: 60, max: 1_209_600 },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: 20 },
  VisibilityTimeout: { min: 0, max: MAX_VISIBILITY_TIMEOUT_SECONDS },
  KmsDataKeyReusePeriodSeconds: { min: 60, max: 86_400 },
};

const FIFO_ONLY = new Set(["FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]);

/** Attributes computed by SQS, never set by a caller. */
export const READ_ONLY_ATTRIBUTES = [
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "QueueArn",
] as const;

const SETTABLE_ATTRIBUTES = new Set([
  ...Object.keys(INTEGER_ATTRIBUTES),
  "Policy",
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "KmsMasterKeyId",
  "SqsManagedSseEnabled",
  ...FIFO_ONLY,
]);

/** Every name GetQueueAttributes knows, in the order AWS lists them for `All`. */
export const ALL_ATTRIBUTE_NAMES = [
  "QueueArn",
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "VisibilityTimeout",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "DelaySeconds",
  "ReceiveMessageWaitTimeSeconds",
  "Policy",
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "SqsManagedSseEnabled",
  "FifoQueue",
  "ContentBasedDeduplication",
  "DeduplicationScope",
  "FifoThroughputLimit",
] as const;

export function isKnownAttributeName(name: string, fifo: boolean): boolean {
  if (!fifo && FIFO_ONLY.has(name)) return false;
  return (ALL_ATTRIBUTE_NAMES as readonly string[]).includes(name);
}

export function defaultAttributes(fifo: boolean): Record<string, string> {
  const attributes: Record<string, string> = {
    VisibilityTimeout: "30",
    MaximumMessageSize: String(MAX_MESSAGE_BYTES),
    MessageRetentionPeriod: "345600",
    DelaySeconds: "0",
    ReceiveMessageWaitTimeSeconds: "0",
    SqsManagedSseEnabled: "true",
  };
  if (fifo) {
    attributes.FifoQueue = "true";
    attributes.ContentBasedDeduplication = "false";
    attributes.DeduplicationScope = "queue";
    attributes.FifoThroughputLimit = "perQueue";
  }
  return attributes;
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
  redrivePermission: "allowAll" | "denyAll" | "byQueue";
  sourceQueueArns?: string[];
}

function parseJsonObject(value: string, name: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw sqsErrors.invalidValue(value, name, "Redrive policy is not a valid JSON map.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw sqsErrors.invalidValue(value, name, "Redrive policy is not a valid JSON map.");
  }
  return parsed as Record<string, unknown>;
}

export function parseRedrivePolicy(value: string): RedrivePolicy {
  const policy = parseJsonObject(value, "RedrivePolicy");
  const target = policy.deadLetterTargetArn;
  if (typeof target !== "string" || target === "") {
    throw sqsErrors.invalidValue(value, "RedrivePolicy", "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
  }
  const rawCount = policy.maxReceiveCount;
  if (rawCount === undefined) {
    throw sqsErrors.invalidValue(value, "RedrivePolicy", "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
  }
  const count = typeof rawCount === "number" ? rawCount : typeof rawCount === "string" && /^\d+$/.test(rawCount) ? Number(rawCount) : NaN;
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw sqsErrors.invalidValue(
      value,
      "RedrivePolicy",
      `Invalid value for maxReceiveCount: ${String(rawCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  const unknown = Object.keys(policy).find((k) => k !== "deadLetterTargetArn" && k !== "maxReceiveCount");
  if (unknown) throw sqsErrors.invalidValue(value, "RedrivePolicy", `Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount].`);
  return { deadLetterTargetArn: target, maxReceiveCount: count };
}

export function parseRedriveAllowPolicy(value: string): RedriveAllowPolicy {
  const policy = parseJsonObject(value, "RedriveAllowPolicy");
  const permission = policy.redrivePermission;
  if (permission !== "allowAll" && permission !== "denyAll" && permission !== "byQueue") {
    throw sqsErrors.invalidValue(value, "RedriveAllowPolicy", "Invalid value for redrivePermission. Valid values are allowAll, denyAll and byQueue.");
  }
  const arns = policy.sourceQueueArns;
  if (permission === "byQueue") {
    if (!Array.isArray(arns) || arns.length === 0 || arns.some((a) => typeof a !== "string")) {
      throw sqsErrors.invalidValue(value, "RedriveAllowPolicy", "sourceQueueArns must be a non-empty list when redrivePermission is byQueue.");
    }
    if (arns.length > 10) {
      throw sqsErrors.invalidValue(value, "RedriveAllowPolicy", "The maximum number of source queue ARNs you can specify is 10.");
    }
    return { redrivePermission: permission, sourceQueueArns: arns as string[] };
  }
  if (arns !== undefined) {
    throw sqsErrors.invalidValue(value, "RedriveAllowPolicy", "sourceQueueArns can be specified only when redrivePermission is byQueue.");
  }
  return { redrivePermission: permission };
}

function parseInteger(name: string, value: string): string {
  const range = INTEGER_ATTRIBUTES[name];
  if (!/^\d+$/.test(value.trim())) throw sqsErrors.invalidAttributeValue(name);
  const number = Number(value.trim());
  if (number < range.min || number > range.max) throw sqsErrors.invalidAttributeValue(name);
  return String(number);
}

function parseBoolean(name: string, value: string): string {
  const lower = value.toLowerCase();
  if (lower !== "true" && lower !== "false") throw sqsErrors.invalidAttributeValue(name);
  return lower;
}

/**
 * Validates attributes given to CreateQueue or SetQueueAttributes and returns them normalised.
 * An empty Policy, RedrivePolicy or RedriveAllowPolicy means "remove" and is returned as "".
 */
export function normalizeAttributes(
  input: Record<string, string>,
  options: { fifo: boolean; creating: boolean },
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, rawValue] of Object.entries(input)) {
    const value = String(rawValue);
    if (!SETTABLE_ATTRIBUTES.has(name)) throw sqsErrors.invalidAttributeName(name);
    if (FIFO_ONLY.has(name) && !options.fifo) {
      if (name === "FifoQueue" && options.creating && value.toLowerCase() === "false") continue;
      throw sqsErrors.invalidAttributeName(name);
    }
    if (name === "FifoQueue") {
      if (!options.creating) throw sqsErrors.invalidAttributeName(name);
      if (parseBoolean(name, value) !== "true") throw sqsErrors.invalidAttributeValue(name);
      result[name] = "true";
    } else if (name in INTEGER_ATTRIBUTES) {
      result[name] = parseInteger(name, value);
    } else if (name === "ContentBasedDeduplication" || name === "SqsManagedSseEnabled") {
      result[name] = parseBoolean(name, value);
    } else if (name === "DeduplicationScope") {
      if (value !== "queue" && value !== "messageGroup") throw sqsErrors.invalidAttributeValue(name);
      result[name] = value;
    } else if (name === "FifoThroughputLimit") {
      if (value !== "perQueue" && value !== "perMessageGroupId") throw sqsErrors.invalidAttributeValue(name);
      result[name] = value;
    } else if (name === "RedrivePolicy") {
      result[name] = value === "" ? "" : JSON.stringify(parseRedrivePolicy(value));
    } else if (name === "RedriveAllowPolicy") {
      result[name] = value === "" ? "" : JSON.stringify(parseRedriveAllowPolicy(value));
    } else if (name === "Policy") {
      if (value !== "") {
        try {
          const parsed: unknown = JSON.parse(value);
          if (parsed === null || typeof parsed !== "object") throw new Error("not an object");
        } catch {
          throw sqsErrors.invalidAttributeValue(name, "The policy is not valid JSON.");
        }
      }
      result[name] = value;
    } else if (name === "KmsMasterKeyId") {
      result[name] = value;
    }
  }
  if (result.KmsMasterKeyId && result.SqsManagedSseEnabled === "true") {
    throw sqsErrors.invalidAttributeValue(
      "SqsManagedSseEnabled",
      "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.",
    );
  }
  return result;
}

/** The numbers and switches the model reads, parsed once whenever attributes change. */
export interface QueueSettings {
  delaySeconds: number;
  maximumMessageSize: number;
  retentionSeconds: number;
  waitTimeSeconds: number;
  visibilityTimeoutSeconds: number;
  contentBasedDeduplication: boolean;
  deduplicationScope: "queue" | "messageGroup";
  redrivePolicy: RedrivePolicy | null;
  redriveAllowPolicy: RedriveAllowPolicy | null;
}

export function readSettings(attributes: Record<string, string>): QueueSettings {
  return {
    delaySeconds: Number(attributes.DelaySeconds),
    maximumMessageSize: Number(attributes.MaximumMessageSize),
    retentionSeconds: Number(attributes.MessageRetentionPeriod),
    waitTimeSeconds: Number(attributes.ReceiveMessageWaitTimeSeconds),
    visibilityTimeoutSeconds: Number(attributes.VisibilityTimeout),
    contentBasedDeduplication: attributes.ContentBasedDeduplication === "true",
    deduplicationScope: attributes.DeduplicationScope === "messageGroup" ? "messageGroup" : "queue",
    redrivePolicy: attributes.RedrivePolicy ? (JSON.parse(attributes.RedrivePolicy) as RedrivePolicy) : null,
    redriveAllowPolicy: attributes.RedriveAllowPolicy ? (JSON.parse(attributes.RedriveAllowPolicy) as RedriveAllowPolicy) : null,
  };
}
