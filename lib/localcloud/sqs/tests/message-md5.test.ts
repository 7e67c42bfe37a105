import { createHash } from "node:crypto";
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { useSqsTestBed } from "./helpers";

/** SQS's documented MD5 of message attributes, written out independently of the service's code. */
function referenceMd5(attributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>): string {
  const hash = createHash("md5");
  const field = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name];
    field(Buffer.from(name));
    field(Buffer.from(attribute.DataType));
    if (attribute.BinaryValue) {
      hash.update(Buffer.from([2]));
      field(Buffer.from(attribute.BinaryValue));
    } else {
      hash.update(Buffer.from([1]));
      field(Buffer.from(attribute.StringValue ?? ""));
    }
  }
  return hash.digest("hex");
}

describe("message digests and attributes", () => {
  const bed = useSqsTestBed();
  const attributes = {
    Priority: { DataType: "Number", StringValue: "3" },
    customer: { DataType: "String", StringValue: "Zoë" },
    "trace.id": { DataType: "String.uuid", StringValue: "5a0f" },
    thumbnail: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 2, 254, 255]) },
  };

  it("returns MD5s of body and attributes on send and receive", async () => {
    const queue = await bed.createQueue("digests");
    const body = '{"orderId":"o-1","note":"café ☕"}';
    const sent = await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body, MessageAttributes: attributes }));
    expect(sent.MD5OfMessageBody).toBe(createHash("md5").update(body, "utf8").digest("hex"));
    expect(sent.MD5OfMessageAttributes).toBe(referenceMd5(attributes));
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MessageAttributeNames: ["All"] }));
    expect(Messages[0].Body).toBe(body);
    expect(Messages[0].MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(Messages[0].MessageAttributes?.thumbnail.BinaryValue).toEqual(attributes.thumbnail.BinaryValue);
    expect(Messages[0].MessageAttributes?.["trace.id"]).toEqual({ DataType: "String.uuid", StringValue: "5a0f" });
  });

  it("returns only the message attributes asked for, with the MD5 of those", async () => {
    const queue = await bed.createQueue("selected-attributes");
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageAttributes: attributes }));
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MessageAttributeNames: ["Priority", "trace.*"] }));
    expect(Object.keys(Messages[0].MessageAttributes ?? {}).sort()).toEqual(["Priority", "trace.id"]);
    expect(Messages[0].MD5OfMessageAttributes).toBe(referenceMd5({ Priority: attributes.Priority, "trace.id": attributes["trace.id"] }));
    bed.advanceSeconds(31);
    const none = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
    expect(none.Messages?.[0].MessageAttributes).toBeUndefined();
    expect(none.Messages?.[0].MD5OfMessageAttributes).toBeUndefined();
    expect(none.Messages?.[0].Attributes).toBeUndefined();
  });

  it("carries an AWSTraceHeader system attribute with its own MD5", async () => {
    const queue = await bed.createQueue("traced");
    const trace = { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1" } };
    const sent = await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "x", MessageSystemAttributes: trace }));
    expect(sent.MD5OfMessageSystemAttributes).toBe(referenceMd5(trace));
    const { Messages = [] } = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MessageSystemAttributeNames: ["AWSTraceHeader"] }));
    expect(Messages[0].Attributes).toEqual({ AWSTraceHeader: trace.AWSTraceHeader.StringValue });
  });
});
