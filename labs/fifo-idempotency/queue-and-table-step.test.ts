/**
 * Step 1 through the lab's context: creating is idempotent, the check names what is wrong when a
 * setting drifts and the action puts it back, and a queue that is not this lab's is refused.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { LocalCloud } from "@/lib/localcloud/index";
import { startTestCloud } from "@/lib/localcloud/test/harness";
import lab from "./lab";
import { queueUrlOf } from "./provision";
import { labContext } from "./test-support";

const step = lab.steps.find((s) => s.id === "queue-and-table")!;
const create = step.actions.find((a) => a.id === "create")!;

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.close();
});

it("fails before, creates the queues and the table, passes, and is safe to run again", async () => {
  const context = await labContext(cloud, "step1");
  expect(await step.check(context)).toMatchObject({ passed: false, reason: expect.stringContaining("step1-orders.fifo does not exist") });
  const first = await create.run(context, {});
  expect(first.message).toBe("Created step1-orders-dlq.fifo, step1-orders.fifo, step1-processed-messages.");
  expect(await step.check(context)).toMatchObject({ passed: true });
  const again = await create.run(context, {});
  expect(again.message).toBe("step1-orders-dlq.fifo, step1-orders.fifo, step1-processed-messages already existed; their settings are the lab's.");
  expect(await step.check(context)).toMatchObject({ passed: true });
});

it("names a drifted setting, and the action puts it back", async () => {
  const context = await labContext(cloud, "drift");
  await create.run(context, {});
  const url = (await queueUrlOf(context, context.names.ordersQueue))!;
  const { Attributes } = await context.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["RedrivePolicy"] }));
  const policy = JSON.parse(Attributes!.RedrivePolicy!) as { deadLetterTargetArn: string };
  await context.aws.sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: url,
      Attributes: { ContentBasedDeduplication: "false", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount: 5 }) },
    }),
  );
  const drifted = await step.check(context);
  expect(drifted.passed).toBe(false);
  expect(drifted.reason).toContain("content-based deduplication is off");
  expect(drifted.reason).toContain("its maxReceiveCount is 5, not 3");
  await create.run(context, {});
  expect(await step.check(context)).toMatchObject({ passed: true });
});

it("refuses to change a queue of the same name that is not this student's, or not the workbook's", async () => {
  const context = await labContext(cloud, "taken");
  await context.aws.sqs.send(new CreateQueueCommand({ QueueName: context.names.ordersDlq, Attributes: { FifoQueue: "true" }, tags: { Project: "ServerlessLab", Lab: "fifo-idempotency", Student: "someone" } }));
  await expect(create.run(context, {})).rejects.toMatchObject({ name: "PlainFailure", code: "ResourceOwnedByAnotherStudent" });
  await context.aws.sqs.send(new CreateQueueCommand({ QueueName: context.names.ordersDlq.replace("taken", "bare"), Attributes: { FifoQueue: "true" } }));
  await expect(create.run(await labContext(cloud, "bare"), {})).rejects.toMatchObject({ name: "PlainFailure", code: "ResourceNotCreatedByWorkbook" });
  expect(await queueUrlOf(context, context.names.ordersQueue)).toBeNull();
});
