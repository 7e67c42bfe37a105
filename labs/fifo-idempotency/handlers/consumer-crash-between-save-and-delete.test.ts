/**
 * The crash switch: the consumer dies after the save and before the delete. SQS gives the message
 * out again after the visibility timeout; the conditional write refuses the second save, the
 * consumer skips it as a redelivery and deletes it. One save, one skip, one delete.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { VISIBILITY_TIMEOUT_SECONDS } from "../provision";
import { plannedSend } from "../producer-messages";
import { sendPlanned } from "../steps/producer";
import { consumerEnvironment, invokeConsumer, metricSums, provisioned, receiveEvent, tableItems, type LabFixture } from "../test-support";
import { CrashAfterSaveError } from "./fifo-consumer";

let fixture: LabFixture;
beforeAll(async () => {
  fixture = await provisioned("crash");
});
afterAll(async () => {
  await fixture?.cloud.close();
});

it("saves once although the message is delivered twice", async () => {
  const [sent] = await sendPlanned(fixture.context, [plannedSend({ group: "order-1001", event: "paid", dedup: "message-id", messageId: "m-crash" }, () => "unused")]);
  const crashing = consumerEnvironment(fixture.context, () => true);

  const first = await invokeConsumer(crashing, await receiveEvent(fixture));
  expect(first.error).toBeInstanceOf(CrashAfterSaveError);
  expect(first.logs.map((l) => l.action)).toEqual(["message_received", "dynamodb_save", "consumer_crash"]);
  expect(await tableItems(fixture.context)).toHaveLength(1);

  // Still in flight: nothing to receive until the visibility timeout ends.
  expect((await receiveEvent(fixture)).Records).toHaveLength(0);
  fixture.cloud.clock.advance((VISIBILITY_TIMEOUT_SECONDS + 1) * 1000);

  // The switch stays on: a skipped duplicate is never saved, so it never reaches the crash.
  const again = await receiveEvent(fixture);
  expect(again.Records.map((r) => [r.messageId, r.attributes.ApproximateReceiveCount])).toEqual([[sent.sqsMessageId, "2"]]);
  const second = await invokeConsumer(crashing, again);
  expect(second.response).toEqual({ batchItemFailures: [] });
  expect(second.logs.map((l) => l.action)).toEqual(["message_received", "message_skipped", "sqs_delete_message"]);
  expect(String(second.logs[1].details.reason)).toMatch(/a redelivery: this same SQS message/);

  const items = await tableItems(fixture.context);
  expect(items).toHaveLength(1);
  expect(items[0].receive_count.N).toBe("1");
  expect(items[0].skipped_redeliveries.N).toBe("1");
  expect(items[0].skipped_duplicates).toBeUndefined();
  fixture.cloud.clock.advance((VISIBILITY_TIMEOUT_SECONDS + 1) * 1000);
  expect((await receiveEvent(fixture)).Records).toHaveLength(0);

  expect(await metricSums(fixture, ["MessagesSaved", "DuplicateMessages", "MessagesDeleted"])).toEqual({ MessagesSaved: 1, DuplicateMessages: 1, MessagesDeleted: 1 });
});
