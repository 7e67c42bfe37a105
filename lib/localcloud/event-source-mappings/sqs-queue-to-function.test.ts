/**
 * An SQS queue mapped to a real function: messages are processed and deleted, a partial batch
 * response leaves only the reported messages, a failing function's messages come back after the
 * visibility timeout until the queue's redrive policy moves them to the DLQ, a batching window is
 * waited out on the cloud's clock, and a function out of concurrency (TooManyRequestsException) is
 * throttling: the mapping backs off and retries.
 */
import { CreateEventSourceMappingCommand, DeleteFunctionConcurrencyCommand, GetEventSourceMappingCommand, PutFunctionConcurrencyCommand } from "@aws-sdk/client-lambda";
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { uniqueName } from "../test/harness";
import { createQueue, deployFunction, esmForTests, eventually, recordInvocations, stepClockUntil, type RecordedInvocation } from "./test-support";

const bed = esmForTests();

async function queueCounts(url: string) {
  const { Attributes } = await bed.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  return { visible: Number(Attributes?.ApproximateNumberOfMessages), inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible) };
}

async function mapQueue(arn: string, functionName: string, extra: Record<string, unknown> = {}) {
  return bed.lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: arn, FunctionName: functionName, ...extra }));
}

function bodiesOf(invocations: RecordedInvocation[], functionName: string): string[] {
  return invocations.filter((i) => i.functionName === functionName).flatMap((i) => i.event.Records.map((r) => String(r.body)));
}

describe("an SQS queue mapped to a function", () => {
  it("invokes the function with the messages and deletes them once it succeeds; LastProcessingResult says OK", async () => {
    const seen = recordInvocations(bed.cloud);
    const fn = uniqueName("orders-worker");
    await deployFunction(bed, fn);
    const queue = await createQueue(bed.sqs, uniqueName("orders"));
    const mapping = await mapQueue(queue.arn, fn, { BatchSize: 5 });
    expect(mapping.State).toBe("Creating");
    expect(mapping.LastProcessingResult).toBe("No records processed");

    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "order 1" }));
    await eventually(async () => bodiesOf(seen, fn).includes("order 1") && (await queueCounts(queue.url)).inFlight === 0);

    expect(await queueCounts(queue.url)).toEqual({ visible: 0, inFlight: 0 });
    const record = seen.find((i) => i.functionName === fn)?.event.Records[0];
    expect(record).toMatchObject({ eventSource: "aws:sqs", eventSourceARN: queue.arn, body: "order 1", awsRegion: "us-east-1" });
    const got = await bed.lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }));
    expect(got.LastProcessingResult).toBe("OK");
  });

  it("with ReportBatchItemFailures deletes all but the messages the function reports", async () => {
    const seen = recordInvocations(bed.cloud);
    const fn = uniqueName("partial-worker");
    await deployFunction(bed, fn);
    const queue = await createQueue(bed.sqs, uniqueName("partial"), { VisibilityTimeout: "30" });
    await bed.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: ["ok 1", "partial 2", "ok 3"].map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
    await mapQueue(queue.arn, fn, { FunctionResponseTypes: ["ReportBatchItemFailures"] });
    await eventually(async () => bodiesOf(seen, fn).length >= 3 && (await queueCounts(queue.url)).inFlight === 1);

    bed.cloud.clock.advance(31_000); // the reported message comes back and is tried again
    await eventually(() => bodiesOf(seen, fn).filter((b) => b === "partial 2").length >= 2);
    expect(bodiesOf(seen, fn).filter((b) => b.startsWith("ok"))).toHaveLength(2);
  });

  it("retries a failing batch after each visibility timeout until the redrive policy moves it to the DLQ", async () => {
    const seen = recordInvocations(bed.cloud);
    const fn = uniqueName("failing-worker");
    await deployFunction(bed, fn);
    const dlq = await createQueue(bed.sqs, uniqueName("orders-dlq"));
    const queue = await createQueue(bed.sqs, uniqueName("orders-failing"), {
      VisibilityTimeout: "10",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }),
    });
    const mapping = await mapQueue(queue.arn, fn);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "throw please" }));

    await eventually(() => bodiesOf(seen, fn).length === 1 && seen.every((i) => i.result !== undefined));
    expect(seen.find((i) => i.functionName === fn)?.result?.functionError).toBe("Unhandled");
    bed.cloud.clock.advance(11_000);
    await eventually(() => bodiesOf(seen, fn).length === 2 && seen.every((i) => i.result !== undefined));
    bed.cloud.clock.advance(11_000);
    await eventually(async () => (await queueCounts(dlq.url)).visible === 1);

    const moved = await bed.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    expect(moved.Messages?.[0]?.Body).toBe("throw please");
    expect(bodiesOf(seen, fn)).toEqual(["throw please", "throw please"]);
    const got = await bed.lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }));
    expect(got.LastProcessingResult).toBe("PROBLEM: Function call failed");
  });

  it("gathers a batch for its batching window on the cloud's clock, then invokes once", async () => {
    const seen = recordInvocations(bed.cloud);
    const fn = uniqueName("window-worker");
    await deployFunction(bed, fn);
    const queue = await createQueue(bed.sqs, uniqueName("window"));
    await mapQueue(queue.arn, fn, { BatchSize: 50, MaximumBatchingWindowInSeconds: 30 });
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "first" }));
    await eventually(async () => (await queueCounts(queue.url)).inFlight === 1);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "second" }));
    await eventually(async () => (await queueCounts(queue.url)).inFlight === 2);
    expect(bodiesOf(seen, fn)).toEqual([]);

    for (let second = 0; second < 31; second += 1) bed.cloud.clock.advance(1_000);
    await eventually(() => bodiesOf(seen, fn).length === 2);
    expect(seen.filter((i) => i.functionName === fn)).toHaveLength(1);
  });

  it("treats a function with no concurrency left as throttled: it backs off, and processes once concurrency is back", async () => {
    const seen = recordInvocations(bed.cloud);
    const fn = uniqueName("throttled-worker");
    await deployFunction(bed, fn);
    await bed.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: 0 }));
    const queue = await createQueue(bed.sqs, uniqueName("throttled"), { VisibilityTimeout: "5" });
    await mapQueue(queue.arn, fn);
    await bed.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "wait for me" }));
    await eventually(() => seen.filter((i) => i.functionName === fn && i.error?.startsWith("TooManyRequestsException")).length >= 1);
    expect(await queueCounts(queue.url)).toEqual({ visible: 0, inFlight: 1 }); // held, not deleted, while it backs off

    await bed.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: fn }));
    // The back-off's next retry (well inside the 5 s visibility timeout) finds concurrency again.
    await stepClockUntil(bed.cloud, seen, () => seen.some((i) => i.functionName === fn && i.result !== undefined && !i.result.functionError), { stepMs: 250 });
    await eventually(async () => (await queueCounts(queue.url)).inFlight === 0 && (await queueCounts(queue.url)).visible === 0);
    expect(seen.filter((i) => i.functionName === fn && i.result).map((i) => i.event.Records[0].body)).toEqual(["wait for me"]);
  });
});
