import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { clientConfig, uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { readOutbox } from "./test-support";

describe("email subscriptions and the outbox", () => {
  const bed = cloudForTests({ sns: SNSClient });

  it("holds an email subscription pending until it is confirmed with the token from the outbox", async () => {
    const name = uniqueName("order-processing-alerts");
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: name, Attributes: { DisplayName: "Order alerts" } }));
    const subscribed = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "student@example.com" }));
    expect(subscribed.SubscriptionArn).toBe("pending confirmation");

    const listed = await bed.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(listed.Subscriptions).toEqual([
      { SubscriptionArn: "PendingConfirmation", Owner: "000000000000", Protocol: "email", Endpoint: "student@example.com", TopicArn },
    ]);
    expect((await bed.sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes?.SubscriptionsPending).toBe("1");

    // Nothing is delivered while pending.
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "too early" }));
    const [confirmation, ...others] = await readOutbox(bed.cloud, name);
    expect(others).toHaveLength(0);
    expect(confirmation).toMatchObject({
      kind: "SubscriptionConfirmation",
      to: "student@example.com",
      from: "Order alerts <no-reply@sns.amazonaws.com>",
      subject: "AWS Notification - Subscription Confirmation",
      topicArn: TopicArn,
    });
    expect(confirmation.token).toMatch(/^[0-9a-f]{128}$/);
    expect(confirmation.body).toContain(TopicArn);
    expect(confirmation.body).toContain(confirmation.confirmUrl);

    await expect(bed.sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: "not-the-token" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Token",
    });
    const confirmed = await bed.sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.token }));
    expect(confirmed.SubscriptionArn).toBe(confirmation.subscriptionArn);
    const attributes = await bed.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: confirmed.SubscriptionArn }));
    expect(attributes.Attributes).toMatchObject({ PendingConfirmation: "false", Protocol: "email", Endpoint: "student@example.com" });

    await bed.sns.send(new PublishCommand({ TopicArn, Message: "Order O-7 failed three times.", Subject: "DLQ alert" }));
    const notification = (await readOutbox(bed.cloud, name)).at(-1);
    expect(notification).toMatchObject({ kind: "Notification", subject: "DLQ alert", protocol: "email" });
    expect(notification?.body.startsWith("Order O-7 failed three times.\n\n--\n")).toBe(true);
    expect(notification?.unsubscribeUrl).toContain("Action=Unsubscribe");
  });

  it("confirms by following the link in the email, as a person would", async () => {
    const name = uniqueName("link-confirm");
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: name }));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "clicker@example.com" }));
    const [confirmation] = await readOutbox(bed.cloud, name);
    const response = await fetch(confirmation.confirmUrl as string);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`<SubscriptionArn>${confirmation.subscriptionArn}</SubscriptionArn>`);
    const listed = await bed.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(listed.Subscriptions?.[0].SubscriptionArn).toBe(confirmation.subscriptionArn);

    // The unsubscribe link in a notification works the same way.
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "hello" }));
    const notification = (await readOutbox(bed.cloud, name)).at(-1);
    expect((await fetch(notification?.unsubscribeUrl as string)).status).toBe(200);
    expect((await bed.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toEqual([]);
  });

  it("sends email-json subscribers the JSON documents", async () => {
    const name = uniqueName("json-mail");
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: name }));
    const { SubscriptionArn } = await bed.sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "email-json", Endpoint: "robot@example.com", ReturnSubscriptionArn: true }),
    );
    expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:`));
    const [confirmation] = await readOutbox(bed.cloud, name);
    const document = JSON.parse(confirmation.body);
    expect(document).toMatchObject({ Type: "SubscriptionConfirmation", TopicArn, Token: confirmation.token, SubscribeURL: confirmation.confirmUrl });
    await bed.sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: document.Token }));
    await bed.sns.send(new PublishCommand({ TopicArn, Message: "as json" }));
    const notification = JSON.parse((await readOutbox(bed.cloud, name)).at(-1)?.body as string);
    expect(notification).toMatchObject({ Type: "Notification", TopicArn, Message: "as json" });
  });

  it("does not allow raw delivery for email, nor non-loopback or malformed endpoints", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("mail-rules") }));
    await expect(bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "not-an-address" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: "Invalid parameter: Email address",
    });
    const { SubscriptionArn } = await bed.sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "x@example.com", ReturnSubscriptionArn: true }),
    );
    await expect(
      bed.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "RawMessageDelivery", AttributeValue: "true" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
    await expect(bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sms", Endpoint: "+15555550100" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
    await expect(bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "carrier-pigeon", Endpoint: "x" }))).rejects.toMatchObject({
      message: "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon",
    });
  });

  it("keeps the outbox per region and per topic, and deletes subscriptions left unconfirmed for 48 hours", async () => {
    const west = new SNSClient(clientConfig(bed.cloud, "us-west-2"));
    const name = uniqueName("regional");
    const { TopicArn } = await west.send(new CreateTopicCommand({ Name: name }));
    await west.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "west@example.com" }));
    expect(await readOutbox(bed.cloud, name, "us-west-2")).toHaveLength(1);
    expect(await readOutbox(bed.cloud, name, "us-east-1")).toHaveLength(0);
    expect((await readOutbox(bed.cloud, TopicArn, "us-west-2"))[0].to).toBe("west@example.com");

    bed.cloud.clock.advance(47 * 3600_000);
    expect((await west.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toHaveLength(1);
    bed.cloud.clock.advance(2 * 3600_000);
    expect((await west.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toHaveLength(0);
    west.destroy();
  });
});
