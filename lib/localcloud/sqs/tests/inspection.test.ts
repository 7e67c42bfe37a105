import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { useSqsTestBed } from "./helpers";

describe("inspection routes", () => {
  const bed = useSqsTestBed();
  const get = async (path: string) => {
    const response = await fetch(`${bed.cloud.endpoint}/_localcloud/sqs/${path}`);
    return { status: response.status, body: await response.json() };
  };

  it("lists queues with URLs, ARNs and counts", async () => {
    const dlq = await bed.createQueue("inspect-dlq");
    const queue = await bed.createQueue("inspect-main", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }) });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "a" }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "b", DelaySeconds: 60 }));
    const { status, body } = await get("queues?region=us-east-1");
    expect(status).toBe(200);
    const listed = body.queues.find((q: { name: string }) => q.name === queue.name);
    expect(listed).toMatchObject({
      url: queue.url,
      arn: queue.arn,
      fifo: false,
      counts: { visible: 1, inFlight: 0, delayed: 1 },
      deadLetterTargetArn: dlq.arn,
      maxReceiveCount: 3,
    });
    expect((await get("queues?region=eu-west-1")).body.queues).toEqual([]);
  });

  it("shows every message with its state and when it becomes visible, without receiving it", async () => {
    const queue = await bed.createQueue("peek", { VisibilityTimeout: "60" });
    await bed.sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "in flight", MessageAttributes: { Priority: { DataType: "Number", StringValue: "1" } } }),
    );
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "waiting" }));
    const first = await get(`messages?region=us-east-1&queue=${queue.name}`);
    const second = await get(`messages?region=us-east-1&queue=${queue.name}`);
    expect(second.body.messages).toEqual(first.body.messages);
    const byBody = Object.fromEntries(first.body.messages.map((m: { body: string }) => [m.body, m]));
    expect(byBody["in flight"]).toMatchObject({
      state: "inFlight",
      receiveCount: 1,
      visibleInSeconds: 60,
      messageAttributes: { Priority: { DataType: "Number", StringValue: "1" } },
      systemAttributes: { ApproximateReceiveCount: "1" },
    });
    expect(byBody["in flight"].visibleAt).toBeGreaterThan(first.body.now);
    expect(byBody.waiting).toMatchObject({ state: "visible", receiveCount: 0, visibleAt: null });
    expect(await bed.counts(queue.url)).toEqual({ visible: 1, inFlight: 1, delayed: 0 });
  });

  it("answers 404 for an unknown queue and 405 for a write", async () => {
    expect((await get("messages?region=us-east-1&queue=missing")).status).toBe(404);
    const post = await fetch(`${bed.cloud.endpoint}/_localcloud/sqs/queues`, { method: "POST" });
    expect(post.status).toBe(405);
  });
});
