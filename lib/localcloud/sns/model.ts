/**
 * SNS state: topics per region, each holding its attributes, tags, subscriptions and (FIFO) its
 * sequence counter and five-minute deduplication window. One persisted part per topic
 * (`sns/<region>/topics/<name>`); subscriptions live in their topic's part.
 */
import type { StateStore } from "../core/persistence";
import { keySegment } from "../core/persistence";
import { parseFilterPolicy, type FilterPolicyScope, type ParsedFilterPolicy } from "./filter-policy";

export const SNS_PROTOCOLS = ["sqs", "email", "email-json", "http", "https"] as const;
export type SnsProtocol = (typeof SNS_PROTOCOLS)[number];

export interface Subscription {
  arn: string;
  topicArn: string;
  protocol: SnsProtocol;
  endpoint: string;
  owner: string;
  /** Attributes set by Subscribe / SetSubscriptionAttributes (RawMessageDelivery, FilterPolicy...). */
  attributes: Record<string, string>;
  pendingConfirmation: boolean;
  confirmationWasAuthenticated: boolean;
  /** The confirmation token sent to the endpoint while pending (kept after, so a repeat confirm answers). */
  token?: string;
  createdAt: number;
  /** Host (and port) the subscription was made through, for the URLs in its messages. */
  host: string;
}

export interface DedupEntry {
  expiresAt: number;
  messageId: string;
  sequenceNumber?: string;
}

export interface Topic {
  name: string;
  arn: string;
  region: string;
  fifo: boolean;
  /** Attributes the user set (DisplayName, Policy, DeliveryPolicy, ContentBasedDeduplication...). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  subscriptions: Subscription[];
  subscriptionsDeleted: number;
  /** FIFO: the last sequence number handed out, as a decimal string. */
  lastSequence: string;
  dedup: Record<string, DedupEntry>;
  createdAt: number;
}

export function topicArn(region: string, accountId: string, name: string): string {
  return `arn:aws:sns:${region}:${accountId}:${name}`;
}

/** `arn:aws:sns:<region>:<account>:<name>` → its parts, or undefined. */
export function parseTopicArn(arn: string): { region: string; accountId: string; name: string } | undefined {
  const match = /^arn:aws[\w-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,256})$/.exec(arn);
  return match ? { region: match[1], accountId: match[2], name: match[3] } : undefined;
}

/** A subscription ARN is its topic ARN plus `:<uuid>`. */
export function topicArnOfSubscription(arn: string): string | undefined {
  const match = /^(arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,256}):[0-9a-f-]{36}$/.exec(arn);
  return match?.[1];
}

export class SnsModel {
  private topics = new Map<string, Map<string, Topic>>();
  private subscriptionIndex = new Map<string, { topic: Topic; subscription: Subscription }>();
  private filterCache = new Map<string, { source: string; scope: string; policy: ParsedFilterPolicy | null }>();

  constructor(
    private readonly store: StateStore,
    readonly accountId: string,
  ) {}

  restore(): void {
    for (const { key, data } of this.store.readAll("sns/")) {
      if (!/^sns\/[^/]+\/topics\/[^/]+$/.test(key)) continue;
      const topic = data as Topic;
      if (!topic?.arn || !Array.isArray(topic.subscriptions)) continue;
      this.regionTopics(topic.region).set(topic.name, topic);
      for (const subscription of topic.subscriptions) this.subscriptionIndex.set(subscription.arn, { topic, subscription });
    }
  }

  regions(): string[] {
    return [...this.topics.keys()];
  }

  list(region: string): Topic[] {
    return [...(this.topics.get(region)?.values() ?? [])];
  }

  get(region: string, name: string): Topic | undefined {
    return this.topics.get(region)?.get(name);
  }

  getByArn(arn: string): Topic | undefined {
    const parts = parseTopicArn(arn);
    if (!parts || parts.accountId !== this.accountId) return undefined;
    return this.get(parts.region, parts.name);
  }

  add(topic: Topic): void {
    this.regionTopics(topic.region).set(topic.name, topic);
    this.save(topic);
  }

  delete(topic: Topic): void {
    this.topics.get(topic.region)?.delete(topic.name);
    for (const subscription of topic.subscriptions) this.forget(subscription.arn);
    this.store.remove(this.partKey(topic));
  }

  subscription(arn: string): { topic: Topic; subscription: Subscription } | undefined {
    return this.subscriptionIndex.get(arn);
  }

  allSubscriptions(region: string): Subscription[] {
    return this.list(region).flatMap((t) => t.subscriptions);
  }

  addSubscription(topic: Topic, subscription: Subscription): void {
    topic.subscriptions.push(subscription);
    this.subscriptionIndex.set(subscription.arn, { topic, subscription });
    this.save(topic);
  }

  removeSubscription(topic: Topic, arn: string): void {
    const index = topic.subscriptions.findIndex((s) => s.arn === arn);
    if (index === -1) return;
    topic.subscriptions.splice(index, 1);
    topic.subscriptionsDeleted += 1;
    this.forget(arn);
    this.save(topic);
  }

  /** The subscription's parsed filter policy (cached until its text or scope changes). */
  filterPolicy(subscription: Subscription): { policy: ParsedFilterPolicy | null; scope: FilterPolicyScope } {
    const source = subscription.attributes.FilterPolicy ?? "";
    const scope = (subscription.attributes.FilterPolicyScope ?? "MessageAttributes") as FilterPolicyScope;
    const cached = this.filterCache.get(subscription.arn);
    if (cached && cached.source === source && cached.scope === scope) return { policy: cached.policy, scope };
    let policy: ParsedFilterPolicy | null = null;
    try {
      policy = parseFilterPolicy(source, scope);
    } catch {
      policy = null;
    }
    this.filterCache.set(subscription.arn, { source, scope, policy });
    return { policy, scope };
  }

  /** Records that a topic (or one of its subscriptions) changed. */
  save(topic: Topic): void {
    if (!this.get(topic.region, topic.name)) return;
    this.store.markDirty(this.partKey(topic), () => topic);
  }

  private forget(arn: string): void {
    this.subscriptionIndex.delete(arn);
    this.filterCache.delete(arn);
  }

  private regionTopics(region: string): Map<string, Topic> {
    let map = this.topics.get(region);
    if (!map) {
      map = new Map();
      this.topics.set(region, map);
    }
    return map;
  }

  private partKey(topic: Topic): string {
    return `sns/${keySegment(topic.region)}/topics/${keySegment(topic.name)}`;
  }
}
