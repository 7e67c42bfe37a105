import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalCloud } from "../index";
import { clientConfig } from "../test/harness";
import { StateStoreError } from "./persistence";

/** A `.localcloud/` folder as the earlier JSON-part format wrote it. */
function writeEarlierFormat(dir: string, now: number) {
  const write = (relative: string, data: unknown) => {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), typeof data === "string" ? data : JSON.stringify(data));
  };
  write("clock.json", { offsetMs: 0 });
  const message = (id: string, body: string, sequence: number) => ({
    id,
    body,
    md5OfBody: createHash("md5").update(body).digest("hex"),
    senderId: "000000000000",
    sentAt: now - 1000,
    enqueuedAt: now - 1000,
    expiresAt: now + 3_600_000,
    receiveCount: 0,
    state: "visible",
    visibleAt: now - 1000,
    receiveSeq: 0,
    receivedAt: 0,
    groupId: "g",
    deduplicationId: id,
    sequenceNumber: `1${String(sequence).padStart(19, "0")}`,
    size: body.length,
    version: 0,
  });
  write("sqs/us-east-1/orders.fifo.json", {
    version: 1,
    name: "orders.fifo",
    region: "us-east-1",
    uid: "0123456789abcdef",
    createdAt: now - 5000,
    lastModifiedAt: now - 5000,
    attributes: { FifoQueue: "true", VisibilityTimeout: "30", MessageRetentionPeriod: "345600", DelaySeconds: "0", MaximumMessageSize: "1048576", ReceiveMessageWaitTimeSeconds: "0", ContentBasedDeduplication: "false", DeduplicationScope: "queue", FifoThroughputLimit: "perQueue", SqsManagedSseEnabled: "true" },
    tags: {},
    nextSequence: 3,
    dedup: [["first", { messageId: "m-1", sequenceNumber: "10000000000000000001", expiresAt: now + 200_000 }]],
    messages: [message("m-1", "first order", 1), message("m-2", "second order", 2)],
  });
  write("sqs/us-east-1/orders.fifo.json.123.0.tmp", "{half a wri");
  write("runtime/event-source-mappings.json", { version: 1, mappings: [] });
}

describe("a data folder of the earlier JSON format", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-migrate-"));
    dirs.push(dir);
    return dir;
  };

  it("is moved into the state database on first start, its files set aside, and its queues keep their messages, order and deduplication", async () => {
    const dir = tempDir();
    writeEarlierFormat(dir, Date.now());
    const cloud = await startLocalCloud({ port: 0, dataDir: dir });
    const sqs = new SQSClient(clientConfig(cloud));
    try {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: "orders.fifo" }));
      const repeat = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "first order", MessageGroupId: "g", MessageDeduplicationId: "first" }));
      expect(repeat.MessageId).toBe("m-1");
      const fresh = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "third order", MessageGroupId: "g", MessageDeduplicationId: "third" }));
      expect(fresh.SequenceNumber).toBe("10000000000000000003");
    } finally {
      sqs.destroy();
      await cloud.close();
    }
    const aside = fs.readdirSync(dir).filter((name) => name.startsWith("migrated-json-"));
    expect(aside).toHaveLength(1);
    const left = fs.readdirSync(dir);
    expect(left).toEqual(expect.arrayContaining([aside[0], "dynamodb", "runtime", "state"]));
    expect(left.filter((name) => ["sqs", "sns", "kinesis", "cloudwatch", "iam", "pipes", "clock.json"].includes(name))).toEqual([]);
    expect(fs.existsSync(path.join(dir, aside[0], "sqs/us-east-1/orders.fifo.json"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "runtime/event-source-mappings.json"))).toBe(true);

    // The second start reads the records (the queue as records now, the migrated part gone).
    const again = await startLocalCloud({ port: 0, dataDir: dir });
    const client = new SQSClient(clientConfig(again));
    try {
      expect(again.store.keysUnder("sqs/").filter((key) => !key.includes("/m/") && !key.includes("/d/"))).toEqual(["sqs/us-east-1/orders.fifo/meta"]);
      const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: "orders.fifo" }));
      const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      expect(Messages.map((m) => m.Body)).toEqual(["first order", "second order", "third order"]);
    } finally {
      client.destroy();
      await again.close();
    }
  });

  it("with a garbled file: names the file, changes nothing, and does not start", async () => {
    const dir = tempDir();
    writeEarlierFormat(dir, Date.now());
    fs.writeFileSync(path.join(dir, "clock.json"), "{not json");
    const error = await startLocalCloud({ port: 0, dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as Error).message).toMatch(new RegExp(`^The local cloud cannot read the state file ${path.join(dir, "clock.json")} while moving its data folder to the new format`));
    expect(fs.existsSync(path.join(dir, "sqs/us-east-1/orders.fifo.json"))).toBe(true);
    expect(fs.readdirSync(dir).some((name) => name.startsWith("migrated-json-"))).toBe(false);
  });
});
