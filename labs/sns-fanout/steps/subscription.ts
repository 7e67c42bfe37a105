/**
 * Step: subscribe OrderQueue to the topic (with the queue policy that lets the topic send),
 * publish the sample order and look at the envelope it arrives in, then turn raw message
 * delivery on and compare.
 */
import { z } from "zod";
import { PlainFailure } from "@/lib/aws/errors";
import { defineAction, defineStep } from "@/lib/lab-framework/define";
import { canPeek, peekMessages, pollQueue } from "@/lib/lab-framework/inspect/queue-inspection";
import { describeDelivery } from "../deliveries";
import { SubscriptionPanel } from "../panels/subscription-panel";
import { policyAllowsTopic, queueAttributes, requireQueue, setRawDelivery, subscribeQueue, subscriptionOf, topicArn } from "../provision";
import { publishOrder, SAMPLE_ORDER } from "../publish";
import type { Resources } from "../resources";

const CREATED_BY = "Queues, visibility timeout and the DLQ";

export const subscriptionStep = defineStep<Resources>({
  id: "subscription",
  title: "Subscribe the queue, read the envelope",
  explanation: [
    "Two things connect the topic to the queue. The **subscription** (protocol `sqs`, endpoint the queue's ARN) tells SNS to deliver there. The queue's **access policy** lets SNS do it: a queue only accepts messages from its own account's users unless its policy says otherwise, and SNS is a service, not a user. The policy allows `sqs:SendMessage` to the principal `sns.amazonaws.com`, only when the source is this topic's ARN (`aws:SourceArn`). Forget it, and publishes succeed while nothing arrives. The console writes this policy for you; the CLI and SDK do not.",
    "By default SNS does not put your message in the queue as it is: it wraps it in a JSON **envelope** of its own, with your order as a string in the `Message` field. A consumer that reads `body.orderId` finds nothing there; it has to parse the body, then parse `Message` again.",
    "**Raw message delivery** turns the envelope off for one subscription: the queue then gets exactly the published text, and the message attributes become SQS message attributes. Publish the sample order both ways and compare.",
  ].join("\n\n"),
  panel: SubscriptionPanel,
  actions: [
    defineAction<Resources>({
      id: "subscribe-order-queue",
      label: "Subscribe OrderQueue to the topic",
      panelOnly: true,
      async run(context) {
        const queue = await requireQueue(context, "orderQueue", CREATED_BY);
        const { arn, policy, created } = await subscribeQueue(context, queue);
        return {
          message: created ? `Subscribed ${queue.name} to ${context.names.orderTopic}, and let the topic send to it.` : `${queue.name} was already subscribed; its access policy is set again.`,
          data: { subscriptionArn: arn, queuePolicy: JSON.stringify(policy, null, 2) },
        };
      },
    }),
    defineAction<Resources>({
      id: "publish-sample-order",
      label: "Publish the sample order",
      panelOnly: true,
      checkAfter: false,
      async run(context) {
        const published = await publishOrder(context, SAMPLE_ORDER, "Number", `New order ${SAMPLE_ORDER.orderId}`);
        return { message: `Published order ${SAMPLE_ORDER.orderId} to ${context.names.orderTopic} (SNS message id ${published.snsMessageId}).`, data: { snsMessageId: published.snsMessageId, message: published.message } };
      },
    }),
    defineAction<Resources, z.ZodObject<{ raw: z.ZodBoolean }>>({
      id: "set-raw-delivery",
      label: "Raw message delivery",
      panelOnly: true,
      params: z.object({ raw: z.boolean() }).strict(),
      async run(context, { raw }) {
        const queue = await requireQueue(context, "orderQueue", CREATED_BY);
        await setRawDelivery(context, queue, raw);
        return { message: raw ? `Raw message delivery is on for ${queue.name}: the next publish arrives without the envelope.` : `Raw message delivery is off: ${queue.name} gets SNS's envelope again.`, data: { raw } };
      },
    }),
    defineAction<Resources, z.ZodObject<{ receive: z.ZodBoolean }>>({
      id: "look-at-order-queue",
      label: "Look at OrderQueue",
      panelOnly: true,
      checkAfter: false,
      params: z.object({ receive: z.boolean() }).strict(),
      async run(context, { receive }) {
        const queue = await requireQueue(context, "orderQueue", CREATED_BY);
        if (!receive && !canPeek(context)) {
          throw new PlainFailure(
            "PeekUnavailable",
            "This connection cannot look into a queue without receiving from it.",
            "Use Poll: it receives the messages (raising their receive count) and leaves them visible.",
          );
        }
        const messages = receive ? (await pollQueue(context, "orderQueue")).messages : ((await peekMessages(context, queue.name)) ?? []);
        const views = messages.map(describeDelivery).sort((a, b) => (b.sentAt ?? "").localeCompare(a.sentAt ?? ""));
        return {
          message: `${views.length} message${views.length === 1 ? "" : "s"} in ${queue.name}${receive ? " (received: each receive count went up by one)" : ""}.`,
          data: { receivedThem: receive, messages: views.slice(0, 10).map((v) => ({ ...v })) },
        };
      },
    }),
  ],
  async check(context) {
    const queue = await requireQueue(context, "orderQueue", CREATED_BY).catch(() => null);
    if (!queue) return { passed: false, reason: `${context.names.orderQueue} does not exist yet: run the previous step first.` };
    const topic = await topicArn(context);
    const subscription = await subscriptionOf(context, queue.arn).catch(() => null);
    if (!subscription) return { passed: false, reason: `${queue.name} is not subscribed to ${context.names.orderTopic} yet.` };
    if (subscription.pending) return { passed: false, reason: `The subscription is still pending confirmation.` };
    const { Policy } = await queueAttributes(context, queue.url);
    if (!policyAllowsTopic(Policy, queue.arn, topic)) {
      return { passed: false, reason: `${queue.name}'s access policy does not let ${context.names.orderTopic} send to it: SNS's deliveries would be refused. Subscribe again to set it.` };
    }
    return {
      passed: true,
      reason: `${queue.name} is subscribed to ${context.names.orderTopic}, and its policy lets the topic send.`,
      details: [`Raw message delivery is ${subscription.raw ? "on: messages arrive as published" : "off: messages arrive in SNS's envelope"}.`],
    };
  },
  cli: (c) =>
    [
      `TOPIC_ARN=arn:aws:sns:${c.region}:<account>:${c.names.orderTopic}`,
      `QUEUE_URL=$(aws sqs get-queue-url --queue-name ${c.names.orderQueue} --query QueueUrl --output text)`,
      'QUEUE_ARN=$(aws sqs get-queue-attributes --queue-url "$QUEUE_URL" --attribute-names QueueArn --query Attributes.QueueArn --output text)',
      "",
      "# Let the topic (and only it) send to the queue",
      "cat > policy.json <<EOF",
      '{"Policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Service\\":\\"sns.amazonaws.com\\"},\\"Action\\":\\"sqs:SendMessage\\",\\"Resource\\":\\"$QUEUE_ARN\\",\\"Condition\\":{\\"ArnEquals\\":{\\"aws:SourceArn\\":\\"$TOPIC_ARN\\"}}}]}"}',
      "EOF",
      'aws sqs set-queue-attributes --queue-url "$QUEUE_URL" --attributes file://policy.json',
      "",
      'aws sns subscribe --topic-arn "$TOPIC_ARN" --protocol sqs --notification-endpoint "$QUEUE_ARN" --return-subscription-arn',
      "",
      'aws sns publish --topic-arn "$TOPIC_ARN" --subject "New order O1234" \\',
      `  --message '${JSON.stringify(SAMPLE_ORDER)}' \\`,
      "  --message-attributes '{\"quantity\":{\"DataType\":\"Number\",\"StringValue\":\"1\"}}'",
      "",
      "# Raw message delivery on (use the SubscriptionArn that subscribe printed)",
      "aws sns set-subscription-attributes --subscription-arn <subscription-arn> \\",
      "  --attribute-name RawMessageDelivery --attribute-value true",
    ].join("\n"),
  sdk: (c) =>
    [
      'import { SNSClient, SubscribeCommand, PublishCommand, SetSubscriptionAttributesCommand } from "@aws-sdk/client-sns";',
      'import { SQSClient, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";',
      "",
      `const sns = new SNSClient({ region: "${c.region}" });`,
      `const sqs = new SQSClient({ region: "${c.region}" });`,
      "const policy = {",
      '  Version: "2012-10-17",',
      "  Statement: [{",
      '    Effect: "Allow",',
      '    Principal: { Service: "sns.amazonaws.com" },',
      '    Action: "sqs:SendMessage",',
      "    Resource: queueArn,",
      '    Condition: { ArnEquals: { "aws:SourceArn": topicArn } },',
      "  }],",
      "};",
      "await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: JSON.stringify(policy) } }));",
      "const { SubscriptionArn } = await sns.send(new SubscribeCommand({",
      '  TopicArn: topicArn, Protocol: "sqs", Endpoint: queueArn, ReturnSubscriptionArn: true,',
      "}));",
      "await sns.send(new PublishCommand({",
      "  TopicArn: topicArn,",
      `  Subject: "New order ${SAMPLE_ORDER.orderId}",`,
      `  Message: JSON.stringify(${JSON.stringify(SAMPLE_ORDER)}),`,
      '  MessageAttributes: { quantity: { DataType: "Number", StringValue: "1" } },',
      "}));",
      "await sns.send(new SetSubscriptionAttributesCommand({",
      '  SubscriptionArn, AttributeName: "RawMessageDelivery", AttributeValue: "true",',
      "}));",
    ].join("\n"),
});
