/** A FIFO queue mapped to a function: each invocation holds one message group, in the order sent. */
import { CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";
import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createQueue, deployFunction, esmForTests, eventually, recordInvocations } from "./test-support";

const bed = esmForTests();

it("invokes the function once per message group, each batch in the group's order", async () => {
  const seen = recordInvocations(bed.cloud);
  const fn = uniqueName("fifo-worker");
  await deployFunction(bed, fn);
  const queue = await createQueue(bed.sqs, `${uniqueName("payments")}.fifo`, { FifoQueue: "true", ContentBasedDeduplication: "true" });
  const messages = [
    ["alice", "a1"],
    ["bob", "b1"],
    ["alice", "a2"],
    ["bob", "b2"],
    ["alice", "a3"],
  ];
  await bed.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: queue.url,
      Entries: messages.map(([group, body], i) => ({ Id: String(i), MessageBody: body, MessageGroupId: group })),
    }),
  );
  await bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: queue.arn, FunctionName: fn }));

  await eventually(() => seen.flatMap((i) => i.event.Records).length === 5 && seen.every((i) => i.result));
  const batches = seen.map((i) => i.event.Records.map((r) => `${(r.attributes as { MessageGroupId: string }).MessageGroupId}:${String(r.body)}`));
  expect(batches.sort()).toEqual([["alice:a1", "alice:a2", "alice:a3"], ["bob:b1", "bob:b2"]]);
});
