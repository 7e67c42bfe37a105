/**
 * The email outbox. The local cloud sends no email: what SNS would mail to an `email` or
 * `email-json` subscription (subscription confirmations, notifications, CloudWatch alarm
 * notifications) lands here, per region, newest last, where the workbook's UI reads it through
 * `GET /_localcloud/sns/outbox`. A confirmation carries its token and confirm URL so a UI can
 * confirm the subscription (ConfirmSubscription with the token, or by following the URL).
 *
 * Saved one record per email (`sns/<region>/outbox/<order>`), so adding one costs one small write;
 * the one-part list of the earlier format (`sns/<region>/outbox`) is rewritten as records on start.
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

const ORDER_DIGITS = 15;

export class Outbox {
  private emails = new Map<string, OutboxEmail[]>();
  /** Each saved email's record key, and the next order number. */
  private keys = new WeakMap<OutboxEmail, string>();
  private nextOrder = 1;

  constructor(private readonly store: StateStore) {}

  restore(): void {
    const legacy: OutboxEmail[] = [];
    for (const { key, data } of this.store.readAll("sns/")) {
      if (/^sns\/[^/]+\/outbox$/.test(key) && Array.isArray(data)) {
        legacy.push(...(data as OutboxEmail[]));
        this.store.delete(key);
        continue;
      }
      const match = /^sns\/[^/]+\/outbox\/(\d+)$/.exec(key);
      if (!match) continue;
      const email = data as OutboxEmail;
      this.keys.set(email, key);
      this.nextOrder = Math.max(this.nextOrder, Number(match[1]) + 1);
      this.listOf(email.region).push(email);
    }
    for (const email of legacy) this.keep(email);
  }

  add(email: Omit<OutboxEmail, "id">): OutboxEmail {
    return this.keep({ id: randomUUID(), ...email });
  }

  private keep(stored: OutboxEmail): OutboxEmail {
    const list = this.listOf(stored.region);
    list.push(stored);
    if (this.store.persistent) {
      const key = `sns/${keySegment(stored.region)}/outbox/${String(this.nextOrder++).padStart(ORDER_DIGITS, "0")}`;
      this.keys.set(stored, key);
      this.store.put(key, stored);
    }
    if (list.length > MAX_EMAILS_PER_REGION) {
      for (const dropped of list.splice(0, list.length - MAX_EMAILS_PER_REGION)) {
        const key = this.keys.get(dropped);
        if (key) this.store.delete(key);
      }
    }
    return stored;
  }

  private listOf(region: string): OutboxEmail[] {
    let list = this.emails.get(region);
    if (!list) {
      list = [];
      this.emails.set(region, list);
    }
    return list;
  }

  /** Emails of a region, optionally only those about one topic (by ARN). */
  list(region: string, topicArn?: string): OutboxEmail[] {
    const list = this.emails.get(region) ?? [];
    return topicArn ? list.filter((e) => e.topicArn === topicArn) : [...list];
  }
}
