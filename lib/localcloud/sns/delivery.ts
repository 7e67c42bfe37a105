/**
 * Delivering a published message to each confirmed subscription of its topic: the filter policy
 * first, then per protocol — SQS in-process through `links.sqs` (AWS's JSON envelope, or the raw
 * message with its attributes as SQS message attributes), HTTP/S by POST to a loopback endpoint
 * (retried on the virtual clock as the delivery policy says), email and email-json into the
 * outbox. A failed delivery goes to the subscription's dead-letter queue when it has one.
 * Also sends subscription confirmations (email: to the outbox; HTTP/S: POSTed to the endpoint).
 */
import { randomUUID } from "node:crypto";
import type { VirtualClock } from "../core/clock";
import { isAwsError } from "../core/errors";
import type { Links, MessageAttribute } from "../core/links";
import { confirmationEnvelope, formatEnvelope, notificationEnvelope } from "./envelope";
import { evaluateFilterPolicy } from "./filter-policy";
import { envelopeAttributes } from "./message-attributes";
import type { SnsMetrics } from "./metrics";
import type { SnsModel, Subscription, Topic } from "./model";
import type { Outbox } from "./outbox";

export interface Notification {
  messageId: string;
  /** The message text per protocol (`default` always present; more with MessageStructure=json). */
  messages: Record<string, string>;
  structured: boolean;
  subject?: string;
  attributes: Record<string, MessageAttribute>;
  /** FIFO topics pass it to FIFO queues; standard topics to standard queues (SQS fair queues). */
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  timestamp: number;
  fromFifoTopic: boolean;
}

/** SQS refuses more than 10 message attributes; SNS treats that as a client error for raw delivery. */
const MAX_SQS_ATTRIBUTES = 10;
const HTTP_TIMEOUT_MS = 15_000;
const UNCONFIRMED_LIFETIME_MS = 48 * 3600_000;

interface DeliveryFailure {
  code: string;
  message: string;
  /** Server-side failures are retried (HTTP/S); client-side ones go straight to the DLQ. */
  retryable: boolean;
}

export interface DeliveryDeps {
  clock: VirtualClock;
  links: Links;
  model: SnsModel;
  outbox: Outbox;
  metrics: SnsMetrics;
}

export function baseUrl(subscription: Subscription): string {
  return `http://${subscription.host}`;
}

/**
 * The links in SNS's messages take AWS's form, `https://sns.<region>.amazonaws.com/?Action=…` with
 * the ARN unescaped and no Version, on the host the subscriber's client called.
 */
export function subscribeUrl(subscription: Subscription): string {
  return `${baseUrl(subscription)}/?Action=ConfirmSubscription&TopicArn=${subscription.topicArn}&Token=${subscription.token ?? ""}`;
}

export function unsubscribeUrl(subscription: Subscription): string {
  return `${baseUrl(subscription)}/?Action=Unsubscribe&SubscriptionArn=${subscription.arn}`;
}

function signingCertUrl(subscription: Subscription): string {
  return `${baseUrl(subscription)}/_localcloud/sns/signing-cert`;
}

function emailFooter(subscription: Subscription): string {
  return (
    "\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n" +
    `${unsubscribeUrl(subscription)}\n\n` +
    "Please do not reply directly to this email. This message was delivered to the local cloud's outbox; no email was sent."
  );
}

export class Delivery {
  constructor(private readonly deps: DeliveryDeps) {}

  /** Fans a published message out to the topic's confirmed subscriptions. */
  publish(topic: Topic, notification: Notification): void {
    for (const subscription of [...topic.subscriptions]) {
      if (subscription.pendingConfirmation) continue;
      const message = this.messageFor(notification, subscription.protocol);
      const { policy, scope } = this.deps.model.filterPolicy(subscription);
      const outcome = evaluateFilterPolicy(policy, scope, { body: message, attributes: notification.attributes });
      if (!outcome.matched) {
        this.record(topic, { kind: "filteredOut", reason: outcome.reason });
        continue;
      }
      this.deliver(topic, subscription, notification, message);
    }
  }

