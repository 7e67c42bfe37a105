/**
 * The lab's own live state for its panels: each subscription (raw delivery, filter policy), the
 * processor's trigger and error handling, the messages in each queue (peeked on the local cloud,
 * never received), and the orders in the table. Read-only calls only.
 */
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { translateAwsError } from "@/lib/aws/errors";
import { canPeek, peekMessages } from "@/lib/lab-framework/inspect/queue-inspection";
import type { JsonValue } from "@/lib/lab-framework/types";
import { describeDelivery } from "./deliveries";
import { SUBSCRIBERS } from "./fan-out";
import { errorMode, processorMapping } from "./processor";
import { queueAttributes, queueUrl, subscriptionOf, subscriptions, topicExists, type Context } from "./provision";
import type { QueueKey } from "./resources";

const QUEUES: QueueKey[] = ["orderQueue", "orderDlq", "analyticsQueue", "highQuantityQueue"];
const MESSAGES_SHOWN = 40;
const ORDERS_SHOWN = 100;

export interface LiveSubscription {
  raw: boolean;
  filterPolicy: string | null;
  filterPolicyScope: "MessageAttributes" | "MessageBody";
  pending: boolean;
}

export interface LiveMessage {
  messageId: string;
  orderId: string | null;
  delivery: string;
  receiveCount: number;
  state: string;
  /** When it is visible again, in real time (the cloud's fast-forward taken off); null when visible. */
  visibleAt: number | null;
  /** When it was sent, epoch ms in real time (0 when unknown). */
  sentAt: number;
}

export interface LiveOrder {
  orderId: string;
  itemName: string;
  quantity: number;
  deliveredAs: string;
}

export interface SnsFanoutLive {
  canPeek: boolean;
  topic: boolean;
  subscriptions: Record<string, LiveSubscription | null>;
  processor: { deployed: boolean; enabled: boolean; running: boolean; errorMode: "swallow" | "fail"; problem: string | null };
  /** Per queue, what it holds (peeked), or null where the connection cannot peek or the queue is missing. */
  messages: Record<string, LiveMessage[] | null>;
  /** Per queue: the queue's ARN-free existence and its visibility timeout. */
  queues: Record<string, { exists: boolean; visibilityTimeoutSeconds: number | null }>;
  orders: LiveOrder[] | null;
  /** Labels for the live diagram (components/diagram). */
  diagram: { nodes: Record<string, string>; edges: Record<string, string>; active: string[] };
  errors: string[];
}

/**
 * Labels for the live diagram: the trigger's state on the processor, and where the latest order
 * went (AnalyticsQueue gets every order, so its newest message is the latest publish): the arrows
 * that delivered it are drawn busy, and HighQuantityQueue's arrow says whether its filter let it in.
 */
function diagramLabels(
  subscriptionsNow: Record<string, LiveSubscription | null>,
  processor: SnsFanoutLive["processor"],
  messages: Record<string, LiveMessage[] | null>,
): SnsFanoutLive["diagram"] {
  const edges: Record<string, string> = {};
  const active: string[] = processor.running ? ["trigger"] : [];
  if (subscriptionsNow.orderQueue?.raw) edges["to-orders"] = "raw";
  const latest = (messages.analyticsQueue ?? []).reduce<LiveMessage | null>((newest, m) => (m.orderId && (!newest || m.sentAt > newest.sentAt) ? m : newest), null);
  if (latest?.orderId && subscriptionsNow.highQuantityQueue) {
    const reached = Boolean(messages.highQuantityQueue?.some((m) => m.orderId === latest.orderId));
    edges["to-large"] = reached ? "last order: delivered" : "last order: filtered out";
    active.push("publish", "to-analytics", ...(subscriptionsNow.orderQueue ? ["to-orders"] : []), ...(reached ? ["to-large"] : []));
  }
  const nodes: Record<string, string> = {
    processor: !processor.deployed ? "no trigger yet" : !processor.enabled ? "trigger off" : processor.errorMode === "fail" ? "on · errors fail" : "on · swallows errors",
  };
  return { nodes, edges, active };
}

async function settle<T>(errors: string[], work: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const friendly = translateAwsError(error);
    if (friendly.family !== "not-found" && friendly.family !== "queue-not-found") errors.push(friendly.message);
    return fallback;
  }
}

