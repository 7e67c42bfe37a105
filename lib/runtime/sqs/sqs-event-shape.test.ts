import { createHash } from "node:crypto";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { documentedBinaryAttribute, documentedFifoQueueRecord, documentedStandardQueueRecord } from "../events/fixtures/aws-sqs-events";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { shapeDifferences } from "../test/same-shape";
import { createQueue } from "../test/sqs-queues";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["sqs"]);
const md5 = (text: string) => createHash("md5").update(text).digest("hex");

describe.skipIf(!kind)(`SQS events are built as Lambda builds them (${kind ?? "skipped: no local cloud SQS and no moto_server"})`, () => {
  const backend = backendForTests(["sqs"]);

  async function firstRecord(queueArn: string, send: () => Promise<unknown>): Promise<SQSRecord> {
    const events: SQSEvent[] = [];
    const registry = testRegistry(backend, { capture: async (event: SQSEvent) => void events.push(event) });
    await registry.create(owner, { functionName: "user3-capture", handler: "capture", eventSourceArn: queueArn });
    await send();
    await eventually(backend, () => events.length > 0, { stepSeconds: 0, what: "an event" });
    await registry.shutdown();
    expect(events[0].Records).toHaveLength(1);
    const record = events[0].Records[0];
    const sent = Number(record.attributes.SentTimestamp);
    expect(String(sent)).toMatch(/^\d{13}$/);
    expect(Math.abs(sent - backend.clock.now())).toBeLessThan(60_000);
    expect(Number(record.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(sent);
    expect(record.attributes.ApproximateReceiveCount).toBe("1");
    expect(record.attributes.SenderId.length).toBeGreaterThan(0);
    expect(record.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.receiptHandle.length).toBeGreaterThan(0);
    return record;
  }

  it("standard queue: every field of the documented record, with message attributes", async () => {
    const queue = await createQueue(backend.sqs, "shape");
    const record = await firstRecord(queue.arn, () =>
      backend.sqs.send(
        new SendMessageCommand({
          QueueUrl: queue.url,
          MessageBody: "Test message.",
          MessageAttributes: { myAttribute: { DataType: "String", StringValue: "myValue" } },
        }),
      ),
    );
    expect(shapeDifferences(record, documentedStandardQueueRecord)).toEqual([]);
    expect(record.body).toBe("Test message.");
    expect(record.md5OfBody).toBe(md5("Test message."));
    expect(record.md5OfBody).toBe(documentedStandardQueueRecord.md5OfBody);
    expect(record.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(record.messageAttributes).toEqual(documentedStandardQueueRecord.messageAttributes);
    expect(record.eventSource).toBe("aws:sqs");
    expect(record.eventSourceARN).toBe(queue.arn);
    expect(record.eventSourceARN).toMatch(/^arn:aws:sqs:us-east-1:\d{12}:shape-/);
    expect(record.awsRegion).toBe("us-east-1");
  });

  it("FIFO queue: the group, deduplication id and sequence number, and no message attributes", async () => {
    const queue = await createQueue(backend.sqs, "shape.fifo");
    const record = await firstRecord(queue.arn, () =>
      backend.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "Test message.", MessageGroupId: "1", MessageDeduplicationId: "1" })),
    );
    expect(shapeDifferences(record, documentedFifoQueueRecord)).toEqual([]);
    expect(record.attributes.MessageGroupId).toBe("1");
    expect(record.attributes.MessageDeduplicationId).toBe("1");
    expect(record.attributes.SequenceNumber).toMatch(/^\d{20,}$/);
    expect(record.messageAttributes).toEqual({});
    expect(record.eventSourceARN).toBe(queue.arn);
  });

  it("a binary message attribute arrives in base64", async () => {
    const queue = await createQueue(backend.sqs, "binary");
    const record = await firstRecord(queue.arn, () =>
      backend.sqs.send(
        new SendMessageCommand({
          QueueUrl: queue.url,
          MessageBody: "bytes",
          MessageAttributes: { Attribute3: { DataType: "Binary", BinaryValue: Buffer.from("1100") } },
        }),
      ),
    );
    expect(record.messageAttributes.Attribute3).toEqual(documentedBinaryAttribute);
  });
});
