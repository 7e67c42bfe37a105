/**
 * The subscription step: subscribing sets the queue policy that lets the topic send, the sample
 * order arrives in SNS's envelope (shown field by field, the order a JSON string in Message), and
 * with raw message delivery it arrives as published, its attributes as SQS message attributes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import type { DeliveryView } from "./deliveries";
import { SAMPLE_ORDER } from "./publish";
import type { Context } from "./provision";
import { check, dataOf, labContext, run } from "./test-support";

let cloud: LocalCloud;
let context: Context;

async function look(): Promise<DeliveryView[]> {
  return dataOf(await run(context, "subscription", "look-at-order-queue", { receive: false })).messages as unknown as DeliveryView[];
}

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await labContext(cloud, "sub1");
  await run(context, "topic", "create-topic");
  await run(context, "queues", "create-queues");
});

afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("subscribing OrderQueue and reading what arrives", () => {
  it("fails its check until the queue is subscribed, then shows the policy it set", async () => {
    expect(await check(context, "subscription")).toMatchObject({ passed: false, reason: "sub1-OrderQueue is not subscribed to sub1-OrderTopic yet." });
    const outcome = await run(context, "subscription", "subscribe-order-queue");
    expect(outcome.message).toBe("Subscribed sub1-OrderQueue to sub1-OrderTopic, and let the topic send to it.");
    expect(JSON.parse(dataOf(outcome).queuePolicy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AllowOrderTopicToSend",
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: "arn:aws:sqs:us-east-1:000000000000:sub1-OrderQueue",
          Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:000000000000:sub1-OrderTopic" } },
        },
      ],
    });
    expect((await run(context, "subscription", "subscribe-order-queue")).message).toBe("sub1-OrderQueue was already subscribed; its access policy is set again.");
    expect(await check(context, "subscription")).toMatchObject({ passed: true, details: ["Raw message delivery is off: messages arrive in SNS's envelope."] });
  });

  it("delivers the sample order in SNS's envelope, field by field", async () => {
    await run(context, "subscription", "publish-sample-order");
    const [message] = await look();
    expect(message).toMatchObject({ delivery: "sns-envelope", orderId: "O1234", receiveCount: 0, state: "visible" });
    expect(message.envelope?.map((f) => f.field)).toEqual([
      "Type",
      "MessageId",
      "TopicArn",
      "Subject",
      "Message",
      "Timestamp",
      "SignatureVersion",
      "Signature",
      "SigningCertURL",
      "UnsubscribeURL",
      "MessageAttributes",
    ]);
    const field = (name: string) => message.envelope?.find((f) => f.field === name)?.value;
    expect(field("Type")).toBe("Notification");
    expect(field("Subject")).toBe("New order O1234");
    expect(JSON.parse(field("Message") ?? "")).toEqual(SAMPLE_ORDER);
    expect(JSON.parse(field("MessageAttributes") ?? "")).toEqual({ quantity: { Type: "Number", Value: "1" } });
    expect(message.messageAttributes).toEqual([]);
  });

  it("delivers it as published once raw delivery is on, attributes as SQS attributes", async () => {
    await run(context, "subscription", "set-raw-delivery", { raw: true });
    expect((await check(context, "subscription")).details).toEqual(["Raw message delivery is on: messages arrive as published."]);
    await run(context, "subscription", "publish-sample-order");
    const messages = await look();
    expect(messages.map((m) => m.delivery).sort()).toEqual(["raw", "sns-envelope"]);
    const raw = messages.find((m) => m.delivery === "raw");
    expect(JSON.parse(raw?.body ?? "")).toEqual(SAMPLE_ORDER);
    expect(raw).toMatchObject({ envelope: null, orderId: "O1234", messageAttributes: [{ name: "quantity", dataType: "Number", value: "1" }] });
    await run(context, "subscription", "set-raw-delivery", { raw: false });
  });

  it("polls with a real receive when asked (each receive count goes up), and refuses a parameter that is not a boolean", async () => {
    const polled = dataOf(await run(context, "subscription", "look-at-order-queue", { receive: true }));
    expect(polled.receivedThem).toBe(true);
    expect((polled.messages as unknown as DeliveryView[]).every((m) => m.receiveCount === 1)).toBe(true);
    const [again] = await look();
    expect(again.receiveCount).toBe(1);
    await expect(run(context, "subscription", "look-at-order-queue", { receive: "yes" })).rejects.toThrow();
  });
});