export async function snsFanoutLive(context: Context): Promise<SnsFanoutLive> {
  const errors: string[] = [];
  const peek = canPeek(context);
  const urls = Object.fromEntries(await Promise.all(QUEUES.map(async (key) => [key, await settle(errors, () => queueUrl(context, key), null)] as const))) as Record<QueueKey, string | null>;
  const attributes = Object.fromEntries(
    await Promise.all(QUEUES.map(async (key) => [key, urls[key] ? await settle(errors, () => queueAttributes(context, urls[key] as string), null) : null] as const)),
  ) as Record<QueueKey, Record<string, string> | null>;

  const topic = await settle(errors, () => topicExists(context), false);
  const subscriptionState = async (): Promise<Record<string, LiveSubscription | null>> => {
    const out: Record<string, LiveSubscription | null> = { orderQueue: null, analyticsQueue: null, highQuantityQueue: null };
    if (!topic) return out;
    const list = await subscriptions(context);
    for (const { key } of SUBSCRIBERS) {
      const queueArn = attributes[key]?.QueueArn;
      if (!queueArn) continue;
      const found = await subscriptionOf(context, queueArn, list);
      out[key] = found ? { raw: found.raw, filterPolicy: found.filterPolicy, filterPolicyScope: found.filterPolicyScope, pending: found.pending } : null;
    }
    return out;
  };

  const queues = Object.fromEntries(
    QUEUES.map((key) => {
      const visibility = attributes[key]?.VisibilityTimeout;
      return [key, { exists: Boolean(urls[key]), visibilityTimeoutSeconds: visibility ? Number(visibility) : null }] as const;
    }),
  );

  const [subs, mapping, mode, messages, orders] = await Promise.all([
    settle(errors, subscriptionState, { orderQueue: null, analyticsQueue: null, highQuantityQueue: null }),
    settle(errors, () => processorMapping(context), undefined),
    settle(errors, () => errorMode(context), "swallow" as const),
    Promise.all(
      QUEUES.map(async (key) => {
        if (!peek || !urls[key]) return [key, null] as const;
        const peeked = await settle(errors, () => peekMessages(context, context.names[key]), null);
        const list = (peeked ?? [])
          .map(describeDelivery)
          .map((m): LiveMessage => ({
            messageId: m.messageId,
            orderId: m.orderId,
            delivery: m.delivery,
            receiveCount: m.receiveCount,
            state: m.state,
            visibleAt: m.visibleAt,
            sentAt: m.sentAt ? Date.parse(m.sentAt) : 0,
          }))
          .sort((a, b) => b.sentAt - a.sentAt)
          .slice(0, MESSAGES_SHOWN);
        return [key, peeked === null ? null : list] as const;
      }),
    ),
    settle(
      errors,
      async () => {
        const { Items = [] } = await context.aws.documents.send(new ScanCommand({ TableName: context.names.ordersTable, Limit: ORDERS_SHOWN }), { abortSignal: context.signal });
        return Items.map((item) => ({
          orderId: String(item.orderId ?? ""),
          itemName: String(item.itemName ?? ""),
          quantity: Number(item.quantity ?? 0),
          deliveredAs: String(item.deliveredAs ?? ""),
        })).sort((a, b) => a.orderId.localeCompare(b.orderId));
      },
      null,
    ),
  ]);

  const processor: SnsFanoutLive["processor"] = {
    deployed: Boolean(mapping),
    enabled: mapping?.state === "Enabled",
    running: mapping?.running ?? false,
    errorMode: mode,
    problem: mapping?.problem ?? mapping?.sourceError ?? null,
  };
  return {
    canPeek: peek,
    topic,
    subscriptions: subs,
    processor,
    diagram: diagramLabels(subs, processor, Object.fromEntries(messages)),
    messages: Object.fromEntries(messages),
    queues,
    orders,
    errors: [...new Set(errors)],
  };
}

/** The same state as the JSON the live route sends. */
export async function liveJson(context: Context): Promise<Record<string, JsonValue>> {
  return JSON.parse(JSON.stringify(await snsFanoutLive(context))) as Record<string, JsonValue>;
}
