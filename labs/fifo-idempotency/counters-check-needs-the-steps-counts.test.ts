/**
 * The "counters in CloudWatch" check: every counter agrees at 0 with an empty table and empty
 * queues, so it must also see what the lab's steps count (a save and its delete, the broken
 * message, the redelivery after the crash) before it passes. Against the local cloud, with the
 * lab's own consumer, the clock fast-forwarded past visibility timeouts.
 */
import { ReceiveMessageCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_METRICS_NAMESPACE } from "./handlers/consumer-settings";
import { plannedSend } from "./producer-messages";
import { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_SECONDS } from "./provision";
import { checkCountsAgree } from "./steps/metrics";
import { sendPlanned } from "./steps/producer";
import { consumerEnvironment, invokeConsumer, provisioned, receiveEvent, type LabFixture } from "./test-support";

let fixture: LabFixture;
beforeAll(async () => {
  fixture = await provisioned("counted");
});
afterAll(async () => {
  await fixture?.cloud.close();
});

const environment = (crash = false) => ({ ...consumerEnvironment(fixture.context, () => crash), metricsNamespace: DEFAULT_METRICS_NAMESPACE });
const pastVisibility = () => fixture.cloud.clock.advance((VISIBILITY_TIMEOUT_SECONDS + 1) * 1000);

it("fails with every counter at 0, naming what each step should have counted", async () => {
  const result = await checkCountsAgree(fixture.context);
  expect(result.passed).toBe(false);
  expect(result.reason).toBe(
    "MessagesSaved, MessagesDeleted, InvalidMessages and DuplicateMessages are 0 in CloudWatch, so there is nothing to compare yet: do the steps before this one (on AWS new data points can take a minute or two to appear).",
  );
  expect(result.details).toContain("DuplicateMessages counts the redelivery skipped after the crash of step 5.");
});

it("passes once a save, a crash's skipped redelivery and a broken message are counted and agree", async () => {
  // A message saved, then a crash before its delete; its redelivery is skipped and deleted.
  await sendPlanned(fixture.context, [plannedSend({ group: "order-1", event: "placed", dedup: "message-id", messageId: "m-crash" }, () => "")]);
  expect((await invokeConsumer(environment(true), await receiveEvent(fixture))).error).not.toBeNull();
  let partial = await checkCountsAgree(fixture.context);
  expect(partial).toMatchObject({ passed: false, reason: expect.stringMatching(/^Messages are still in the queue/) });
  pastVisibility();
  expect((await invokeConsumer(environment(), await receiveEvent(fixture))).error).toBeNull();
  partial = await checkCountsAgree(fixture.context);
  expect(partial).toMatchObject({ passed: false, reason: expect.stringMatching(/^InvalidMessages is 0 in CloudWatch/) });

  // A broken message: counted once, failed until SQS moves it to the dead-letter queue.
  await fixture.context.aws.sqs.send(new SendMessageCommand({ QueueUrl: fixture.queues.queueUrl, MessageBody: '{"message_id":"m-broken"', MessageGroupId: "order-2", MessageDeduplicationId: "m-broken" }));
  for (let receive = 0; receive < MAX_RECEIVE_COUNT; receive++) {
    const event = await receiveEvent(fixture);
    expect(event.Records).toHaveLength(1);
    expect((await invokeConsumer(environment(), event)).response?.batchItemFailures).toHaveLength(1);
    pastVisibility();
  }
  const { Messages = [] } = await fixture.context.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: fixture.queues.queueUrl, WaitTimeSeconds: 0 }));
  expect(Messages).toEqual([]);

  const result = await checkCountsAgree(fixture.context);
  expect(result).toMatchObject({ passed: true, reason: "Every counter in CloudWatch agrees with the table and the queues." });
  expect(result.details).toEqual(["MessagesSaved 1 = 1 item in the table", expect.stringMatching(/^DuplicateMessages 1 = /), expect.stringMatching(/^MessagesDeleted 1 = /), "InvalidMessages 1 = 1 message in the dead-letter queue"]);
});
