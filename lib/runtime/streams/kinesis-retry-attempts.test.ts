import type { KinesisStreamEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { backendForTests, backendKindFor, eventually } from "../test/backend";
import { createQueue, receiveAll } from "../test/sqs-queues";
import { createStream, decode, putRecord } from "../test/streams";
import { owner, testRegistry } from "../test/test-registry";

const kind = await backendKindFor(["kinesis", "sqs"]);

describe.skipIf(!kind)(`Kinesis: a failing batch blocks its shard until retries run out (${kind ?? "skipped: no local cloud Kinesis/SQS and no moto_server"})`, () => {
  const backend = backendForTests(["kinesis", "sqs"]);

  it("retries the batch retryAttempts times, skips it, tells the on-failure destination, then goes on", async () => {
    const stream = await createStream(backend, "payments", 1);
    const destination = await createQueue(backend.sqs, "kinesis-failures");
    const shard = { index: 0, count: 1 };
    const first = await putRecord(backend, stream, "ok-1", shard);
    await putRecord(backend, stream, "poison", shard);
    const last = await putRecord(backend, stream, "ok-2", shard);

    const invocations: string[][] = [];
    const registry = testRegistry(backend, {
      processor: async (event: KinesisStreamEvent) => {
        const data = event.Records.map((r) => decode(r.kinesis.data));
        invocations.push(data);
        if (data.includes("poison")) throw new Error("cannot parse the payment");
      },
    });
    await registry.create(owner, {
      functionName: "user3-payment-processor",
      handler: "processor",
      eventSourceArn: stream.arn,
      startingPosition: "TRIM_HORIZON",
      batchSize: 10,
      maximumRetryAttempts: 2,
      onFailureDestination: destination.arn,
    });
    await eventually(backend, () => invocations.length >= 3, { what: "three attempts" });
    expect(invocations).toEqual([
      ["ok-1", "poison", "ok-2"],
      ["ok-1", "poison", "ok-2"],
      ["ok-1", "poison", "ok-2"],
    ]);

    // The shard moves on once the batch is skipped.
    await putRecord(backend, stream, "ok-3", shard);
    await eventually(backend, () => invocations.length >= 4, { what: "the next record" });
    expect(invocations[3]).toEqual(["ok-3"]);
    expect(invocations).toHaveLength(4);

    const [message] = await eventually(backend, async () => {
      const messages = await receiveAll(backend.sqs, destination.url);
      return messages.length > 0 ? messages : undefined;
    }, { what: "the on-failure record" });
    const record = JSON.parse(message.Body as string);
    expect(record).toMatchObject({
      requestContext: { condition: "RetryAttemptsExhausted", approximateInvokeCount: 3, functionArn: expect.stringMatching(/^arn:aws:lambda:us-east-1:\d{12}:function:user3-payment-processor$/) },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      version: "1.0",
      KinesisBatchInfo: { shardId: first.shardId, startSequenceNumber: first.sequenceNumber, endSequenceNumber: last.sequenceNumber, batchSize: 3, streamArn: stream.arn },
    });
    expect(new Date(record.KinesisBatchInfo.approximateArrivalOfFirstRecord).getTime()).toBeGreaterThan(0);
    expect(registry.logs.query(owner, { filter: { type: "mapping", text: "after 2 retries" } })).toHaveLength(1);
    await registry.shutdown();
  });
});
