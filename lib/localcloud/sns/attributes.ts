/**
 * Topic and subscription attributes: which ones can be set, how each is validated, and the full
 * set Get*Attributes returns (with AWS's defaults: the default access policy, the effective
 * delivery policy, SignatureVersion 1, TracingConfig PassThrough...).
 */
import { snsErrors } from "./errors";
import { parseFilterPolicy, type FilterPolicyScope } from "./filter-policy";
import type { Subscription, Topic } from "./model";

const FEEDBACK_ATTRIBUTES = ["Application", "HTTP", "Lambda", "SQS", "Firehose"].flatMap((p) => [
  `${p}SuccessFeedbackRoleArn`,
  `${p}SuccessFeedbackSampleRate`,
  `${p}FailureFeedbackRoleArn`,
]);

const SETTABLE_TOPIC_ATTRIBUTES = new Set([
  "DisplayName",
  "Policy",
  "DeliveryPolicy",
  "KmsMasterKeyId",
  "SignatureVersion",
  "TracingConfig",
  "ContentBasedDeduplication",
  "ArchivePolicy",
  "FifoThroughputScope",
  "DataProtectionPolicy",
  "MaximumMessageSize",
  ...FEEDBACK_ATTRIBUTES,
]);

export const DEFAULT_MAX_MESSAGE_SIZE = 262_144;
const LARGEST_MAX_MESSAGE_SIZE = 1_048_576;

export const SETTABLE_SUBSCRIPTION_ATTRIBUTES = new Set([
  "DeliveryPolicy",
  "FilterPolicy",
  "FilterPolicyScope",
  "RawMessageDelivery",
  "RedrivePolicy",
  "SubscriptionRoleArn",
  "ReplayPolicy",
]);

const DEFAULT_EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: "linear",
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: "text/plain; charset=UTF-8" },
  },
});

export function defaultTopicPolicy(arn: string, accountId: string): string {
  return JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
        ],
        Resource: arn,
        Condition: { StringEquals: { "AWS:SourceOwner": accountId } },
      },
    ],
  });
}

function requireJson(name: string, value: string): void {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null) throw new Error("not an object");
  } catch {
    throw snsErrors.invalidParameter(`${name}: the value is not valid JSON.`);
  }
}

/** Validates one topic attribute for a topic that is (or will be) FIFO or not. */
export function validateTopicAttribute(name: string, value: string, fifo: boolean, creating: boolean): void {
  if (name === "FifoTopic") {
    if (!creating) throw snsErrors.invalidParameter("AttributeName");
    if (value !== "true" && value !== "false") throw snsErrors.invalidParameter("Attributes Reason: FifoTopic must be true or false");
    return;
  }
  if (!SETTABLE_TOPIC_ATTRIBUTES.has(name)) {
    throw snsErrors.invalidParameter(creating ? `Attributes Reason: Unknown attribute ${name}` : "AttributeName");
  }
  switch (name) {
    case "DisplayName":
      if (value.length > 100) throw snsErrors.invalidParameter("DisplayName Reason: must be at most 100 characters");
      return;
    case "Policy":
    case "DeliveryPolicy":
    case "ArchivePolicy":
    case "DataProtectionPolicy":
      if (value !== "") requireJson(name, value);
      if (name === "ArchivePolicy" && !fifo) {
        throw snsErrors.invalidParameter("ArchivePolicy Reason: Message archiving is available only for FIFO topics");
      }
      return;
    case "SignatureVersion":
      if (value !== "1" && value !== "2") throw snsErrors.invalidParameter("SignatureVersion");
      return;
    case "TracingConfig":
      if (value !== "PassThrough" && value !== "Active") throw snsErrors.invalidParameter("TracingConfig");
      return;
    case "ContentBasedDeduplication":
      if (!fifo) {
        throw snsErrors.invalidParameter(
          "ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics",
        );
      }
      if (value !== "true" && value !== "false") throw snsErrors.invalidParameter("ContentBasedDeduplication");
      return;
    case "FifoThroughputScope":
      if (!fifo) throw snsErrors.invalidParameter("FifoThroughputScope Reason: can only be set for FIFO topics");
      if (value !== "Topic" && value !== "MessageGroup") throw snsErrors.invalidParameter("FifoThroughputScope");
      return;
    case "MaximumMessageSize": {
      const size = Number(value);
      if (!Number.isInteger(size) || size < 1024 || size > LARGEST_MAX_MESSAGE_SIZE) {
        throw snsErrors.invalidParameter(
          `MaximumMessageSize Reason: must be an integer from 1024 to ${LARGEST_MAX_MESSAGE_SIZE}`,
        );
      }
      return;
    }
  }
}

