/**
 * The fan-out step: the two subscribers are created and subscribed (one with the filter policy),
 * a publish returns the prediction made from the subscriptions as they really are, the orders
 * arrive where it said, the check wants both a large and a small order, and the lab's live state
 * shows each subscription and what each queue holds.
 */
import { SetSubscriptionAttributesCommand } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { HIGH_QUANTITY_FILTER_POLICY } from "./fan-out";
import { snsFanoutLive } from "./live";
import { requireQueue, subscriptionOf, type Context } from "./provision";
import { check, dataOf, labContext, run } from "./test-support";

let cloud: LocalCloud;
let context: Context;

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "fan2");
  await run(context, "orders-table", "create-table");
  await run(context, "topic", "create-topic");
  await run(context, "queues", "create-queues");
  await run(context, "subscription", "subscribe-order-queue");
});

afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("fanning out", () => {
  it("subscribes AnalyticsQueue for everything and HighQuantityQueue through the filter, safely twice", async () => {
    expect(await check(context, "fan-out")).toMatchObject({ passed: false, reason: "AnalyticsQueue and HighQuantityQueue do not both exist yet: add the subscribers above." });
    const outcome = await run(context, "fan-out", "add-subscribers");
    expect(outcome.message).toBe("fan2-AnalyticsQueue gets every order; fan2-HighQuantityQueue gets orders whose quantity attribute is 10 or more.");
    await run(context, "fan-out", "add-subscribers");
    const live = await snsFanoutLive(context);
    expect(live.subscriptions.analyticsQueue).toEqual({ raw: false, filterPolicy: null, filterPolicyScope: "MessageAttributes", pending: false });
    expect(JSON.parse(live.subscriptions.highQuantityQueue?.filterPolicy ?? "null")).toEqual(HIGH_QUANTITY_FILTER_POLICY);
    expect(await check(context, "fan-out")).toMatchObject({ passed: false, reason: "fan2-AnalyticsQueue holds 0 orders: publish a few, small and large." });
  });

  it("publishes orders and SNS delivers each where the prediction said", async () => {
    await run(context, "fan-out", "publish-order", { itemName: "Crates", quantity: 40, quantityAttribute: "Number" });
    await run(context, "fan-out", "publish-order", { itemName: "Boxes", quantity: 15, quantityAttribute: "Number" });
    expect(await check(context, "fan-out")).toMatchObject({
      passed: false,
      reason: "fan2-HighQuantityQueue holds as many orders as fan2-AnalyticsQueue (2): publish a small order too, to see the filter drop it.",
    });
    const cases = [
      { itemName: "Pens", quantity: 10, quantityAttribute: "Number" },
      { itemName: "Chairs", quantity: 25, quantityAttribute: "String" },
      { itemName: "Mugs", quantity: 12, quantityAttribute: "none" },
    ] as const;
    const published = [];
    for (const c of cases) published.push(dataOf(await run(context, "fan-out", "publish-order", { ...c })));
    expect(await check(context, "fan-out")).toMatchObject({ passed: true, reason: "fan2-AnalyticsQueue holds 5 orders and fan2-HighQuantityQueue 3: the filter let only 3 of them through." });
    published.push(dataOf(await run(context, "fan-out", "publish-order", { itemName: "Laptop", quantity: 1, quantityAttribute: "Number" })));

    const live = await snsFanoutLive(context);
    // The diagram shows where the latest order (a small one) went.
    expect(live.diagram.edges["to-large"]).toBe("last order: filtered out");
    expect(live.diagram.active).toEqual(expect.arrayContaining(["publish", "to-analytics", "to-orders"]));
    expect(live.diagram.active).not.toContain("to-large");
    for (const order of published) {
      const predicted = Object.fromEntries((order.predicted as Array<{ key: string; delivered: boolean }>).map((p) => [p.key, p.delivered]));
      const arrived = {
        orderQueue: Boolean(live.messages.orderQueue?.some((m) => m.orderId === order.orderId)),
        analyticsQueue: Boolean(live.messages.analyticsQueue?.some((m) => m.orderId === order.orderId)),
        highQuantityQueue: Boolean(live.messages.highQuantityQueue?.some((m) => m.orderId === order.orderId)),
      };
      expect({ order: order.orderId, ...arrived }).toEqual({ order: order.orderId, ...predicted });
    }
    expect(await check(context, "fan-out")).toMatchObject({ passed: true, reason: "fan2-AnalyticsQueue holds 6 orders and fan2-HighQuantityQueue 3: the filter let only 3 of them through." });
  });

  it("refuses an order the form should not send, with the reason", async () => {
    await expect(run(context, "fan-out", "publish-order", { itemName: "Pens", quantity: 0, quantityAttribute: "Number" })).rejects.toThrow(/at least 1/);
    await expect(run(context, "fan-out", "publish-order", { itemName: "Pens", quantity: 2.5, quantityAttribute: "Number" })).rejects.toThrow(/whole number/);
    await expect(run(context, "fan-out", "publish-order", { itemName: " ", quantity: 2, quantityAttribute: "Number" })).rejects.toThrow(/name/);
    await expect(run(context, "fan-out", "publish-order", { itemName: "Pens", quantity: 2, quantityAttribute: "Binary" })).rejects.toThrow();
  });

  it("says the check fails when the filter policy was changed by hand", async () => {
    const queue = await requireQueue(context, "highQuantityQueue", "Fan out");
    const subscription = await subscriptionOf(context, queue.arn);
    await context.aws.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription?.arn, AttributeName: "FilterPolicy", AttributeValue: '{"quantity":[{"numeric":[">",10]}]}' }));
    expect((await check(context, "fan-out")).reason).toContain("filter policy is not");
    await run(context, "fan-out", "add-subscribers");
    expect((await check(context, "fan-out")).passed).toBe(true);
  });
});
