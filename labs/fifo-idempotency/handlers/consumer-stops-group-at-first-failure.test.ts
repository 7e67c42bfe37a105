/**
 * A FIFO batch is one group in order. When a message fails, the consumer stops: it reports that
 * message and every later one as failed (so they come back together, in order) and processes
 * nothing after it; what came before is saved and deleted.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { orderEventBody } from "../producer-messages";
import { sendPlanned } from "../steps/producer";
import { consumerEnvironment, invokeConsumer, metricSums, provisioned, receiveEvent, tableItems, type LabFixture } from "../test-support";

let fixture: LabFixture;
beforeAll(async () => {
  fixture = await provisioned("stops");
});
afterAll(async () => {
  await fixture?.cloud.close();
});

it("reports the invalid message and the rest of its group as failed, in order", async () => {
  const group = "order-1001";
  const sent = await sendPlanned(fixture.context, [
    { group, body: orderEventBody("m-1", group, "placed"), deduplicationId: "m-1", messageId: "m-1", note: "" },
    { group, body: orderEventBody("m-2", group, "paid").slice(0, -1), deduplicationId: "m-2", messageId: null, note: "" },
    { group, body: orderEventBody("m-3", group, "shipped"), deduplicationId: "m-3", messageId: "m-3", note: "" },
  ]);
  const event = await receiveEvent(fixture);
  expect(event.Records).toHaveLength(3);

  const { response, logs } = await invokeConsumer(consumerEnvironment(fixture.context), event);
  expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: sent[1].sqsMessageId }, { itemIdentifier: sent[2].sqsMessageId }] });
  expect((await tableItems(fixture.context)).map((i) => i.message_id.S)).toEqual(["m-1"]);
  expect(logs.map((l) => `${l.trace_id}:${l.action}`)).toEqual([
    "m-1:message_received",
    "m-1:dynamodb_save",
    "m-1:sqs_delete_message",
    `${sent[1].sqsMessageId}:message_received`,
    `${sent[1].sqsMessageId}:message_invalid`,
    "m-3:message_held",
  ]);
  expect(String(logs[4].details.error)).toMatch(/not JSON/);
  expect(await metricSums(fixture, ["MessagesSaved", "InvalidMessages", "MessagesDeleted"])).toEqual({ MessagesSaved: 1, InvalidMessages: 1, MessagesDeleted: 1 });
});
