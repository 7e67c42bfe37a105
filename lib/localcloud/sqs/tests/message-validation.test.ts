import { SendMessageCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { errorOf, useSqsTestBed } from "./helpers";

describe("message validation", () => {
  const bed = useSqsTestBed();

  it("accepts a 1 MiB message and refuses one byte more", async () => {
    const queue = await bed.createQueue("big");
    await expect(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x".repeat(1_048_576) }))).resolves.toHaveProperty("MessageId");
    const tooBig = await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x".repeat(1_048_577) })));
    expect(tooBig).toMatchObject({ name: "InvalidParameterValue" });
    expect(String(tooBig.message)).toContain("Message must be shorter than 1048576 bytes");
  });

  it("counts attributes toward the queue's MaximumMessageSize", async () => {
    const queue = await bed.createQueue("small");
    await bed.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { MaximumMessageSize: "1024" } }));
    const body = "x".repeat(1000);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
    const withAttributes = await errorOf(
      bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body, MessageAttributes: { note: { DataType: "String", StringValue: "y".repeat(30) } } })),
    );
    expect(withAttributes).toMatchObject({ name: "InvalidParameterValue" });
  });

  it("refuses characters outside XML's allowed set and an empty body", async () => {
    const queue = await bed.createQueue("characters");
    expect(await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "null \u0000 byte" })))).toMatchObject({
      name: "InvalidMessageContents",
    });
    expect(await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "" })))).toMatchObject({ name: "MissingParameter" });
    await expect(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "tab\tnewline\nemoji 🎉" }))).resolves.toHaveProperty("MessageId");
  });

  it("checks message attribute names, types and values", async () => {
    const queue = await bed.createQueue("attribute-rules");
    const send = (attributes: Record<string, { DataType: string; StringValue?: string }>) =>
      errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageAttributes: attributes })));
    expect(await send({ "AWS.reserved": { DataType: "String", StringValue: "v" } })).toMatchObject({ name: "InvalidParameterValue" });
    expect(await send({ ".leading": { DataType: "String", StringValue: "v" } })).toMatchObject({ name: "InvalidParameterValue" });
    expect(await send({ name: { DataType: "Date", StringValue: "v" } })).toMatchObject({ name: "InvalidParameterValue" });
    expect(await send({ count: { DataType: "Number", StringValue: "twelve" } })).toMatchObject({ name: "InvalidParameterValue" });
    expect(await send({ empty: { DataType: "String", StringValue: "" } })).toMatchObject({ name: "InvalidParameterValue" });
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: "v" }]));
    expect(await send(eleven)).toMatchObject({ name: "InvalidParameterValue" });
  });

  it("checks DelaySeconds and refuses a deduplication id on a standard queue", async () => {
    const queue = await bed.createQueue("delay-rules");
    expect(await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", DelaySeconds: 901 })))).toMatchObject({
      name: "InvalidParameterValue",
    });
    expect(
      await errorOf(bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageDeduplicationId: "d" }))),
    ).toMatchObject({ name: "InvalidParameterValue" });
  });

  it("accepts MessageGroupId on a standard queue (fair queues) and returns it", async () => {
    const queue = await bed.createQueue("fair");
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageGroupId: "tenant-1" }));
    const { ReceiveMessageCommand } = await import("@aws-sdk/client-sqs");
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MessageSystemAttributeNames: ["MessageGroupId"] }));
    expect(Messages[0].Attributes).toEqual({ MessageGroupId: "tenant-1" });
  });
});