  /** Sends the confirmation request of a pending email or HTTP/S subscription. */
  sendConfirmation(topic: Topic, subscription: Subscription): void {
    const timestamp = this.deps.clock.now();
    const document = confirmationEnvelope({
      messageId: randomUUID(),
      topicArn: topic.arn,
      token: subscription.token ?? "",
      subscribeUrl: subscribeUrl(subscription),
      timestamp,
      signatureVersion: topic.attributes.SignatureVersion ?? "1",
      signingCertUrl: signingCertUrl(subscription),
    });
    if (subscription.protocol === "email" || subscription.protocol === "email-json") {
      const text =
        `You have chosen to subscribe to the topic:\n${topic.arn}\n\n` +
        "To confirm this subscription, click or visit the link below (if this was in error no action is necessary):\n" +
        `${subscribeUrl(subscription)}\n\n` +
        "Please do not reply directly to this email. This message was delivered to the local cloud's outbox; no email was sent.";
      this.deps.outbox.add({
        sentAt: new Date(timestamp).toISOString(),
        region: topic.region,
        to: subscription.endpoint,
        from: this.sender(topic),
        protocol: subscription.protocol,
        kind: "SubscriptionConfirmation",
        topicArn: topic.arn,
        subscriptionArn: subscription.arn,
        subject: "AWS Notification - Subscription Confirmation",
        body: subscription.protocol === "email" ? text : formatEnvelope(document),
        messageId: document.MessageId as string,
        token: subscription.token,
        confirmUrl: subscribeUrl(subscription),
      });
      return;
    }
    if (subscription.protocol === "http" || subscription.protocol === "https") {
      void postToEndpoint(subscription.endpoint, formatEnvelope(document), {
        "x-amz-sns-message-type": "SubscriptionConfirmation",
        "x-amz-sns-message-id": document.MessageId as string,
        "x-amz-sns-topic-arn": topic.arn,
      }).catch(() => undefined);
    }
  }

  /** Deletes subscriptions left unconfirmed for 48 hours, as SNS does. */
  expireUnconfirmed(now: number): void {
    for (const region of this.deps.model.regions()) {
      for (const topic of this.deps.model.list(region)) {
        for (const subscription of [...topic.subscriptions]) {
          if (subscription.pendingConfirmation && now - subscription.createdAt >= UNCONFIRMED_LIFETIME_MS) {
            this.deps.model.removeSubscription(topic, subscription.arn);
          }
        }
      }
    }
  }

  private messageFor(notification: Notification, protocol: string): string {
    return notification.messages[protocol] ?? notification.messages.default;
  }

  private raw(subscription: Subscription): boolean {
    return subscription.attributes.RawMessageDelivery === "true";
  }

  private deliveredAttributes(notification: Notification): Record<string, MessageAttribute> {
    return notification.structured ? {} : notification.attributes;
  }

  private envelope(topic: Topic, subscription: Subscription, notification: Notification, message: string): string {
    const attributes = this.deliveredAttributes(notification);
    return formatEnvelope(
      notificationEnvelope({
        messageId: notification.messageId,
        topicArn: topic.arn,
        subject: notification.subject,
        message,
        timestamp: notification.timestamp,
        sequenceNumber: notification.sequenceNumber,
        signatureVersion: topic.attributes.SignatureVersion ?? "1",
        signingCertUrl: signingCertUrl(subscription),
        unsubscribeUrl: unsubscribeUrl(subscription),
        messageAttributes: envelopeAttributes(attributes),
      }),
    );
  }

