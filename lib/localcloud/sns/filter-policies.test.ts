import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  type MessageAttributeValue,
} from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue, drain } from "./test-support";

interface Sample {
  id: string;
  body?: Record<string, unknown>;
  attributes?: Record<string, MessageAttributeValue>;
}

const str = (value: string): MessageAttributeValue => ({ DataType: "String", StringValue: value });
const num = (value: number): MessageAttributeValue => ({ DataType: "Number", StringValue: String(value) });
const arr = (value: unknown[]): MessageAttributeValue => ({ DataType: "String.Array", StringValue: JSON.stringify(value) });

describe("subscription filter policies", () => {
  const bed = cloudForTests({ sns: SNSClient, sqs: SQSClient });

  /** Publishes the samples to a topic whose only subscriber has `policy`; returns the ids delivered. */
  async function delivered(policy: unknown, samples: Sample[], scope?: "MessageAttributes" | "MessageBody"): Promise<string[]> {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("filtered") }));
    const queue = await createQueue(bed.sqs, uniqueName("filtered-queue"));
    await bed.sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "sqs",
        Endpoint: queue.arn,
        Attributes: {
          RawMessageDelivery: "true",
          FilterPolicy: JSON.stringify(policy),
          ...(scope ? { FilterPolicyScope: scope } : {}),
        },
      }),
    );
    for (const sample of samples) {
      await bed.sns.send(
        new PublishCommand({
          TopicArn,
          Message: JSON.stringify({ id: sample.id, ...sample.body }),
          MessageAttributes: sample.attributes,
        }),
      );
    }
    return (await drain(bed.sqs, queue.url)).map((m) => JSON.parse(m.Body as string).id).sort();
  }

  it("matches exact strings and numbers on message attributes, all keys together", async () => {
    const ids = await delivered({ store: ["cafe", "kiosk"], quantity: [1, 2] }, [
      { id: "a", attributes: { store: str("cafe"), quantity: num(2) } },
      { id: "b", attributes: { store: str("kiosk"), quantity: num(3) } },
      { id: "c", attributes: { store: str("bar"), quantity: num(1) } },
      { id: "d", attributes: { store: str("cafe") } },
      { id: "e", attributes: { store: str("cafe"), quantity: str("2") } },
      { id: "f" },
    ]);
    expect(ids).toEqual(["a"]);
  });

  it("matches prefix, suffix, equals-ignore-case and anything-but", async () => {
    expect(
      await delivered({ sku: [{ prefix: "LAP-" }] }, [
        { id: "a", attributes: { sku: str("LAP-1") } },
        { id: "b", attributes: { sku: str("PHN-1") } },
      ]),
    ).toEqual(["a"]);
    expect(
      await delivered({ file: [{ suffix: ".png" }] }, [
        { id: "a", attributes: { file: str("cat.png") } },
        { id: "b", attributes: { file: str("cat.gif") } },
      ]),
    ).toEqual(["a"]);
    expect(
      await delivered({ status: [{ "equals-ignore-case": "shipped" }] }, [
        { id: "a", attributes: { status: str("SHIPPED") } },
        { id: "b", attributes: { status: str("pending") } },
      ]),
    ).toEqual(["a"]);
    expect(
      await delivered({ region: [{ "anything-but": ["north", "south"] }] }, [
        { id: "a", attributes: { region: str("east") } },
        { id: "b", attributes: { region: str("north") } },
        { id: "c" },
      ]),
    ).toEqual(["a"]);
    expect(
      await delivered({ code: [{ "anything-but": { prefix: "test-" } }] }, [
        { id: "a", attributes: { code: str("prod-1") } },
        { id: "b", attributes: { code: str("test-1") } },
      ]),
    ).toEqual(["a"]);
  });

  it("matches numeric ranges and exists", async () => {
    expect(
      await delivered({ amount: [{ numeric: [">", 10000] }] }, [
        { id: "a", attributes: { amount: num(15000) } },
        { id: "b", attributes: { amount: num(10000) } },
        { id: "c", attributes: { amount: str("20000") } },
      ]),
    ).toEqual(["a"]);
    expect(
      await delivered({ price: [{ numeric: [">=", 0, "<", 100] }] }, [
        { id: "a", attributes: { price: num(0) } },
        { id: "b", attributes: { price: num(99.5) } },
        { id: "c", attributes: { price: num(100) } },
      ]),
    ).toEqual(["a", "b"]);
    expect(
      await delivered({ coupon: [{ exists: true }] }, [
        { id: "a", attributes: { coupon: str("X") } },
        { id: "b", attributes: { other: str("Y") } },
      ]),
    ).toEqual(["a"]);
    // AWS: `exists: false` needs at least one attribute; a message without any matches no policy.
    expect(
      await delivered({ coupon: [{ exists: false }] }, [
        { id: "a", attributes: { coupon: str("X") } },
        { id: "b", attributes: { other: str("Y") } },
        { id: "c" },
      ]),
    ).toEqual(["b"]);
  });

  it("compares numbers to five decimal places, and `exists: true` needs a non-null, non-empty value", async () => {
    expect(
      await delivered({ quantity: [{ numeric: [">=", 10] }] }, [
        { id: "a", attributes: { quantity: num(9.999999) } },
        { id: "b", attributes: { quantity: num(9.9999) } },
        { id: "c", attributes: { quantity: num(10.000001) } },
      ]),
    ).toEqual(["a", "c"]);
    expect(
      await delivered({ quantity: [10], price: [{ "anything-but": [5] }] }, [
        { id: "a", attributes: { quantity: num(10.000001), price: num(6) } },
        { id: "b", attributes: { quantity: num(10), price: num(5.000001) } },
        { id: "c", attributes: { quantity: num(10.0001), price: num(6) } },
      ]),
    ).toEqual(["a"]);
    expect(
      await delivered(
        { coupon: [{ exists: true }] },
        [
          { id: "a", body: { coupon: "X" } },
          { id: "b", body: { coupon: null } },
          { id: "c", body: { coupon: "" } },
          { id: "d", body: { other: "Y" } },
        ],
        "MessageBody",
      ),
    ).toEqual(["a"]);
  });

  it("matches any element of a String.Array attribute, and $or alternatives", async () => {
    expect(
      await delivered({ tags: ["gift"] }, [
        { id: "a", attributes: { tags: arr(["rush", "gift"]) } },
        { id: "b", attributes: { tags: arr(["rush"]) } },
      ]),
    ).toEqual(["a"]);
    expect(
      await delivered({ $or: [{ store: ["cafe"] }, { amount: [{ numeric: [">", 100] }] }] }, [
        { id: "a", attributes: { store: str("cafe"), amount: num(1) } },
        { id: "b", attributes: { store: str("bar"), amount: num(500) } },
        { id: "c", attributes: { store: str("bar"), amount: num(5) } },
      ]),
    ).toEqual(["a", "b"]);
  });

  it("filters on the JSON body, nested keys included, with FilterPolicyScope MessageBody", async () => {
    const ids = await delivered(
      { order: { amount: [{ numeric: [">", 10000] }], customer: { tier: ["gold"] } } },
      [
        { id: "a", body: { order: { amount: 15000, customer: { tier: "gold" } } } },
        { id: "b", body: { order: { amount: 15000, customer: { tier: "silver" } } } },
        { id: "c", body: { order: { amount: 50, customer: { tier: "gold" } } } },
        { id: "d", body: { order: [{ amount: 20000, customer: { tier: "gold" } }] } },
      ],
      "MessageBody",
    );
    expect(ids).toEqual(["a", "d"]);
  });

  it("rejects invalid policies with AWS's messages", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("invalid-policies") }));
    const queue = await createQueue(bed.sqs, uniqueName("invalid-policies-queue"));
    const { SubscriptionArn } = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
    const set = (value: unknown) =>
      bed.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "FilterPolicy", AttributeValue: JSON.stringify(value) }));

    await expect(set({ a: ["1"], b: ["1"], c: ["1"], d: ["1"], e: ["1"], f: ["1"] })).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys",
    });
    await expect(set({ a: [{ prefi: "x" }] })).rejects.toMatchObject({
      message: "Invalid parameter: FilterPolicy: Unrecognized match type prefi",
    });
    await expect(set({ a: [{ exists: "yes" }] })).rejects.toMatchObject({
      message: "Invalid parameter: FilterPolicy: exists match pattern must be either true or false.",
    });
    await expect(set({ a: [{ numeric: ["<", 5, ">", 1] }] })).rejects.toMatchObject({ name: "InvalidParameterException" });
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    await expect(set({ a: values(13), b: values(12) })).rejects.toMatchObject({
      message: "Invalid parameter: FilterPolicy: Filter policy is too complex",
    });
    await expect(set({ a: { nested: ["x"] } })).rejects.toMatchObject({
      message: "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy",
    });

    await set({ store: ["cafe"] });
    const { Attributes } = await bed.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    expect(Attributes).toMatchObject({ FilterPolicy: '{"store":["cafe"]}', FilterPolicyScope: "MessageAttributes" });
  });
});
