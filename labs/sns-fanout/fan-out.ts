/**
 * The fan-out: three queues subscribe to OrderTopic, and which of them receives an order depends
 * on each subscription's filter policy and on the message attributes the order is published with.
 *
 * The prediction the page shows runs SNS's own matching rules: the local cloud's filter policy
 * evaluator (a pure module, no SDK), the same code that decides delivery on the local cloud, which
 * its tests hold to AWS's documented semantics. `fan-out-prediction.test.ts` publishes every case
 * through SNS and checks the prediction against where the orders really went.
 */
import { evaluateFilterPolicy, type FilterOutcome, type FilterPolicyScope, type ParsedFilterPolicy } from "@/lib/localcloud/sns/filter-policy";
import type { Order } from "./order";

export type SubscriberKey = "orderQueue" | "analyticsQueue" | "highQuantityQueue";

export const SUBSCRIBERS: ReadonlyArray<{ key: SubscriberKey; label: string }> = [
  { key: "orderQueue", label: "OrderQueue" },
  { key: "analyticsQueue", label: "AnalyticsQueue" },
  { key: "highQuantityQueue", label: "HighQuantityQueue" },
];

export const HIGH_QUANTITY_THRESHOLD = 10;

/** HighQuantityQueue's filter policy: the `quantity` message attribute, as a number, at least 10. */
export const HIGH_QUANTITY_FILTER_POLICY = { quantity: [{ numeric: [">=", HIGH_QUANTITY_THRESHOLD] }] };

/** How the publisher attaches the quantity to the message, next to the JSON body. */
export type QuantityAttribute = "Number" | "String" | "none";

export interface MessageAttributeInput {
  DataType: string;
  StringValue: string;
}

/** The message attributes an order is published with. */
export function publishAttributes(order: Pick<Order, "quantity">, quantityAttribute: QuantityAttribute): Record<string, MessageAttributeInput> {
  if (quantityAttribute === "none") return {};
  return { quantity: { DataType: quantityAttribute, StringValue: String(order.quantity) } };
}

export interface SubscriptionFilter {
  key: SubscriberKey;
  /** The subscription's FilterPolicy as JSON, or null for none (every message). */
  filterPolicy: string | null;
  scope: FilterPolicyScope;
}

/** The subscriptions as step 6 creates them. */
export const PLANNED_SUBSCRIPTIONS: SubscriptionFilter[] = [
  { key: "orderQueue", filterPolicy: null, scope: "MessageAttributes" },
  { key: "analyticsQueue", filterPolicy: null, scope: "MessageAttributes" },
  { key: "highQuantityQueue", filterPolicy: JSON.stringify(HIGH_QUANTITY_FILTER_POLICY), scope: "MessageAttributes" },
];

export interface Prediction {
  key: SubscriberKey;
  delivered: boolean;
  /** Why, in a few words the page shows next to the subscriber. */
  why: string;
  /** SNS's reason when filtered out, as its NumberOfNotificationsFilteredOut-<reason> metric names it. */
  filteredOutBy?: Exclude<FilterOutcome, { matched: true }>["reason"];
}

function parsePolicy(text: string | null): ParsedFilterPolicy | null | "invalid" {
  if (text === null || text.trim() === "" || text.trim() === "{}") return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as ParsedFilterPolicy) : "invalid";
  } catch {
    return "invalid";
  }
}

function explain(outcome: FilterOutcome, order: Pick<Order, "quantity">, quantityAttribute: QuantityAttribute, scope: FilterPolicyScope): string {
  if (outcome.matched) return "matches the filter policy";
  switch (outcome.reason) {
    case "NoMessageAttributes":
      return "filtered out: the message has no attributes, and this policy looks only at attributes";
    case "InvalidAttributes":
      return "filtered out: an attribute's value is malformed";
    case "MessageBody":
      return "filtered out: the message body does not match the policy";
    case "InvalidMessageBody":
      return "filtered out: the policy filters on the body, which is not a JSON object";
    case "MessageAttributes":
      if (scope === "MessageAttributes" && quantityAttribute === "String") {
        return `filtered out: quantity was sent as a String attribute ("${order.quantity}"), and numeric conditions only match Number attributes`;
      }
      return quantityAttribute === "none"
        ? "filtered out: the message has no quantity attribute"
        : `filtered out: the attributes do not match the policy (quantity ${order.quantity})`;
  }
}

/** Where one order goes when it is published with these attributes, subscriber by subscriber. */
export function predictFanOut(
  order: Order,
  quantityAttribute: QuantityAttribute,
  subscriptions: SubscriptionFilter[] = PLANNED_SUBSCRIPTIONS,
): Prediction[] {
  const body = JSON.stringify(order);
  const attributes = publishAttributes(order, quantityAttribute);
  return subscriptions.map((subscription) => {
    const policy = parsePolicy(subscription.filterPolicy);
    if (policy === "invalid") return { key: subscription.key, delivered: false, why: "the subscription's filter policy is not a JSON object" };
    if (policy === null) return { key: subscription.key, delivered: true, why: "no filter policy: gets every message" };
    const outcome = evaluateFilterPolicy(policy, subscription.scope, { body, attributes });
    return outcome.matched
      ? { key: subscription.key, delivered: true, why: explain(outcome, order, quantityAttribute, subscription.scope) }
      : { key: subscription.key, delivered: false, why: explain(outcome, order, quantityAttribute, subscription.scope), filteredOutBy: outcome.reason };
  });
}
