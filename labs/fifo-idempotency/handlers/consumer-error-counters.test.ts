/**
 * Each failing call is counted under its own metric and fails the message (so SQS gives it out
 * again): the table missing (DynamoDBSaveError), the queue's URL not found (SQSGetURLError), a
 * delete refused (SQSDeleteError). A message whose delete failed is saved already, so its next
 * delivery is skipped, not saved twice.
 */
import { DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { clientConfig } from "@/lib/localcloud/test/harness";
import { plannedSend } from "../producer-messages";
import { sendPlanned } from "../steps/producer";
import { consumerEnvironment, invokeConsumer, metricSums, provisioned, receiveEvent, REGION, tableItems, type LabFixture } from "../test-support";

let fixture: LabFixture;
beforeAll(async () => {
  fixture = await provisioned("errors");
});
afterAll(async () => {
  await fixture?.cloud.close();
});

const send = (messageId: string) => sendPlanned(fixture.context, [plannedSend({ group: "order-1001", event: "placed", dedup: "message-id", messageId }, () => "")]);

it("counts a refused delete as SQSDeleteError, then skips the redelivery", async () => {
  await send("m-delete");
  const event = await receiveEvent(fixture);
  event.Records[0].receiptHandle = "not-a-receipt-handle";
  const failed = await invokeConsumer(consumerEnvironment(fixture.context), event);
  expect(failed.response?.batchItemFailures).toHaveLength(1);
  expect(failed.logs.at(-1)).toMatchObject({ action: "sqs_delete_message", status: "error" });
  expect(String(failed.logs.at(-1)?.details.error)).toMatch(/ReceiptHandleIsInvalid/);

  fixture.cloud.clock.advance(31_000);
  const retried = await invokeConsumer(consumerEnvironment(fixture.context), await receiveEvent(fixture));
  expect(retried.response).toEqual({ batchItemFailures: [] });
  expect(retried.logs.map((l) => l.action)).toEqual(["message_received", "message_skipped", "sqs_delete_message"]);
  expect(await metricSums(fixture, ["MessagesSaved", "DuplicateMessages", "MessagesDeleted", "SQSDeleteError"])).toEqual({
    MessagesSaved: 1,
    DuplicateMessages: 1,
    MessagesDeleted: 1,
    SQSDeleteError: 1,
  });
});

it("counts a queue it cannot find as SQSGetURLError", async () => {
  // A queue of its own, deleted between the receive and the delete; a fresh client has no cached URL.
  const sqs = new SQSClient(clientConfig(fixture.cloud, REGION));
  const name = `${fixture.context.prefix}-gone.fifo`;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { FifoQueue: "true" } }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"message_id":"m-gone"}', MessageGroupId: "g", MessageDeduplicationId: "d" }));
  const gone = { ...fixture, queues: { ...fixture.queues, queueUrl: QueueUrl as string }, queueArn: `arn:aws:sqs:${REGION}:000000000000:${name}` };
  const event = await receiveEvent(gone);
  await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  const result = await invokeConsumer({ ...consumerEnvironment(fixture.context), sqs }, event);
  expect(result.response?.batchItemFailures).toHaveLength(1);
  expect(result.logs.at(-1)).toMatchObject({ action: "sqs_get_queue_url", status: "error" });
  expect(await metricSums(fixture, ["SQSGetURLError", "MessagesSaved"], { queueName: name })).toEqual({ SQSGetURLError: 1, MessagesSaved: 1 });
  sqs.destroy();
});

it("counts a table it cannot write as DynamoDBSaveError and leaves the message for a retry", async () => {
  await fixture.context.aws.dynamodb.send(new DeleteTableCommand({ TableName: fixture.context.names.processedTable }));
  await send("m-no-table");
  const result = await invokeConsumer(consumerEnvironment(fixture.context), await receiveEvent(fixture));
  expect(result.response?.batchItemFailures).toHaveLength(1);
  expect(result.logs.at(-1)).toMatchObject({ action: "dynamodb_save", status: "error" });
  expect(String(result.logs.at(-1)?.details.error)).toMatch(/ResourceNotFoundException/);
  expect((await metricSums(fixture, ["DynamoDBSaveError"])).DynamoDBSaveError).toBe(1);
  const { Attributes } = await fixture.context.aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: fixture.queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessagesNotVisible"] }),
  );
  expect(Attributes?.ApproximateNumberOfMessagesNotVisible).toBe("1");
  expect(await tableItems(fixture.context).catch((e: Error) => e.name)).toBe("ResourceNotFoundException");
});