  private deliver(topic: Topic, subscription: Subscription, notification: Notification, message: string): void {
    switch (subscription.protocol) {
      case "sqs":
        return this.deliverToQueue(topic, subscription, notification, message);
      case "email":
      case "email-json":
        return this.deliverEmail(topic, subscription, notification, message);
      case "http":
      case "https":
        return this.deliverHttp(topic, subscription, notification, message, 0);
    }
  }

  private deliverToQueue(topic: Topic, subscription: Subscription, notification: Notification, message: string): void {
    const raw = this.raw(subscription);
    const body = raw ? message : this.envelope(topic, subscription, notification, message);
    const attributes = raw ? this.deliveredAttributes(notification) : undefined;
    const failure = this.sendToQueue(subscription.endpoint, body, attributes, notification);
    if (!failure) {
      this.record(topic, { kind: "delivered" });
      return;
    }
    this.fail(topic, subscription, notification, body, attributes, failure);
  }

  private sendToQueue(
    queueArn: string,
    body: string,
    attributes: Record<string, MessageAttribute> | undefined,
    notification: Notification,
  ): DeliveryFailure | null {
    const sqs = this.deps.links.sqs;
    if (!sqs) return { code: "ServiceUnavailable", message: "SQS is not running in this local cloud.", retryable: false };
    if (attributes && Object.keys(attributes).length > MAX_SQS_ATTRIBUTES) {
      return {
        code: "TooManyMessageAttributes",
        message: `Raw message delivery to SQS allows at most ${MAX_SQS_ATTRIBUTES} message attributes.`,
        retryable: false,
      };
    }
    const fifoQueue = queueArn.endsWith(".fifo");
    try {
      sqs.sendToArn(queueArn, {
        body,
        attributes: attributes && Object.keys(attributes).length > 0 ? attributes : undefined,
        groupId: fifoQueue === notification.fromFifoTopic ? notification.groupId : undefined,
        deduplicationId: fifoQueue ? notification.deduplicationId : undefined,
      });
      return null;
    } catch (error) {
      if (isAwsError(error)) return { code: error.code, message: error.message, retryable: false };
      return { code: "InternalError", message: String(error), retryable: false };
    }
  }

  private deliverEmail(topic: Topic, subscription: Subscription, notification: Notification, message: string): void {
    const json = subscription.protocol === "email-json";
    this.deps.outbox.add({
      sentAt: new Date(this.deps.clock.now()).toISOString(),
      region: topic.region,
      to: subscription.endpoint,
      from: this.sender(topic),
      protocol: subscription.protocol as "email" | "email-json",
      kind: "Notification",
      topicArn: topic.arn,
      subscriptionArn: subscription.arn,
      subject: notification.subject ?? "AWS Notification Message",
      body: json ? this.envelope(topic, subscription, notification, message) : message + emailFooter(subscription),
      messageId: notification.messageId,
      unsubscribeUrl: unsubscribeUrl(subscription),
    });
    this.record(topic, { kind: "delivered" });
  }

  private deliverHttp(topic: Topic, subscription: Subscription, notification: Notification, message: string, attempt: number): void {
    const raw = this.raw(subscription);
    const body = raw ? message : this.envelope(topic, subscription, notification, message);
    const headers: Record<string, string> = {
      "x-amz-sns-message-type": "Notification",
      "x-amz-sns-message-id": notification.messageId,
      "x-amz-sns-topic-arn": topic.arn,
      "x-amz-sns-subscription-arn": subscription.arn,
    };
    if (raw) headers["x-amz-sns-rawdelivery"] = "true";
    const attemptedAt = this.deps.clock.now();
    void postToEndpoint(subscription.endpoint, body, headers).then((failure) => {
      if (!failure) {
        this.record(topic, { kind: "delivered" });
        return;
      }
      const { retries, delaySeconds } = retryPolicy(subscription, topic);
      if (failure.retryable && attempt < retries && this.deps.model.subscription(subscription.arn)) {
        // The delay counts from the attempt, so a clock moved on meanwhile does not stretch it.
        this.deps.clock.at(attemptedAt + delaySeconds * 1000, () => this.deliverHttp(topic, subscription, notification, message, attempt + 1));
        return;
      }
      this.fail(topic, subscription, notification, body, undefined, failure);
    });
  }

