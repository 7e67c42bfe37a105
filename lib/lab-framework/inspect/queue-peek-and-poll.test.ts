/**
 * The queue inspector: counts from the queue's attributes; a peek on the local cloud lists the
 * messages without receiving them; a poll is a real receive that raises the receive count and
 * leaves the message visible (visibility timeout 0). Both carry each message attribute's DataType.
 */
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import { closeSharedRegistry } from "@/lib/runtime";
import { createLabContext } from "../context";
import { defineLab, defineResources } from "../define";
import type { LabContext } from "../types";
import { inspectQueue, pollQueue } from "./queue-inspection";

const resources = defineResources({ queue: { kind: "sqs-queue", name: "peeked", description: "" }, other: { kind: "sqs-queue", name: "never", description: "" } });
const lab = defineLab({ id: "peek-lab", order: 96, title: "Peek", summary: "", minutes: 1, level: "beginner", services: [], resources, steps: [] });

let cloud: LocalCloud;
let context: LabContext<typeof resources>;
let queueUrl: string;

const ATTRIBUTES = {
  size: { DataType: "String", StringValue: "large" },
  quantity: { DataType: "Number", StringValue: "12" },
  weight: { DataType: "Number.grams", StringValue: "350" },
  receipt: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 2, 250]) },
};
const ATTRIBUTE_VIEWS = [
  { name: "size", dataType: "String", value: "large" },
  { name: "quantity", dataType: "Number", value: "12" },
  { name: "weight", dataType: "Number.grams", value: "350" },
  { name: "receipt", dataType: "Binary", value: "AAEC+g==" },
];

function byName(attributes: Array<{ name: string }> | undefined) {
  return [...(attributes ?? [])].sort((a, b) => a.name.localeCompare(b.name));
}

beforeAll(async () => {
  cloud = await startTestCloud();
  context = await createLabContext(lab, { connection: { mode: "endpoint", endpoint: cloud.endpoint }, region: "us-east-1", prefix: "peek1" }, AbortSignal.timeout(30_000));
  ({ QueueUrl: queueUrl = "" } = await context.aws.sqs.send(new CreateQueueCommand({ QueueName: context.names.queue, Attributes: { VisibilityTimeout: "60" } })));
  await context.aws.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ item: "Latte" }), MessageAttributes: ATTRIBUTES }));
});
afterAll(async () => {
  await closeSharedRegistry();
  await cloud?.close();
});

describe("queue inspection", () => {
  it("peeks without receiving", async () => {
    const first = await inspectQueue(context, "queue");
    const second = await inspectQueue(context, "queue");
    expect(first.counts).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    expect(first.visibilityTimeoutSeconds).toBe(60);
    expect(first.peek?.messages).toHaveLength(1);
    expect(second.peek?.messages[0]).toMatchObject({ body: '{"item":"Latte"}', receiveCount: 0, state: "visible", visibleAt: null });
    expect(byName(second.peek?.messages[0].messageAttributes)).toEqual(byName(ATTRIBUTE_VIEWS));
  });

  it("polls with a real receive that leaves the message visible", async () => {
    const polled = await pollQueue(context, "queue");
    expect(polled.messages).toHaveLength(1);
    expect(polled.messages[0].receiveCount).toBe(1);
    expect(byName(polled.messages[0].messageAttributes)).toEqual(byName(ATTRIBUTE_VIEWS));
    const after = await inspectQueue(context, "queue");
    expect(after.counts.visible).toBe(1);
    expect(after.peek?.messages[0].receiveCount).toBe(1);
  });

  it("shows when an in-flight message is visible again, in real time", async () => {
    await context.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 30 }));
    cloud.clock.advance(10_000);
    const snapshot = await inspectQueue(context, "queue");
    const message = snapshot.peek?.messages[0];
    expect(message?.state).toBe("inFlight");
    // 30 s after the receive, 10 s of which were fast-forwarded: about 20 s from now on the real clock.
    expect((message?.visibleAt ?? 0) - Date.now()).toBeGreaterThan(18_000);
    expect((message?.visibleAt ?? 0) - Date.now()).toBeLessThanOrEqual(20_500);
  });

  it("says a queue that is not there does not exist", async () => {
    expect(await inspectQueue(context, "other")).toMatchObject({ exists: false, peek: null });
  });
});