export function maxMessageSize(topic: Topic): number {
  return Number(topic.attributes.MaximumMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
}

/** Everything GetTopicAttributes returns. */
export function topicAttributes(topic: Topic, accountId: string): Record<string, string> {
  const confirmed = topic.subscriptions.filter((s) => !s.pendingConfirmation).length;
  const result: Record<string, string> = {
    Policy: topic.attributes.Policy || defaultTopicPolicy(topic.arn, accountId),
    Owner: accountId,
    SubscriptionsPending: String(topic.subscriptions.length - confirmed),
    TopicArn: topic.arn,
    EffectiveDeliveryPolicy: topic.attributes.DeliveryPolicy || DEFAULT_EFFECTIVE_DELIVERY_POLICY,
    SubscriptionsConfirmed: String(confirmed),
    DisplayName: topic.attributes.DisplayName ?? "",
    SubscriptionsDeleted: String(topic.subscriptionsDeleted),
    SignatureVersion: topic.attributes.SignatureVersion ?? "1",
    TracingConfig: topic.attributes.TracingConfig ?? "PassThrough",
  };
  if (topic.fifo) {
    result.FifoTopic = "true";
    result.ContentBasedDeduplication = topic.attributes.ContentBasedDeduplication ?? "false";
    result.FifoThroughputScope = topic.attributes.FifoThroughputScope ?? "Topic";
  }
  for (const [name, value] of Object.entries(topic.attributes)) {
    if (!(name in result) && value !== "") result[name] = value;
  }
  return result;
}

const SQS_ARN = /^arn:aws[\w-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

export function isSqsArn(value: string): boolean {
  return SQS_ARN.test(value);
}

/** Validates one subscription attribute, given the subscription's protocol and current scope. */
export function validateSubscriptionAttribute(
  name: string,
  value: string,
  context: { protocol: string; topicFifo: boolean; scope: FilterPolicyScope; filterPolicy?: string },
): void {
  if (!SETTABLE_SUBSCRIPTION_ATTRIBUTES.has(name)) throw snsErrors.invalidParameter("AttributeName");
  switch (name) {
    case "RawMessageDelivery":
      if (!["true", "false"].includes(value.toLowerCase())) {
        throw snsErrors.invalidParameter("Attributes Reason: RawMessageDelivery: Invalid value. Must be true or false.");
      }
      if (!["sqs", "http", "https", "firehose"].includes(context.protocol)) {
        throw snsErrors.invalidParameter(
          `Attributes Reason: Delivery protocol [${context.protocol}] does not support raw message delivery.`,
        );
      }
      return;
    case "FilterPolicyScope":
      if (value !== "MessageAttributes" && value !== "MessageBody") {
        throw snsErrors.invalidParameter(
          `Attributes Reason: FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`,
        );
      }
      if (context.filterPolicy) parseFilterPolicy(context.filterPolicy, value);
      return;
    case "FilterPolicy":
      parseFilterPolicy(value, context.scope);
      return;
    case "RedrivePolicy": {
      if (value === "") return;
      let target: unknown;
      try {
        target = (JSON.parse(value) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
      } catch {
        throw snsErrors.invalidParameter("RedrivePolicy: failed to parse JSON.");
      }
      if (typeof target !== "string" || !isSqsArn(target)) {
        throw snsErrors.invalidParameter("RedrivePolicy: deadLetterTargetArn is an invalid arn");
      }
      if (context.topicFifo !== target.endsWith(".fifo")) {
        throw snsErrors.invalidParameter(
          context.topicFifo
            ? "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO topic subscription."
            : "RedrivePolicy: must use a standard queue as DLQ for a standard topic subscription.",
        );
      }
      return;
    }
    case "DeliveryPolicy":
    case "ReplayPolicy":
      if (value !== "") requireJson(name, value);
      return;
  }
}

/** Everything GetSubscriptionAttributes returns. */
export function subscriptionAttributes(subscription: Subscription, topic: Topic): Record<string, string> {
  const result: Record<string, string> = {
    SubscriptionArn: subscription.arn,
    TopicArn: subscription.topicArn,
    Owner: subscription.owner,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    ConfirmationWasAuthenticated: String(subscription.confirmationWasAuthenticated),
    PendingConfirmation: String(subscription.pendingConfirmation),
    RawMessageDelivery: subscription.attributes.RawMessageDelivery ?? "false",
    SubscriptionPrincipal: `arn:aws:iam::${subscription.owner}:root`,
  };
  if (subscription.protocol === "http" || subscription.protocol === "https") {
    result.EffectiveDeliveryPolicy =
      subscription.attributes.DeliveryPolicy || topic.attributes.DeliveryPolicy || DEFAULT_EFFECTIVE_DELIVERY_POLICY;
  }
  for (const [name, value] of Object.entries(subscription.attributes)) {
    if (name === "RawMessageDelivery" || value === "") continue;
    if (name === "FilterPolicyScope" && !subscription.attributes.FilterPolicy) continue;
    result[name] = value;
  }
  if (subscription.attributes.FilterPolicy && !subscription.attributes.FilterPolicyScope) {
    result.FilterPolicyScope = "MessageAttributes";
  }
  return result;
}
