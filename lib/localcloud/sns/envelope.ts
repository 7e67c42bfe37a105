/**
 * The JSON documents SNS delivers: a `Notification` (what an SQS queue, an HTTP endpoint or an
 * email-json address receives unless raw delivery is on) and a `SubscriptionConfirmation`. Keys
 * come in AWS's order and layout (two-space indent, `"Key" : value`), and each document is signed
 * as AWS signs it (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA over the canonical string).
 * The key is the local cloud's own (RSA 1024), generated once per process; SigningCertURL points at
 * `/_localcloud/sns/signing-cert`, which returns its public half.
 */
import { createHash, createSign, generateKeyPairSync, type KeyObject } from "node:crypto";

let signingKeys: { privateKey: KeyObject; publicKeyPem: string } | null = null;

function keys(): { privateKey: KeyObject; publicKeyPem: string } {
  if (!signingKeys) {
    // 1024 bits, not AWS's 2048: signing is most of a publish's cost, and nobody can check these
    // signatures against AWS's certificate anyway.
    const pair = generateKeyPairSync("rsa", { modulusLength: 1024 });
    signingKeys = { privateKey: pair.privateKey, publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString() };
  }
  return signingKeys;
}

export function signingPublicKeyPem(): string {
  return keys().publicKeyPem;
}

/** The fields AWS signs, in the order it signs them, per message type. */
const SIGNED_FIELDS: Record<string, string[]> = {
  Notification: ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
  SubscriptionConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
  UnsubscribeConfirmation: ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
};

/** Recent signatures: a publish fanned out to several subscriptions signs the same fields each time. */
const recentSignatures = new Map<string, string>();
const RECENT_SIGNATURES = 64;

function sign(document: Record<string, string>, signatureVersion: string): string {
  const canonical = SIGNED_FIELDS[document.Type]
    .filter((field) => document[field] !== undefined)
    .map((field) => `${field}\n${document[field]}\n`)
    .join("");
  const cacheKey = `${signatureVersion}:${createHash("sha256").update(canonical).digest("base64")}`;
  const cached = recentSignatures.get(cacheKey);
  if (cached) return cached;
  const signer = createSign(signatureVersion === "2" ? "RSA-SHA256" : "RSA-SHA1");
  signer.update(canonical, "utf8");
  const signature = signer.sign(keys().privateKey, "base64");
  recentSignatures.set(cacheKey, signature);
  if (recentSignatures.size > RECENT_SIGNATURES) recentSignatures.delete(recentSignatures.keys().next().value as string);
  return signature;
}

/** AWS's layout: `{\n  "Type" : "Notification",\n  ... }`. */
export function formatEnvelope(document: Record<string, unknown>): string {
  const lines = Object.entries(document)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (k !== "MessageAttributes" || typeof v !== "object" || v === null) return `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`;
      const inner = Object.entries(v).map(([name, attribute]) => `    ${JSON.stringify(name)} : ${JSON.stringify(attribute)}`);
      return `  "MessageAttributes" : {\n${inner.join(",\n")}\n  }`;
    });
  return `{\n${lines.join(",\n")}\n}`;
}

export interface NotificationFields {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  timestamp: number;
  sequenceNumber?: string;
  signatureVersion: string;
  signingCertUrl: string;
  unsubscribeUrl: string;
  messageAttributes?: Record<string, { Type: string; Value: string }>;
}

export function notificationEnvelope(fields: NotificationFields): Record<string, unknown> {
  const signed: Record<string, string> = {
    Type: "Notification",
    MessageId: fields.messageId,
    TopicArn: fields.topicArn,
    Message: fields.message,
    Timestamp: new Date(fields.timestamp).toISOString(),
  };
  if (fields.subject !== undefined) signed.Subject = fields.subject;
  const document: Record<string, unknown> = {
    Type: "Notification",
    MessageId: fields.messageId,
    SequenceNumber: fields.sequenceNumber,
    TopicArn: fields.topicArn,
    Subject: fields.subject,
    Message: fields.message,
    Timestamp: signed.Timestamp,
    SignatureVersion: fields.signatureVersion,
    Signature: sign(signed, fields.signatureVersion),
    SigningCertURL: fields.signingCertUrl,
    UnsubscribeURL: fields.unsubscribeUrl,
  };
  if (fields.messageAttributes && Object.keys(fields.messageAttributes).length > 0) {
    document.MessageAttributes = fields.messageAttributes;
  }
  return document;
}

export interface ConfirmationFields {
  messageId: string;
  topicArn: string;
  token: string;
  subscribeUrl: string;
  timestamp: number;
  signatureVersion: string;
  signingCertUrl: string;
}

export function confirmationEnvelope(fields: ConfirmationFields): Record<string, unknown> {
  const message =
    `You have chosen to subscribe to the topic ${fields.topicArn}.\n` +
    "To confirm the subscription, visit the SubscribeURL included in this message.";
  const signed: Record<string, string> = {
    Type: "SubscriptionConfirmation",
    MessageId: fields.messageId,
    Token: fields.token,
    TopicArn: fields.topicArn,
    Message: message,
    SubscribeURL: fields.subscribeUrl,
    Timestamp: new Date(fields.timestamp).toISOString(),
  };
  return {
    Type: "SubscriptionConfirmation",
    MessageId: fields.messageId,
    Token: fields.token,
    TopicArn: fields.topicArn,
    Message: message,
    SubscribeURL: fields.subscribeUrl,
    Timestamp: signed.Timestamp,
    SignatureVersion: fields.signatureVersion,
    Signature: sign(signed, fields.signatureVersion),
    SigningCertURL: fields.signingCertUrl,
  };
}
