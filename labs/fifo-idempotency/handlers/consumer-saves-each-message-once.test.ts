/**
 * A new message_id is saved once; the same message_id under a new deduplication id (SQS delivers
 * it) is refused by the conditional write, skipped, noted on the item and still deleted.
 */
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { plannedCase } from "../producer-messages";
import { sendPlanned } from "../steps/producer";
import { consumerEnvironment, invokeConsumer, metricSums, provisioned, receiveEvent, tableItems, type LabFixture } from "../test-support";

let fixture: LabFixture;
beforeAll(async () => {
  fixture = await provisioned("once");
});
afterAll(async () => {
  await fixture?.cloud.close();
});

it("saves the first copy, skips the second as a duplicate send, deletes both and counts each", async () => {
  let n = 0;
  const sent = await sendPlanned(fixture.context, plannedCase("new-dedup-id", { first: "order-1001", second: "order-1002" }, "message-id", () => `m-${++n}`));
  expect(sent[0].sqsMessageId).not.toBe(sent[1].sqsMessageId);

  const event = await receiveEvent(fixture);
  expect(event.Records).toHaveLength(2);
  const { response, logs } = await invokeConsumer(consumerEnvironment(fixture.context), event);
  expect(response).toEqual({ batchItemFailures: [] });

  const items = await tableItems(fixture.context);
  expect(items).toHaveLength(1);
  expect(items[0].message_id.S).toBe("m-1");
  expect(items[0].sqs_message_id.S).toBe(sent[0].sqsMessageId);
  expect(items[0].message_group_id.S).toBe("order-1001");
  expect(items[0].event.S).toBe("paid");
  expect(items[0].skipped_duplicates.N).toBe("1");
  expect(items[0].skipped_redeliveries).toBeUndefined();

  expect(logs.map((l) => `${l.action}:${l.status}`)).toEqual([
    "message_received:info",
    "dynamodb_save:success",
    "sqs_delete_message:success",
    "message_received:info",
    "message_skipped:info",
    "sqs_delete_message:success",
  ]);
  expect(logs.every((l) => l.trace_id === "m-1")).toBe(true);
  expect(String(logs[4].details.reason)).toMatch(/a duplicate send: another SQS message/);
  expect(logs[4].details.first_sqs_message_id).toBe(sent[0].sqsMessageId);

  const { Attributes } = await fixture.context.aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: fixture.queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0" });

  expect(await metricSums(fixture, ["MessagesSaved", "DuplicateMessages", "InvalidMessages", "MessagesDeleted", "DynamoDBSaveError"])).toEqual({
    MessagesSaved: 1,
    DuplicateMessages: 1,
    InvalidMessages: 0,
    MessagesDeleted: 2,
    DynamoDBSaveError: 0,
  });
});
