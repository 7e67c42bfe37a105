/**
 * Step: fan out. Two more queues subscribe to the topic: AnalyticsQueue gets every order,
 * HighQuantityQueue only those whose `quantity` attribute is a number of at least 10.
 */
import { z } from "zod";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { HIGH_QUANTITY_FILTER_POLICY, HIGH_QUANTITY_THRESHOLD, predictFanOut, SUBSCRIBERS, type SubscriptionFilter } from "../fan-out";
import { FanOutPanel } from "../panels/fan-out-panel";
import { ensureQueue, queueAttributes, requireQueue, subscribeQueue, subscriptionOf, subscriptions, type Context } from "../provision";
import { newOrder, publishOrder } from "../publish";
import type { Resources } from "../resources";

const attributeSchema = z.enum(["Number", "String", "none"]);
const publishSchema = z
  .object({
    itemName: z.string().trim().min(1, "Give the item a name").max(40, "Keep the item's name under 40 characters"),
    quantity: z.number().int("The quantity is a whole number").min(1, "The quantity is at least 1").max(1000, "At most 1000 at a time"),
    quantityAttribute: attributeSchema,
  })
  .strict();

/** The subscriptions as they are now, for the prediction (a missing one gets nothing). */
export async function currentFilters(context: Context): Promise<SubscriptionFilter[]> {
  const list = await subscriptions(context);
  const filters: SubscriptionFilter[] = [];
  for (const { key } of SUBSCRIBERS) {
    const queue = await requireQueue(context, key, "Fan out").catch(() => null);
    const subscription = queue ? await subscriptionOf(context, queue.arn, list) : null;
    if (subscription && !subscription.pending) filters.push({ key, filterPolicy: subscription.filterPolicy, scope: subscription.filterPolicyScope });
  }
  return filters;
}

