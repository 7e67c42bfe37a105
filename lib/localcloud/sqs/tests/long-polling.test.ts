import { ChangeMessageVisibilityCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { useSqsTestBed } from "./helpers";

describe("long polling", () => {
  const bed = useSqsTestBed();

  it("returns as soon as a message is sent", async () => {
    const queue = await bed.createQueue("wake-on-send");
    const started = Date.now();
    const polling = bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "arrived" }));
    const { Messages = [] } = await polling;
    expect(Messages.map((m) => m.Body)).toEqual(["arrived"]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("uses the queue's ReceiveMessageWaitTimeSeconds when the request sets none", async () => {
    const queue = await bed.createQueue("queue-wait", { ReceiveMessageWaitTimeSeconds: "20" });
    const polling = bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "late" }));
    expect((await polling).Messages?.map((m) => m.Body)).toEqual(["late"]);
  });

  it("returns when a visibility timeout runs out on the clock", async () => {
    const queue = await bed.createQueue("wake-on-expiry", { VisibilityTimeout: "10" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "retry me" }));
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    const polling = bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    bed.advanceSeconds(11);
    const { Messages = [] } = await polling;
    expect(Messages.map((m) => m.Body)).toEqual(["retry me"]);
  });

  it("returns when a delay ends and when a message is made visible again", async () => {
    const queue = await bed.createQueue("wake-on-delay");
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "delayed", DelaySeconds: 15 }));
    const polling = bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    bed.advanceSeconds(10);
    await new Promise((resolve) => setTimeout(resolve, 50));
    bed.advanceSeconds(6);
    const { Messages = [] } = await polling;
    expect(Messages.map((m) => m.Body)).toEqual(["delayed"]);

    const again = bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bed.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: Messages[0].ReceiptHandle, VisibilityTimeout: 0 }));
    expect((await again).Messages?.map((m) => m.Body)).toEqual(["delayed"]);
  });

  it("returns empty when the wait runs out on the clock, before a later message", async () => {
    const queue = await bed.createQueue("empty-wait", { VisibilityTimeout: "60" });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "comes back at 60 s" }));
    await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    const polling = bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    bed.advanceSeconds(61);
    expect((await polling).Messages).toBeUndefined();
    expect(await bed.counts(queue.url)).toMatchObject({ visible: 1 });
  });

  it("stops waiting when the client disconnects", async () => {
    const queue = await bed.createQueue("abandoned");
    const controller = new AbortController();
    const polling = bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 20 }), { abortSignal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await polling;
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "for someone else" }));
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    expect(Messages.map((m) => m.Body)).toEqual(["for someone else"]);
  });
});
