/**
 * The email outbox. The local cloud sends no email: what SNS would mail to an `email` or
 * `email-json` subscription (subscription confirmations, notifications, CloudWatch alarm
 * notifications) lands here, per region, newest last, where the workbook's UI reads it through
 * `GET /_localcloud/sns/outbox`. A confirmation carries its token and confirm URL so a UI can
 * confirm the subscription (ConfirmSubscription with the token, or by following the URL).
 */
import { randomUUID } from "node:crypto";
import { keySegment, type StateStore } from "../core/persistence";

export type EmailKind = "SubscriptionConfirmation" | "Notification";

export interface OutboxEmail {
  id: string;
  sentAt: string;
  region: string;
  to: string;
  from: string;
  protocol: "email" | "email-json";
  kind: EmailKind;
  topicArn: string;
  subscriptionArn: string;
  subject: string;
  body: string;
  messageId?: string;
  /** Confirmations: the token ConfirmSubscription takes, and the link that confirms. */
  token?: string;
  confirmUrl?: string;
  unsubscribeUrl?: string;
}

/** The most emails kept per region; the oldest go first. */
const MAX_EMAILS_PER_REGION = 1000;

export class Outbox {
  private emails = new Map<string, OutboxEmail[]>();

  constructor(private readonly store: StateStore) {}

  restore(): void {
    for (const { key, data } of this.store.readAll("sns/")) {
      const match = /^sns\/([^/]+)\/outbox$/.exec(key);
      if (!match || !Array.isArray(data)) continue;
      const list = data as OutboxEmail[];
      if (list.length > 0) this.emails.set(list[0].region, list);
    }
  }

  add(email: Omit<OutboxEmail, "id">): OutboxEmail {
    const stored: OutboxEmail = { id: randomUUID(), ...email };
    const list = this.emails.get(email.region) ?? [];
    list.push(stored);
    if (list.length > MAX_EMAILS_PER_REGION) list.splice(0, list.length - MAX_EMAILS_PER_REGION);
    this.emails.set(email.region, list);
    this.store.markDirty(`sns/${keySegment(email.region)}/outbox`, () => list);
    return stored;
  }

  /** Emails of a region, optionally only those about one topic (by ARN). */
  list(region: string, topicArn?: string): OutboxEmail[] {
    const list = this.emails.get(region) ?? [];
    return topicArn ? list.filter((e) => e.topicArn === topicArn) : [...list];
  }
}