  private fail(
    topic: Topic,
    subscription: Subscription,
    notification: Notification,
    body: string,
    attributes: Record<string, MessageAttribute> | undefined,
    failure: DeliveryFailure,
  ): void {
    this.record(topic, { kind: "failed" });
    const dlq = deadLetterTarget(subscription);
    if (!dlq) return;
    const errorAttributes: Record<string, MessageAttribute> = {
      ErrorCode: { DataType: "String", StringValue: failure.code },
      ErrorMessage: { DataType: "String", StringValue: failure.message.slice(0, 1024) },
      RequestID: { DataType: "String", StringValue: notification.messageId },
    };
    const carried = attributes && Object.keys(attributes).length + 3 <= MAX_SQS_ATTRIBUTES ? attributes : {};
    const redriveFailure = this.sendToQueue(dlq, body, { ...carried, ...errorAttributes }, {
      ...notification,
      deduplicationId: notification.deduplicationId ?? notification.messageId,
      groupId: notification.fromFifoTopic ? (notification.groupId ?? subscription.arn) : notification.groupId,
    });
    this.record(topic, { kind: redriveFailure ? "failedToRedriveToDlq" : "redrivenToDlq" });
  }

  private record(topic: Topic, event: Parameters<SnsMetrics["record"]>[3]): void {
    this.deps.metrics.record(this.deps.clock.now(), topic.region, topic.name, event);
  }

  private sender(topic: Topic): string {
    const name = topic.attributes.DisplayName || "AWS Notifications";
    return `${name} <no-reply@sns.amazonaws.com>`;
  }
}

function deadLetterTarget(subscription: Subscription): string | undefined {
  const policy = subscription.attributes.RedrivePolicy;
  if (!policy) return undefined;
  try {
    const parsed = JSON.parse(policy) as { deadLetterTargetArn?: unknown };
    return typeof parsed.deadLetterTargetArn === "string" ? parsed.deadLetterTargetArn : undefined;
  } catch {
    return undefined;
  }
}

/** HTTP/S retries: the subscription's delivery policy, else the topic's, else AWS's default (3 at 20 s). */
function retryPolicy(subscription: Subscription, topic: Topic): { retries: number; delaySeconds: number } {
  for (const source of [subscription.attributes.DeliveryPolicy, topic.attributes.DeliveryPolicy]) {
    if (!source) continue;
    try {
      const parsed = JSON.parse(source) as {
        healthyRetryPolicy?: { numRetries?: number; minDelayTarget?: number };
        http?: { defaultHealthyRetryPolicy?: { numRetries?: number; minDelayTarget?: number } };
      };
      const policy = parsed.healthyRetryPolicy ?? parsed.http?.defaultHealthyRetryPolicy;
      if (policy) return { retries: policy.numRetries ?? 3, delaySeconds: policy.minDelayTarget ?? 20 };
    } catch {
      // an unreadable policy falls back to the default
    }
  }
  return { retries: 3, delaySeconds: 20 };
}

/** POSTs to a loopback HTTP endpoint; null on 2xx, otherwise how it failed. */
async function postToEndpoint(url: string, body: string, headers: Record<string, string>): Promise<DeliveryFailure | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "text/plain; charset=UTF-8", "user-agent": "Amazon Simple Notification Service Agent" },
      body,
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return null;
    const retryable = response.status >= 500 || response.status === 429;
    return { code: `HTTP${response.status}`, message: `The endpoint answered HTTP ${response.status}.`, retryable };
  } catch (error) {
    return { code: "EndpointUnreachable", message: `The endpoint could not be reached: ${(error as Error).message}`, retryable: true };
  }
}
