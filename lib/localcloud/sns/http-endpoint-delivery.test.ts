import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import { SQSClient, type Message } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue, drain } from "./test-support";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback endpoint that records what SNS POSTs and answers with `status`. */
async function startEndpoint() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Waits (briefly, in real time) for an HTTP delivery, which SNS makes asynchronously. */
async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error("timed out waiting for a delivery");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("SNS delivery to a loopback HTTP endpoint", () => {
  const bed = cloudForTests({ sns: SNSClient, sqs: SQSClient });
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  beforeAll(async () => {
    endpoint = await startEndpoint();
  });
  afterAll(async () => {
    await endpoint.close();
  });

  it("posts a confirmation, is confirmed through SubscribeURL, then posts notifications", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("webhook") }));
    const start = endpoint.received.length;
    const subscribed = await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: endpoint.url }));
    expect(subscribed.SubscriptionArn).toBe("pending confirmation");
    await waitFor(() => endpoint.received.length > start);
    const confirmation = endpoint.received[start];
    expect(confirmation.headers["x-amz-sns-message-type"]).toBe("SubscriptionConfirmation");
    expect(confirmation.headers["x-amz-sns-topic-arn"]).toBe(TopicArn);
    const document = JSON.parse(confirmation.body);
    expect(document).toMatchObject({ Type: "SubscriptionConfirmation", TopicArn });

    expect((await fetch(document.SubscribeURL)).status).toBe(200);
    const [subscription] = (await bed.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions ?? [];
    expect(subscription.SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:`));

    const { MessageId } = await bed.sns.send(new PublishCommand({ TopicArn, Message: "order ready" }));
    await waitFor(() => endpoint.received.some((r) => r.headers["x-amz-sns-message-id"] === MessageId));
    const notification = endpoint.received.find((r) => r.headers["x-amz-sns-message-id"] === MessageId) as Received;
    expect(notification.headers).toMatchObject({
      "x-amz-sns-message-type": "Notification",
      "x-amz-sns-topic-arn": TopicArn,
      "x-amz-sns-subscription-arn": subscription.SubscriptionArn,
      "content-type": "text/plain; charset=UTF-8",
    });
    expect(JSON.parse(notification.body)).toMatchObject({ Type: "Notification", Message: "order ready", MessageId });

    await bed.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: subscription.SubscriptionArn, AttributeName: "RawMessageDelivery", AttributeValue: "true" }));
    const raw = await bed.sns.send(new PublishCommand({ TopicArn, Message: "raw body" }));
    await waitFor(() => endpoint.received.some((r) => r.headers["x-amz-sns-message-id"] === raw.MessageId));
    const rawDelivery = endpoint.received.find((r) => r.headers["x-amz-sns-message-id"] === raw.MessageId) as Received;
    expect(rawDelivery.body).toBe("raw body");
    expect(rawDelivery.headers["x-amz-sns-rawdelivery"]).toBe("true");
  });

  it("retries a failing endpoint on the clock, then gives the message to the dead-letter queue", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("flaky-webhook") }));
    const dlq = await createQueue(bed.sqs, uniqueName("webhook-dlq"));
    const start = endpoint.received.length;
    await bed.sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "http",
        Endpoint: `${endpoint.url}?flaky=1`,
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) },
      }),
    );
    await waitFor(() => endpoint.received.length > start);
    await fetch(JSON.parse(endpoint.received[start].body).SubscribeURL);

    endpoint.state.status = 500;
    try {
      const { MessageId } = await bed.sns.send(new PublishCommand({ TopicArn, Message: "will fail" }));
      const attempts = () => endpoint.received.filter((r) => r.headers["x-amz-sns-message-id"] === MessageId).length;
      await waitFor(() => attempts() === 1);
      for (let retry = 2; retry <= 4; retry++) {
        bed.cloud.clock.advance(20_000);
        await waitFor(() => attempts() === retry);
      }
      let dead: Message | undefined;
      await waitFor(async () => {
        dead = (await drain(bed.sqs, dlq.url))[0];
        return dead !== undefined;
      });
      bed.cloud.clock.advance(60_000);
      expect(attempts()).toBe(4);
      if (!dead) throw new Error("nothing reached the dead-letter queue");
      expect(JSON.parse(dead.Body as string)).toMatchObject({ MessageId, Message: "will fail" });
      expect(dead.MessageAttributes?.ErrorCode?.StringValue).toBe("HTTP500");
    } finally {
      endpoint.state.status = 200;
    }
  });

  it("refuses endpoints that are not on this machine", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("remote") }));
    await expect(
      bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "https", Endpoint: "https://example.com/hook" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: expect.stringContaining("loopback") });
    await expect(
      bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: "https://127.0.0.1/hook" })),
    ).rejects.toMatchObject({ name: "InvalidParameterException", message: "Invalid parameter: Endpoint must match the specified protocol" });
  });
});
