/**
 * Why the lab's consumer takes one message per batch. A FIFO batch holds a group's messages in
 * order; when one of them fails, the ones behind it go back with it, and every receive counts
 * for all of them. After maxReceiveCount rounds SQS moves them all to the dead-letter queue:
 * good order events end up beside the broken one. With one message per batch, only the broken
 * message is received again; its group waits, then carries on in order once it has moved.
 */
import { afterEach, expect, it } from "vitest";
import { queueCounts } from "./live";
import { orderEventBody } from "./producer-messages";
import { sendPlanned } from "./steps/producer";
import { consumerRun, metricSums, provisioned, tableItems, type ConsumerRun, type LabFixture } from "./test-support";

let fixture: LabFixture | undefined;
let run: ConsumerRun | undefined;
afterEach(async () => {
  await run?.close();
  await fixture?.cloud.close();
});

async function sendBrokenGroup(f: LabFixture) {
  const group = "order-3001";
  await sendPlanned(f.context, [
    { group, body: orderEventBody("e-1", group, "placed"), deduplicationId: "e-1", messageId: "e-1", note: "" },
    { group, body: orderEventBody("e-2", group, "packed").slice(0, -1), deduplicationId: "e-2", messageId: null, note: "" },
    { group, body: orderEventBody("e-3", group, "paid"), deduplicationId: "e-3", messageId: "e-3", note: "" },
    { group, body: orderEventBody("e-4", group, "shipped"), deduplicationId: "e-4", messageId: "e-4", note: "" },
  ]);
}

it("with batches of 10, the events behind a broken message are dead-lettered with it", async () => {
  fixture = await provisioned("batch10");
  run = await consumerRun(fixture);
  await sendBrokenGroup(fixture);
  await run.start(10);
  await run.drain();
  expect((await tableItems(fixture.context)).map((i) => i.message_id.S)).toEqual(["e-1"]);
  expect(await queueCounts(fixture.context, fixture.context.names.ordersDlq)).toMatchObject({ visible: 3 });
  expect(run.lines.filter((l) => l.action === "message_held").map((l) => l.trace_id)).toEqual(["e-3", "e-4", "e-3", "e-4", "e-3", "e-4"]);
});

it("with batches of 1, only the broken message is dead-lettered and its group goes on in order", async () => {
  fixture = await provisioned("batch1");
  run = await consumerRun(fixture);
  await sendBrokenGroup(fixture);
  await run.start(1);
  await run.drain();
  expect(run.lines.filter((l) => l.action === "dynamodb_save").map((l) => l.trace_id)).toEqual(["e-1", "e-3", "e-4"]);
  expect(await queueCounts(fixture.context, fixture.context.names.ordersDlq)).toMatchObject({ visible: 1 });
  const invalid = run.lines.filter((l) => l.action === "message_invalid");
  expect(invalid.map((l) => l.details.receive_count)).toEqual([1, 2, 3]);
  expect(await metricSums(fixture, ["InvalidMessages", "MessagesSaved", "MessagesDeleted"])).toEqual({ InvalidMessages: 1, MessagesSaved: 3, MessagesDeleted: 3 });
});
