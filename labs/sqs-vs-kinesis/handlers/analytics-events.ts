/**
 * The events the Kinesis producer puts on the stream, and the partition key of each: the user for
 * activity, the customer for transactions, the host for system metrics. Users, customers and hosts
 * come from small fixed pools, so the same key turns up again and always lands on the same shard.
 */
import type { EventType } from "../settings";

export interface UserActivityEvent {
  eventType: "user_activity";
  userId: string;
  sessionId: string;
  action: string;
  page: string;
  timestamp: string;
  metadata: { device: string; browser: string; location: string };
}

export interface TransactionEvent {
  eventType: "transaction";
  transactionId: string;
  customerId: string;
  amount: number;
  currency: "USD";
  paymentMethod: string;
  status: "completed" | "pending" | "failed";
  timestamp: string;
  merchantId: string;
  metadata: { channel: string; category: string; region: string };
}

export interface SystemMetricEvent {
  eventType: "system_metric";
  metricName: "cpu_usage" | "memory_usage" | "disk_io" | "network_latency";
  value: number;
  unit: "percent" | "MB/s" | "ms";
  hostname: string;
  timestamp: string;
  environment: string;
  metadata: { datacenter: string; instance_type: string; availability_zone: string };
}

export type AnalyticsEvent = UserActivityEvent | TransactionEvent | SystemMetricEvent;

export interface KeyedEvent {
  event: AnalyticsEvent;
  partitionKey: string;
}

export const USERS = Array.from({ length: 20 }, (_, i) => `USER-${(0x3a7f1c20 + i * 0x01f3a9).toString(16).toUpperCase()}`);
export const CUSTOMERS = Array.from({ length: 15 }, (_, i) => `CUST-${(0xa10c00 + i * 0x2b7d).toString(16).toUpperCase()}`);
export const HOSTS = Array.from({ length: 10 }, (_, i) => `server-${String(i + 1).padStart(2, "0")}`);

const METRIC_UNITS = { cpu_usage: "percent", memory_usage: "percent", disk_io: "MB/s", network_latency: "ms" } as const;
const METRIC_MAX = { cpu_usage: 100, memory_usage: 100, disk_io: 500, network_latency: 250 } as const;

/** A source of numbers in [0, 1): Math.random by default, a fixed sequence in tests. */
export type Random = () => number;

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.min(list.length - 1, Math.floor(random() * list.length))];
}

function hex(random: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out.toUpperCase();
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function buildEvent(type: EventType, random: Random, now: Date): KeyedEvent {
  const timestamp = now.toISOString();
  if (type === "user_activity") {
    const event: UserActivityEvent = {
      eventType: type,
      userId: pick(random, USERS),
      sessionId: `SESS-${hex(random, 8)}`,
      action: pick(random, ["page_view", "click", "scroll", "search", "purchase"]),
      page: pick(random, ["/home", "/products", "/cart", "/checkout", "/profile"]),
      timestamp,
      metadata: {
        device: pick(random, ["desktop", "mobile", "tablet"]),
        browser: pick(random, ["Chrome", "Firefox", "Safari", "Edge"]),
        location: pick(random, ["US", "CA", "UK", "DE", "JP"]),
      },
    };
    return { event, partitionKey: event.userId };
  }
  if (type === "transaction") {
    const event: TransactionEvent = {
      eventType: type,
      transactionId: `TXN-${hex(random, 8)}`,
      customerId: pick(random, CUSTOMERS),
      amount: round2(10 + random() * 490),
      currency: "USD",
      paymentMethod: pick(random, ["credit_card", "debit_card", "paypal", "apple_pay"]),
      status: pick(random, ["completed", "pending", "failed"] as const),
      timestamp,
      merchantId: `MERCH-${1000 + Math.floor(random() * 9000)}`,
      metadata: {
        channel: pick(random, ["web", "mobile", "pos"]),
        category: pick(random, ["electronics", "clothing", "food", "books"]),
        region: pick(random, ["north", "south", "east", "west"]),
      },
    };
    return { event, partitionKey: event.customerId };
  }
  const metricName = pick(random, ["cpu_usage", "memory_usage", "disk_io", "network_latency"] as const);
  const event: SystemMetricEvent = {
    eventType: type,
    metricName,
    value: round2(0.1 + random() * (METRIC_MAX[metricName] - 0.1)),
    unit: METRIC_UNITS[metricName],
    hostname: pick(random, HOSTS),
    timestamp,
    environment: pick(random, ["production", "staging", "development"]),
    metadata: {
      datacenter: pick(random, ["us-east-1", "us-west-2", "eu-west-1"]),
      instance_type: pick(random, ["t3.micro", "t3.small", "m5.large"]),
      availability_zone: pick(random, ["a", "b", "c"]),
    },
  };
  return { event, partitionKey: event.hostname };
}

export function buildEvents(type: EventType, count: number, random: Random, now: Date): KeyedEvent[] {
  return Array.from({ length: count }, () => buildEvent(type, random, now));
}
