/**
 * The page's fan-out prediction agrees with SNS: every case is published through the local
 * cloud's SNS to the three subscribed queues, and where each order really went is compared with
 * where the prediction said it would go, subscriber by subscriber, and with SNS's filtered-out
 * reasons as its metrics count them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { createLabContext } from "@/lib/lab-framework/context";
import { peekMessages } from "@/lib/lab-framework/inspect/queue-inspection";
import { HIGH_QUANTITY_FILTER_POLICY, PLANNED_SUBSCRIPTIONS, predictFanOut, type QuantityAttribute, type SubscriberKey } from "./fan-out";
import lab from "./lab";
import { ensureQueue, ensureTopic, subscribeQueue, subscriptionOf, type Context } from "./provision";
import { newOrder, publishOrder } from "./publish";

const QUEUES: SubscriberKey[] = ["orderQueue", "analyticsQueue", "highQuantityQueue"];

const CASES: Array<{ quantity: number; attribute: QuantityAttribute }> = [
  { quantity: 1, attribute: "Number" },
  { quantity: 9, attribute: "Number" },
  { quantity: 10, attribute: "Number" },
  { quantity: 25, attribute: "Number" },
  { quantity: 25, attribute: "String" },
  { quantity: 10, attribute: "String" },
  { quantity: 12, attribute: "none" },
  { quantity: 3, attribute: "none" },
];

let cloud: LocalCloud;
let context: Context;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "fan1" }, AbortSignal.timeout(30_000));
  await ensureTopic(context);
  for (const key of QUEUES) {
    const queue = await ensureQueue(context, key, {});
    await subscribeQueue(context, queue, { filterPolicy: key === "highQuantityQueue" ? HIGH_QUANTITY_FILTER_POLICY : null });
  }
});

afterAll(async () => {
  await cloud?.close();
});

describe("the fan-out prediction", () => {
  it("reads the subscriptions as the step creates them", async () => {
    const queue = await ensureQueue(context, "highQuantityQueue", {});
    const subscription = await subscriptionOf(context, queue.arn);
    expect(subscription).toMatchObject({ pending: false, raw: false, filterPolicyScope: "MessageAttributes" });
    expect(JSON.parse(subscription?.filterPolicy ?? "null")).toEqual(HIGH_QUANTITY_FILTER_POLICY);
    expect(JSON.parse(PLANNED_SUBSCRIPTIONS[2].filterPolicy ?? "null")).toEqual(JSON.parse(subscription?.filterPolicy ?? "null"));
  });

  it("says where every order goes, and SNS delivers it there and nowhere else", async () => {
    const predicted = new Map<string, Record<SubscriberKey, boolean>>();
    for (const { quantity, attribute } of CASES) {
      const order = newOrder({ itemName: `case ${quantity} ${attribute}`, quantity });
      const prediction = predictFanOut(order, attribute);
      predicted.set(order.orderId, Object.fromEntries(prediction.map((p) => [p.key, p.delivered])) as Record<SubscriberKey, boolean>);
      await publishOrder(context, order, attribute);
    }
    const actual = new Map<string, Record<SubscriberKey, boolean>>();
    for (const orderId of predicted.keys()) actual.set(orderId, { orderQueue: false, analyticsQueue: false, highQuantityQueue: false });
    for (const key of QUEUES) {
      for (const message of (await peekMessages(context, context.names[key])) ?? []) {
        const { Message } = JSON.parse(message.body) as { Message: string };
        const { orderId } = JSON.parse(Message) as { orderId: string };
        const row = actual.get(orderId);
        if (row) row[key] = true;
      }
    }
    expect(actual).toEqual(predicted);
    // The filter really did something: only the quantities of 10 and 25 sent as Number attributes passed.
    expect([...predicted.values()].filter((row) => row.highQuantityQueue)).toHaveLength(2);
  });

  it("names the reasons SNS counts for what it filtered out", async () => {
    const order = newOrder({ itemName: "chairs", quantity: 25 });
    const [, , asString] = predictFanOut(order, "String");
    expect(asString).toMatchObject({ delivered: false, filteredOutBy: "MessageAttributes" });
    expect(asString.why).toContain("String attribute");
    const [, , none] = predictFanOut(order, "none");
    expect(none).toMatchObject({ delivered: false, filteredOutBy: "NoMessageAttributes" });
    const [orders, analytics, small] = predictFanOut({ ...order, quantity: 9 }, "Number");
    expect([orders.delivered, analytics.delivered, small.delivered]).toEqual([true, true, false]);
  });

  it("follows a subscription's actual policy when it differs from the plan", () => {
    const order = newOrder({ itemName: "pens", quantity: 10 });
    const relaxed = [{ key: "highQuantityQueue" as const, filterPolicy: JSON.stringify({ quantity: [{ numeric: [">", 10] }] }), scope: "MessageAttributes" as const }];
    expect(predictFanOut(order, "Number", relaxed)[0].delivered).toBe(false);
    expect(predictFanOut(order, "Number", [{ ...relaxed[0], filterPolicy: null }])[0].delivered).toBe(true);
  });
});
