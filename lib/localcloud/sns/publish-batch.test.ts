import { CreateTopicCommand, PublishBatchCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { cloudForTests } from "../test/test-bed";
import { createQueue, drain } from "./test-support";

describe("PublishBatch", () => {
  const bed = cloudForTests({ sns: SNSClient, sqs: SQSClient });

  it("publishes each entry, reporting the ones that failed alongside the ones that did not", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("batch") }));
    const queue = await createQueue(bed.sqs, uniqueName("batch-queue"));
    await bed.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "true" } }));

    const result = await bed.sns.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: "ok-1", Message: "first", MessageAttributes: { kind: { DataType: "String", StringValue: "a" } } },
          { Id: "empty", Message: "" },
          { Id: "ok-2", Message: "second", Subject: "s" },
        ],
      }),
    );
    expect(result.Successful?.map((s) => s.Id)).toEqual(["ok-1", "ok-2"]);
    expect(result.Successful?.every((s) => /^[0-9a-f-]{36}$/.test(s.MessageId ?? ""))).toBe(true);
    expect(result.Failed).toEqual([{ Id: "empty", Code: "InvalidParameter", Message: "Invalid parameter: Empty message", SenderFault: true }]);
    const bodies = (await drain(bed.sqs, queue.url)).map((m) => m.Body).sort();
    expect(bodies).toEqual(["first", "second"]);
  });

  it("refuses a batch that is empty, too long, or has bad or repeated ids", async () => {
    const { TopicArn } = await bed.sns.send(new CreateTopicCommand({ Name: uniqueName("batch-rules") }));
    await expect(bed.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [] }))).rejects.toMatchObject({
      name: "EmptyBatchRequestException",
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, Message: "x" }));
    await expect(bed.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: eleven }))).rejects.toMatchObject({
      name: "TooManyEntriesInBatchRequestException",
    });
    await expect(
      bed.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: "a", Message: "x" }, { Id: "a", Message: "y" }] })),
    ).rejects.toMatchObject({ name: "BatchEntryIdsNotDistinctException" });
    await expect(
      bed.sns.send(new PublishBatchCommand({ TopicArn, PublishBatchRequestEntries: [{ Id: "has space", Message: "x" }] })),
    ).rejects.toMatchObject({ name: "InvalidBatchEntryIdException" });
    await expect(
      bed.sns.send(
        new PublishBatchCommand({
          TopicArn,
          PublishBatchRequestEntries: [
            { Id: "a", Message: "x".repeat(200_000) },
            { Id: "b", Message: "y".repeat(100_000) },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: "BatchRequestTooLongException" });
  });

  it("returns sequence numbers for a FIFO topic", async () => {
    const { TopicArn } = await bed.sns.send(
      new CreateTopicCommand({ Name: `${uniqueName("batch")}.fifo`, Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } }),
    );
    const result = await bed.sns.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: "a", Message: "one", MessageGroupId: "g" },
          { Id: "b", Message: "two", MessageGroupId: "g" },
        ],
      }),
    );
    const [a, b] = result.Successful ?? [];
    expect(BigInt(b.SequenceNumber as string)).toBeGreaterThan(BigInt(a.SequenceNumber as string));
  });
});