export const fanOutStep = defineStep<Resources>({
  id: "fan-out",
  title: "Fan out to more subscribers",
  explanation: [
    "So far the topic has one subscriber, and a queue alone would have done. The topic earns its place when a second team wants the same orders: **AnalyticsQueue** subscribes and gets a copy of every order, and neither the publisher nor OrderProcessor changes at all. Each subscriber has its own queue, so a slow analytics job never holds up order processing.",
    `**HighQuantityQueue** only wants large orders. Its subscription has a **filter policy**, \`{"quantity": [{"numeric": [">=", ${HIGH_QUANTITY_THRESHOLD}]}]}\`, and SNS drops the copies that do not match before they reach the queue (they are counted as NumberOfNotificationsFilteredOut, and you pay nothing for them).`,
    "A filter policy reads the message's **attributes**, not the JSON in the body (unless its scope is set to MessageBody). So the publisher has to send `quantity` as an attribute as well, and its type matters: a `numeric` condition only matches a Number attribute. Send the quantity as a String attribute, or leave the attributes out, and the order never reaches HighQuantityQueue, however large it is.",
    "Add the subscribers, then publish a few orders. The page predicts where each one goes with SNS's own matching rules, before you publish.",
  ].join("\n\n"),
  panel: FanOutPanel,
  actions: [
    defineAction<Resources>({
      id: "add-subscribers",
      label: "Create and subscribe AnalyticsQueue and HighQuantityQueue",
      panelOnly: true,
      async run(context) {
        const analytics = await ensureQueue(context, "analyticsQueue", {});
        const high = await ensureQueue(context, "highQuantityQueue", {});
        await subscribeQueue(context, analytics, { filterPolicy: null });
        await subscribeQueue(context, high, { filterPolicy: HIGH_QUANTITY_FILTER_POLICY });
        return {
          message: `${analytics.name} gets every order; ${high.name} gets orders whose quantity attribute is ${HIGH_QUANTITY_THRESHOLD} or more.`,
          data: { filterPolicy: JSON.stringify(HIGH_QUANTITY_FILTER_POLICY, null, 2) },
        };
      },
    }),
    defineAction<Resources, typeof publishSchema>({
      id: "publish-order",
      label: "Publish an order",
      panelOnly: true,
      checkAfter: false,
      params: publishSchema,
      async run(context, { itemName, quantity, quantityAttribute }) {
        const order = newOrder({ itemName, quantity });
        const filters = await currentFilters(context);
        const predicted = predictFanOut(order, quantityAttribute, filters);
        const published = await publishOrder(context, order, quantityAttribute);
        const receivers = predicted.filter((p) => p.delivered).map((p) => SUBSCRIBERS.find((s) => s.key === p.key)?.label);
        return {
          message: `Published ${order.orderId} (${quantity} × ${itemName}, quantity ${quantityAttribute === "none" ? "not sent as an attribute" : `as a ${quantityAttribute} attribute`}); SNS should deliver it to ${receivers.length ? receivers.join(", ") : "no subscriber"}.`,
          data: {
            orderId: order.orderId,
            itemName,
            quantity,
            quantityAttribute,
            snsMessageId: published.snsMessageId,
            predicted: predicted.map((p) => ({ key: p.key, delivered: p.delivered, why: p.why })),
          },
        };
      },
    }),
  ],
  async check(context) {
    const high = await requireQueue(context, "highQuantityQueue", "Fan out").catch(() => null);
    const analytics = await requireQueue(context, "analyticsQueue", "Fan out").catch(() => null);
    if (!high || !analytics) return { passed: false, reason: "AnalyticsQueue and HighQuantityQueue do not both exist yet: add the subscribers above." };
    const list = await subscriptions(context);
    const [analyticsSub, highSub] = await Promise.all([subscriptionOf(context, analytics.arn, list), subscriptionOf(context, high.arn, list)]);
    if (!analyticsSub || !highSub) return { passed: false, reason: `${!analyticsSub ? analytics.name : high.name} is not subscribed to ${context.names.orderTopic}.` };
    if (analyticsSub.filterPolicy) return { passed: false, reason: `${analytics.name} has a filter policy; it should get every order.` };
    let policy: unknown = null;
    try {
      policy = JSON.parse(highSub.filterPolicy ?? "null");
    } catch {
      policy = null;
    }
    if (JSON.stringify(policy) !== JSON.stringify(HIGH_QUANTITY_FILTER_POLICY) || highSub.filterPolicyScope !== "MessageAttributes") {
      return { passed: false, reason: `${high.name}'s filter policy is not ${JSON.stringify(HIGH_QUANTITY_FILTER_POLICY)} on message attributes: add the subscribers again to set it.` };
    }
    const count = async (url: string) => {
      const a = await queueAttributes(context, url);
      return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
    };
    const [everything, large] = await Promise.all([count(analytics.url), count(high.url)]);
    if (everything < 2) return { passed: false, reason: `${analytics.name} holds ${everything} order${everything === 1 ? "" : "s"}: publish a few, small and large.` };
    if (large < 1) return { passed: false, reason: `${high.name} is empty: publish an order of ${HIGH_QUANTITY_THRESHOLD} or more with quantity as a Number attribute.` };
    if (large >= everything) return { passed: false, reason: `${high.name} holds as many orders as ${analytics.name} (${large}): publish a small order too, to see the filter drop it.` };
    return { passed: true, reason: `${analytics.name} holds ${everything} orders and ${high.name} ${large}: the filter let only ${large} of them through.` };
  },
  cli: (c) =>
    [
      `TOPIC_ARN=arn:aws:sns:${c.region}:<account>:${c.names.orderTopic}`,
      `aws sqs create-queue --queue-name ${c.names.analyticsQueue} --tags Project=${c.tags.Project},Lab=${c.tags.Lab},Student=${c.tags.Student}`,
      `aws sqs create-queue --queue-name ${c.names.highQuantityQueue} --tags Project=${c.tags.Project},Lab=${c.tags.Lab},Student=${c.tags.Student}`,
      "# (each queue also needs the access policy of the previous step, with its own ARN)",
      "",
      `aws sns subscribe --topic-arn "$TOPIC_ARN" --protocol sqs --return-subscription-arn \\`,
      `  --notification-endpoint arn:aws:sqs:${c.region}:<account>:${c.names.analyticsQueue}`,
      `aws sns subscribe --topic-arn "$TOPIC_ARN" --protocol sqs --return-subscription-arn \\`,
      `  --notification-endpoint arn:aws:sqs:${c.region}:<account>:${c.names.highQuantityQueue} \\`,
      `  --attributes '{"FilterPolicy":"{\\"quantity\\":[{\\"numeric\\":[\\">=\\",${HIGH_QUANTITY_THRESHOLD}]}]}"}'`,
      "",
      "# A large order: the quantity goes in the body AND as a Number attribute",
      'aws sns publish --topic-arn "$TOPIC_ARN" \\',
      `  --message '{"orderId":"O-000025","userId":"U123","itemName":"Chairs","quantity":25,"status":"new","timestamp":"2025-05-03T12:00:00Z"}' \\`,
      "  --message-attributes '{\"quantity\":{\"DataType\":\"Number\",\"StringValue\":\"25\"}}'",
    ].join("\n"),
  sdk: () =>
    [
      'import { SNSClient, SubscribeCommand, PublishCommand } from "@aws-sdk/client-sns";',
      "",
      "await sns.send(new SubscribeCommand({",
      '  TopicArn: topicArn, Protocol: "sqs", Endpoint: highQuantityQueueArn, ReturnSubscriptionArn: true,',
      `  Attributes: { FilterPolicy: JSON.stringify(${JSON.stringify(HIGH_QUANTITY_FILTER_POLICY)}) },`,
      "}));",
      "",
      "await sns.send(new PublishCommand({",
      "  TopicArn: topicArn,",
      "  Message: JSON.stringify(order),",
      '  MessageAttributes: { quantity: { DataType: "Number", StringValue: String(order.quantity) } },',
      "}));",
    ].join("\n"),
});
