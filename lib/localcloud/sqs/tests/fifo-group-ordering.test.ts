import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("FIFO message groups", () => {
  const bed = useSqsTestBed();

  async function sendAll(url: string, messages: Array<[group: string, body: string]>) {
    const results = [];
    for (const [group, body] of messages) {
      results.push(await bed.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: body })));
    }
    return results;
  }

  it("returns several messages of one group per receive, in order, with increasing sequence numbers", async () => {
    const queue = await bed.createQueue("orders", {}, true);
    const sent = await sendAll(queue.url, [["a", "a1"], ["a", "a2"], ["a", "a3"]]);
    const sequence = sent.map((s) => BigInt(s.SequenceNumber as string));
    expect(sequence[1] > sequence[0] && sequence[2] > sequence[1]).toBe(true);
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["All"] }));
    expect(Messages.map((m) => m.Body)).toEqual(["a1", "a2", "a3"]);
    expect(Messages.map((m) => m.Attributes?.MessageGroupId)).toEqual(["a", "a", "a"]);
    expect(Messages.map((m) => m.Attributes?.SequenceNumber)).toEqual(sent.map((s) => s.SequenceNumber));
    expect(Messages[0].Attributes?.MessageDeduplicationId).toBe("a1");
  });

  it("holds a group while any of its messages is in flight, and serves other groups meanwhile", async () => {
    const queue = await bed.createQueue("held", {}, true);
    await sendAll(queue.url, [["a", "a1"], ["a", "a2"], ["b", "b1"]]);
    const first = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1 }));
    expect(first.Messages?.map((m) => m.Body)).toEqual(["a1"]);
    const second = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(second.Messages?.map((m) => m.Body)).toEqual(["b1"]);
    const third = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(third.Messages).toBeUndefined();
    await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: first.Messages?.[0].ReceiptHandle }));
    const fourth = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(fourth.Messages?.map((m) => m.Body)).toEqual(["a2"]);
  });

  it("wakes a long poll waiting on a held group when the group's in-flight message is deleted", async () => {
    const queue = await bed.createQueue("released", {}, true);
    await sendAll(queue.url, [["a", "a1"], ["a", "a2"]]);
    const first = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1 }));
    const started = Date.now();
    const polling = bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: first.Messages?.[0].ReceiptHandle }));
    expect((await polling).Messages?.map((m) => m.Body)).toEqual(["a2"]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("redelivers a group's messages in order after their visibility timeout ends", async () => {
    const queue = await bed.createQueue("retry", { VisibilityTimeout: "20" }, true);
    await sendAll(queue.url, [["a", "a1"], ["a", "a2"]]);
    const first = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1 }));
    expect(first.Messages?.map((m) => m.Body)).toEqual(["a1"]);
    bed.advanceSeconds(21);
    const again = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    expect(again.Messages?.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([["a1", "2"], ["a2", "1"]]);
    const handle = again.Messages?.[0].ReceiptHandle;
    await bed.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: handle, VisibilityTimeout: 0 }));
    const held = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(held.Messages).toBeUndefined();
  });

  it("keeps order within each group when groups interleave", async () => {
    const queue = await bed.createQueue("interleave", { ContentBasedDeduplication: "true" }, true);
    await bed.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: ["a1", "b1", "a2", "b2", "a3"].map((body) => ({ Id: body, MessageBody: body, MessageGroupId: body[0] })),
      }),
    );
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 2 }));
      for (const m of Messages) {
        seen.push(m.Body as string);
        await bed.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    expect(seen.filter((b) => b.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(seen.filter((b) => b.startsWith("b"))).toEqual(["b1", "b2"]);
  });

  it("requires MessageGroupId and refuses a per-message delay", async () => {
    const queue = await bed.createQueue("rules", { ContentBasedDeduplication: "true" }, true);
    expect(await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x" })))).toMatchObject({ name: "MissingParameter" });
    expect(await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageGroupId: "g", DelaySeconds: 5 })))).toMatchObject({
      name: "InvalidParameterValue",
    });
  });

  it("refuses a whole SendMessageBatch when one entry has no MessageGroupId, sending none of it", async () => {
    const queue = await bed.createQueue("batch-groups", { ContentBasedDeduplication: "true" }, true);
    const refused = await errorOf(
      bed.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [{ Id: "ok", MessageBody: "a", MessageGroupId: "g" }, { Id: "no-group", MessageBody: "b" }] })),
    );
    expect(refused).toMatchObject({ name: "MissingParameter", message: "The request must contain the parameter MessageGroupId." });
    const received = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }));
    expect(received.Messages ?? []).toEqual([]);
  });

  it("returns the same messages for a repeated ReceiveRequestAttemptId", async () => {
    const queue = await bed.createQueue("attempts", { ContentBasedDeduplication: "true" }, true);
    await sendAll(queue.url, [["a", "a1"], ["a", "a2"]]);
    const first = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, ReceiveRequestAttemptId: "try-1" }));
    const retry = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, ReceiveRequestAttemptId: "try-1" }));
    expect(retry.Messages?.map((m) => m.ReceiptHandle)).toEqual(first.Messages?.map((m) => m.ReceiptHandle));
  });
});
