/**
 * Step 2's cases through the lab's actions, against a FIFO queue with content-based deduplication:
 * what SQS keeps of each, and the 400s for bad input.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { PurgeQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import lab from "./lab";
import { queueCounts } from "./live";
import type { SendResult } from "./steps/producer";
import { provisioned, type LabFixture } from "./test-support";

const step = lab.steps.find((s) => s.id === "producer")!;
const sendCase = step.actions.find((a) => a.id === "send-case")!;
const sendOrder = step.actions.find((a) => a.id === "send-order")!;

let fixture: LabFixture;
beforeAll(async () => {
  fixture = await provisioned("cases");
});
afterAll(async () => {
  await fixture?.cloud.close();
});
beforeEach(async () => {
  await fixture.context.aws.sqs.send(new PurgeQueueCommand({ QueueUrl: fixture.queues.queueUrl }));
  fixture.cloud.clock.advance(61_000);
});

const waiting = async () => {
  const counts = await queueCounts(fixture.context, fixture.context.names.ordersQueue);
  return counts.visible + counts.inFlight;
};
const sends = (data: unknown) => (data as { sends: SendResult[] }).sends;

it("fails its check while nothing was sent", async () => {
  expect(await step.check(fixture.context)).toMatchObject({ passed: false, reason: expect.stringContaining("is empty") });
});

it("same-twice: both sends are accepted, SQS keeps one (explicit id or body hash)", async () => {
  for (const dedup of ["message-id", "content"]) {
    const before = await waiting();
    const outcome = await sendCase.run(fixture.context, { case: "same-twice", dedup });
    const [first, second] = sends(outcome.data);
    expect(second.sqsMessageId).toBe(first.sqsMessageId);
    expect(second.sameAsEarlier).toBe(true);
    expect(outcome.message).toContain("within the 5-minute window it keeps only the first");
    expect(await waiting()).toBe(before + 1);
  }
  expect(await step.check(fixture.context)).toMatchObject({ passed: true, reason: expect.stringContaining("2 in the queue") });
});

it("new-dedup-id: SQS delivers both copies of one message_id", async () => {
  const outcome = await sendCase.run(fixture.context, { case: "new-dedup-id" });
  const [first, second] = sends(outcome.data);
  expect(second.messageId).toBe(first.messageId);
  expect(second.sqsMessageId).not.toBe(first.sqsMessageId);
  expect(await waiting()).toBe(2);
});

it("interleaved: two groups, each received in its own order", async () => {
  await sendCase.run(fixture.context, { case: "interleaved", group: "order-7", secondGroup: "order-8" });
  const { Messages = [] } = await fixture.context.aws.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: fixture.queues.queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["MessageGroupId"] }),
  );
  const events = (group: string) => Messages.filter((m) => m.Attributes?.MessageGroupId === group).map((m) => (JSON.parse(m.Body!) as { event: string }).event);
  expect(events("order-7")).toEqual(["placed", "paid", "shipped"]);
  expect(events("order-8")).toEqual(["placed", "paid", "shipped"]);
});

it("sends one order event with a typed deduplication id, and refuses bad input with the reason", async () => {
  const outcome = await sendOrder.run(fixture.context, { group: "order-9", event: "paid", dedup: "custom", dedupId: "my-id-1" });
  expect(sends(outcome.data)[0]).toMatchObject({ group: "order-9", deduplicationId: "my-id-1" });
  const invalid = sendOrder.params.safeParse({ group: "order 9", event: "paid", dedup: "custom" });
  expect(invalid.success).toBe(false);
  expect(invalid.error?.issues[0].message).toMatch(/letters, digits or _ \. : # -/);
  expect(sendOrder.params.safeParse({ group: "order-9", event: "refunded", dedup: "custom" }).success).toBe(false);
  expect(sendCase.params.safeParse({ case: "interleaved", group: "same", secondGroup: "same" }).error?.issues[0].message).toBe("the two groups must differ");
});
